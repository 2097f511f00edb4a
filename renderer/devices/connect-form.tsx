// Connect a phone on the local network by address.
import type { ApiError } from '../../preload/contract/api.ts';
import { useId, useState, type FormEvent } from 'react';
import { useApi } from '../api/api-context.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { deviceName } from './device-card.tsx';
import { ErrorText } from '../components/error-text.tsx';

export function ConnectForm({ onConnected }: { onConnected(deviceId: string): void }) {
  const { api } = useApi();
  const { t } = useI18n();
  const [address, setAddress] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [done, setDone] = useState<string>();
  const id = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    setDone(undefined);
    const result = await api.invoke('devices.connect', { address });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setDone(t('connect.done', { name: deviceName(result.value, result.value.serial) }));
    setAddress('');
    onConnected(result.value.id);
  };

  return (
    <section className="card connect" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('connect.title')}</h2>
      <p className="lead">{t('connect.text')}</p>
      <form className="connect-form" onSubmit={(event) => void submit(event)} noValidate>
        <div className="field">
          <label htmlFor={`${id}-address`}>{t('connect.label')}</label>
          <div className="connect-row">
            <input id={`${id}-address`} className="input" type="text" inputMode="url" autoComplete="off" spellCheck={false}
              placeholder={t('connect.placeholder')} value={address} required
              aria-invalid={error !== undefined} aria-describedby={error ? `${id}-error` : undefined}
              onChange={(event) => setAddress(event.target.value)} />
            <button type="submit" className="button primary" disabled={busy || address.trim() === ''}>
              {busy ? t('connect.busy') : t('connect.submit')}
            </button>
          </div>
        </div>
        {error && <div id={`${id}-error`} className="error-text" role="alert"><ErrorText error={error} /></div>}
        {done && <p className="success-text" role="status">{done}</p>}
      </form>
    </section>
  );
}
