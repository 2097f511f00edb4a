// One phone in the list: name, how it is connected, its state, and — when it is not ready — the
// exact steps that make it ready.
import type { Device } from '../../preload/contract/api.ts';
import { PhoneIcon, SimulatedIcon, UsbIcon, WifiIcon } from '../components/icons.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { fixSteps, STATE_TONE } from './fix-steps.ts';

export function deviceName(device: Device, fallback: string): string {
  return device.model ?? (device.transport === 'usb' ? device.serial : fallback);
}

export function DeviceCard({ device, selected, onSelect, onDisconnect }: {
  device: Device;
  selected: boolean;
  onSelect(): void;
  onDisconnect?: () => void;
}) {
  const { t } = useI18n();
  const name = deviceName(device, t('devices.unnamed'));
  const steps = fixSteps(device);
  const TransportIcon = device.transport === 'usb' ? UsbIcon : device.transport === 'lan' ? WifiIcon : SimulatedIcon;
  return (
    <li className="device-card card" data-selected={selected}>
      <div className="device-row">
        <div className="device-avatar" data-simulated={device.simulated}>
          {device.simulated ? <SimulatedIcon size={26} /> : <PhoneIcon size={26} />}
        </div>
        <div className="device-main">
          <div className="device-title">
            <h3>{name}</h3>
            {device.simulated && <span className="badge" data-tone="simulated">{t('devices.simulated')}</span>}
          </div>
          <p className="device-meta">
            <TransportIcon size={16} />
            <span>{t(`devices.transport.${device.transport}`)}</span>
            <span aria-hidden="true">·</span>
            <code>{device.serial}</code>
          </p>
        </div>
        <span className="badge" data-tone={STATE_TONE[device.state]}>{t(`state.${device.state}`)}</span>
      </div>
      {device.simulated && <p className="device-note">{t('devices.simulated.note')}</p>}
      <div className="device-actions">
        {device.state === 'ready' && (
          <button type="button" className="button small" aria-pressed={selected}
            aria-label={t('devices.details.for', { name })} onClick={onSelect}>
            {t('devices.details')}
          </button>
        )}
        {onDisconnect && (
          <button type="button" className="button small" aria-label={t('devices.disconnect.for', { name })} onClick={onDisconnect}>
            {t('devices.disconnect')}
          </button>
        )}
      </div>
      {steps.length > 0 && (
        <div className="fix-steps">
          <h4>{t('devices.fix')}</h4>
          <ol>{steps.map((key) => <li key={key}>{t(key)}</li>)}</ol>
        </div>
      )}
    </li>
  );
}
