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
import { ErrorText } from '../components/error-text.tsx';

export function DevicesScreen() {
  const { api } = useApi();
  const { t } = useI18n();
  const { list, error } = useDevices();
  const [chosen, setChosen] = useState<string>();
  const [actionError, setActionError] = useState<string>();

  const ready = list?.devices.filter((device) => device.state === 'ready') ?? [];
  // The phone whose facts are shown: the one picked, else the first ready one.
  const selected = ready.find((device) => device.id === chosen) ?? ready[0];
  const report = (result: { ok: true } | { ok: false; error: { message: string } }) =>
    setActionError(result.ok ? undefined : result.error.message);
  const disconnect = (device: Device) =>
    void (device.simulated ? api.invoke('demo-phone.stop', {}) : api.invoke('devices.disconnect', { deviceId: device.id })).then(report);

  return (
    <Page title={t('devices.title')} subtitle={t('devices.subtitle')}>
      <div className="devices-layout">
        <div className="devices-column">
          {error && <Notice title={t('error.title')} tone="danger" alert><ErrorText error={error} /></Notice>}
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
            <DemoOffer onStarted={setChosen} onResult={report} />
          )}
          <ConnectForm onConnected={setChosen} />
        </div>
        <DeviceFactsPanel device={selected} />
      </div>
    </Page>
  );
}

/** The simulated phone, offered when no phone is connected. */
function DemoOffer({ onStarted, onResult }: {
  onStarted(deviceId: string): void;
  onResult(result: { ok: true } | { ok: false; error: { message: string } }): void;
}) {
  const { api } = useApi();
  const { t } = useI18n();
  const [starting, setStarting] = useState(false);
  const start = async () => {
    setStarting(true);
    const result = await api.invoke('demo-phone.start', {});
    setStarting(false);
    if (result.ok) onStarted(result.value.id);
    onResult(result);
  };
  return (
    <section className="card demo" aria-labelledby="demo-title">
      <div className="demo-icon"><SimulatedIcon size={28} /></div>
      <div className="demo-text">
        <h2 id="demo-title">{t('devices.demo.title')}</h2>
        <p className="lead">{t('devices.demo.text')}</p>
        <button type="button" className="button primary" disabled={starting} onClick={() => void start()}>
          {starting ? t('devices.demo.starting') : t('devices.demo.start')}
        </button>
      </div>
    </section>
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
