// Phones: what is connected and in what state, how to connect one (USB steps, Wi-Fi address),
// the simulated phone when none is at hand, and the selected phone's facts.
import { useState } from 'react';
import type { Device } from '../../preload/contract/api.ts';
import { useApi } from '../api/api-context.tsx';
import { PhoneIcon, SimulatedIcon } from '../components/icons.tsx';
import { Notice } from '../components/notice.tsx';
import { Page } from '../components/page.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { ConnectForm } from './connect-form.tsx';
import { DeviceCard } from './device-card.tsx';
import { DeviceFactsPanel } from './device-facts-panel.tsx';
import { useDevices } from './use-devices.ts';
import './devices.css';

export function DevicesScreen() {
  const { api } = useApi();
  const { t } = useI18n();
  const { list, error } = useDevices();
  const [chosen, setChosen] = useState<string>();
  const [actionError, setActionError] = useState<string>();
  const [startingDemo, setStartingDemo] = useState(false);

  const ready = list?.devices.filter((device) => device.state === 'ready') ?? [];
  // The phone whose facts are shown: the one picked, else the first ready one.
  const selected = ready.find((device) => device.id === chosen) ?? ready[0];

  const run = async (work: Promise<{ ok: true } | { ok: false; error: { message: string } }>) => {
    setActionError(undefined);
    const result = await work;
    if (!result.ok) setActionError(result.error.message);
    return result.ok;
  };
  const startDemo = async () => {
    setStartingDemo(true);
    await run(api.invoke('demo-phone.start', {}).then((result) => {
      if (result.ok) setChosen(result.value.id);
      return result;
    }));
    setStartingDemo(false);
  };
  const disconnect = (device: Device) =>
    void run(device.simulated ? api.invoke('demo-phone.stop', {}) : api.invoke('devices.disconnect', { deviceId: device.id }));

  return (
    <Page title={t('devices.title')} subtitle={t('devices.subtitle')}>
      <div className="devices-layout">
        <div className="devices-column">
          {error && <Notice title={t('error.title')} tone="danger" alert><p>{error.message}</p></Notice>}
          {actionError && <Notice title={t('error.title')} tone="danger" alert><p>{actionError}</p></Notice>}
          {list?.problems.map((problem) => (
            <Notice key={problem.kind} title={t(`problem.${problem.kind}`)}>
              <p>{t(`problem.${problem.kind}.fix`)}</p>
              <p className="muted">{problem.message}</p>
            </Notice>
          ))}
          {list === undefined && !error && <p className="lead" role="status">{t('devices.loading')}</p>}
          {list !== undefined && list.devices.length > 0 && (
            <section aria-labelledby="device-list-title">
              <h2 id="device-list-title" className="section-title">{t('devices.list')}</h2>
              <ul className="device-list">
                {list.devices.map((device) => (
                  <DeviceCard key={device.id} device={device} selected={device.id === selected?.id}
                    onSelect={() => setChosen(device.id)}
                    onDisconnect={device.transport === 'usb' ? undefined : () => disconnect(device)} />
                ))}
              </ul>
            </section>
          )}
          {list !== undefined && list.devices.length === 0 && <NoPhone />}
          {list !== undefined && !list.demoRunning && list.devices.length === 0 && (
            <section className="card demo" aria-labelledby="demo-title">
              <div className="demo-icon"><SimulatedIcon size={28} /></div>
              <div className="demo-text">
                <h2 id="demo-title">{t('devices.demo.title')}</h2>
                <p className="lead">{t('devices.demo.text')}</p>
                <button type="button" className="button primary" disabled={startingDemo} onClick={() => void startDemo()}>
                  {startingDemo ? t('devices.demo.starting') : t('devices.demo.start')}
                </button>
              </div>
            </section>
          )}
          <ConnectForm onConnected={setChosen} />
        </div>
        <DeviceFactsPanel device={selected} />
      </div>
    </Page>
  );
}

function NoPhone() {
  const { t } = useI18n();
  return (
    <section className="card no-phone" aria-labelledby="no-phone-title">
      <div className="no-phone-icon"><PhoneIcon size={28} /></div>
      <div>
        <h2 id="no-phone-title">{t('devices.empty.title')}</h2>
        <p className="lead">{t('devices.empty.text')}</p>
        <ol className="steps">
          <li>{t('devices.empty.step1')}</li>
          <li>{t('devices.empty.step2')}</li>
          <li>{t('devices.empty.step3')}</li>
        </ol>
      </div>
    </section>
  );
}
