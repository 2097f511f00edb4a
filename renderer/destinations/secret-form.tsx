// The password or secret key typed again: the local web host keeps secrets only while it runs,
// so after a restart a destination needs it once more before Vitre can reach it.
import { useId, useState, type FormEvent } from 'react';
import type { ApiError, DestinationView } from '../../preload/contract/api.ts';
import { useApi } from '../api/api-context.tsx';
import { Notice } from '../components/notice.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { ErrorText } from '../components/error-text.tsx';

export function SecretForm({ destination, onSaved }: { destination: DestinationView; onSaved(): void }) {
  const { api } = useApi();
  const { t } = useI18n();
  const id = useId();
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<ApiError>();
  const label = t(destination.kind === 's3' ? 'destinations.s3.secret' : 'destinations.webdav.password');

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const result = await api.invoke('destinations.set-secret', { name: destination.name, secret });
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setSecret('');
    onSaved();
  };
  return (
    <Notice title={t('destinations.secret.missing')}>
      <form className="secret-form" onSubmit={(event) => void save(event)}>
        <label htmlFor={`${id}-secret`}>{label}</label>
        <div className="inline-actions">
          <input id={`${id}-secret`} className="input" type="password" autoComplete="current-password" value={secret}
            onChange={(event) => setSecret(event.target.value)} />
          <button type="submit" className="button" disabled={secret === ''}>{t('destinations.secret.save')}</button>
        </div>
      </form>
      {error && <div className="error-text" role="alert"><ErrorText error={error} /></div>}
    </Notice>
  );
}
