// Model, Android version, storage and battery of the selected phone.
import { useEffect, useState } from 'react';
import type { ApiError, Device, DeviceFacts } from '../../preload/contract/api.ts';
import { useApi } from '../api/api-context.tsx';
import { BatteryIcon, LightningIcon } from '../components/icons.tsx';
import { Notice } from '../components/notice.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { ErrorText } from '../components/error-text.tsx';

type Load = { status: 'loading' } | { status: 'done'; facts: DeviceFacts } | { status: 'failed'; error: ApiError };

export function DeviceFactsPanel({ device }: { device: Device | undefined }) {
  const { t } = useI18n();
  return (
    <section className="card facts-panel" aria-labelledby="facts-title">
      <h2 id="facts-title">{t('facts.title')}</h2>
      {device === undefined ? <p className="lead">{t('facts.pick')}</p> : <Facts key={device.id} device={device} />}
    </section>
  );
}

function Facts({ device }: { device: Device }) {
  const { api } = useApi();
  const { t } = useI18n();
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    setLoad({ status: 'loading' });
    void api.invoke('devices.facts', { deviceId: device.id }).then((result) => {
      if (!current) return;
      setLoad(result.ok ? { status: 'done', facts: result.value } : { status: 'failed', error: result.error });
    });
    return () => {
      current = false;
    };
  }, [api, device.id, attempt]);

  if (load.status === 'loading') return <p className="lead" role="status">{t('facts.loading')}</p>;
  if (load.status === 'failed') {
    return (
      <div className="facts-error">
        <Notice title={t('error.title')} tone="danger" alert><ErrorText error={load.error} /></Notice>
        <button type="button" className="button small" onClick={() => setAttempt((n) => n + 1)}>{t('facts.retry')}</button>
      </div>
    );
  }
  return <FactList facts={load.facts} />;
}

function FactList({ facts }: { facts: DeviceFacts }) {
  const { t, formatPercent } = useI18n();
  const unknown = t('facts.unknown');
  const android = facts.androidVersion === null
    ? unknown
    : facts.sdkLevel === null
      ? `Android ${facts.androidVersion}`
      : t('facts.android.value', { version: facts.androidVersion, sdk: facts.sdkLevel });
  return (
    <dl className="facts">
      <div><dt>{t('facts.model')}</dt><dd>{facts.model ?? unknown}</dd></div>
      <div><dt>{t('facts.manufacturer')}</dt><dd>{facts.manufacturer ?? unknown}</dd></div>
      <div><dt>{t('facts.android')}</dt><dd>{android}</dd></div>
      <div>
        <dt>{t('facts.storage')}</dt>
        <dd>{facts.storage === null ? unknown : <StorageBar {...facts.storage} />}</dd>
      </div>
      <div>
        <dt>{t('facts.battery')}</dt>
        <dd>
          {facts.battery === null ? unknown : (
            <span className="battery">
              {facts.battery.charging ? <LightningIcon size={18} /> : <BatteryIcon size={18} />}
              {formatPercent(facts.battery.percent / 100)}
              <span className="muted">({facts.battery.charging ? t('facts.battery.charging') : t('facts.battery.not-charging')})</span>
            </span>
          )}
        </dd>
      </div>
    </dl>
  );

}

function StorageBar({ totalBytes, freeBytes }: { totalBytes: number; freeBytes: number }) {
  const { t, formatBytes, formatPercent } = useI18n();
  const used = Math.max(0, totalBytes - freeBytes);
  const fraction = totalBytes > 0 ? used / totalBytes : 0;
  return (
    <div className="storage">
      <span>{t('facts.storage.value', { used: formatBytes(used), total: formatBytes(totalBytes) })}</span>
      {/* Width set through the CSSOM: the CSP forbids inline style attributes. */}
      <div className="bar" aria-hidden="true">
        <div className="bar-fill" ref={(element) => element?.style.setProperty('width', `${(fraction * 100).toFixed(1)}%`)} />
      </div>
      <span className="muted">{t('facts.storage.free', { free: formatBytes(freeBytes) })} · {formatPercent(fraction)}</span>
    </div>
  );
}
