// Adding a destination: WebDAV (folder address, user, password) or S3 (endpoint, region, bucket,
// access key id, secret key, path-style addressing, optional prefix). The secret goes to the
// engine once and is never shown again; the form clears it as soon as it is sent.
import { useId, useState, type FormEvent } from 'react';
import type { ApiError, DestinationAddInput, DestinationKind } from '../../preload/contract/api.ts';
import { useApi } from '../api/api-context.tsx';
import { Notice } from '../components/notice.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { ErrorText } from '../components/error-text.tsx';

const EMPTY = { name: '', url: '', user: '', secret: '', region: '', bucket: '', prefix: '', pathStyle: true };

export function DestinationForm({ onAdded }: { onAdded(name: string): void }) {
  const { api } = useApi();
  const { t } = useI18n();
  const id = useId();
  const [kind, setKind] = useState<DestinationKind>('webdav');
  const [fields, setFields] = useState(EMPTY);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const set = (key: keyof typeof EMPTY) => (value: string | boolean) => setFields((current) => ({ ...current, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    const input: DestinationAddInput = kind === 'webdav'
      ? { kind, name: fields.name, url: fields.url, username: fields.user, secret: fields.secret }
      : {
        kind, name: fields.name, endpoint: fields.url, region: fields.region, bucket: fields.bucket, accessKeyId: fields.user,
        secret: fields.secret, pathStyle: fields.pathStyle, ...(fields.prefix.trim() ? { prefix: fields.prefix } : {}),
      };
    const result = await api.invoke('destinations.add', input);
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setFields(EMPTY);
    onAdded(result.value.name);
  };

  const text = (key: keyof typeof EMPTY, label: string, options: { hint?: string; type?: string; placeholder?: string; autoComplete?: string } = {}) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <input id={`${id}-${key}`} className="input" type={options.type ?? 'text'} value={fields[key] as string} required spellCheck={false}
        autoCapitalize="off" autoComplete={options.autoComplete ?? 'off'} placeholder={options.placeholder}
        {...(options.hint ? { 'aria-describedby': `${id}-${key}-hint` } : {})}
        onChange={(event) => set(key)(event.target.value)} />
      {options.hint && <span className="hint" id={`${id}-${key}-hint`}>{options.hint}</span>}
    </div>
  );

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('destinations.add.title')}</h2>
      <p className="lead">{t('destinations.add.lead')}</p>
      <form className="destination-form" onSubmit={(event) => void submit(event)}>
        <fieldset className="destination-kind">
          <legend>{t('destinations.kind')}</legend>
          <div className="segmented">
            {(['webdav', 's3'] as const).map((choice) => (
              <label key={choice} className="segment">
                <input type="radio" name={`${id}-kind`} value={choice} checked={kind === choice} onChange={() => setKind(choice)} />
                <span>{t(`destinations.kind.${choice}`)}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <div className="form-grid">
          {text('name', t('destinations.name'), { placeholder: t('destinations.name.placeholder') })}
          {kind === 'webdav' ? (
            <>
              {text('url', t('destinations.webdav.url'), { type: 'url', placeholder: 'https://cloud.example.org/remote.php/dav/files/me/Vitre', hint: t('destinations.webdav.url.hint') })}
              {text('user', t('destinations.webdav.user'))}
              {text('secret', t('destinations.webdav.password'), { type: 'password', autoComplete: 'new-password' })}
            </>
          ) : (
            <>
              {text('url', t('destinations.s3.endpoint'), { type: 'url', placeholder: 'https://s3.eu-central-1.amazonaws.com' })}
              {text('region', t('destinations.s3.region'), { placeholder: 'eu-central-1' })}
              {text('bucket', t('destinations.s3.bucket'))}
              {text('user', t('destinations.s3.key'))}
              {text('secret', t('destinations.s3.secret'), { type: 'password', autoComplete: 'new-password' })}
              <div className="field">
                <label htmlFor={`${id}-prefix`}>{t('destinations.s3.prefix')}</label>
                <input id={`${id}-prefix`} className="input" type="text" value={fields.prefix} spellCheck={false} autoCapitalize="off"
                  placeholder="vitre/" onChange={(event) => set('prefix')(event.target.value)} />
              </div>
              <label className="checkbox path-style">
                <input type="checkbox" checked={fields.pathStyle} onChange={(event) => set('pathStyle')(event.target.checked)} />
                <span>{t('destinations.s3.path-style')}</span>
              </label>
            </>
          )}
        </div>
        <p className="hint">{t('destinations.add.off')}</p>
        {error && <Notice title={t('destinations.add.failed')} tone="danger" alert><ErrorText error={error} /></Notice>}
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={busy}>{busy ? t('destinations.add.busy') : t('destinations.add.action')}</button>
        </div>
      </form>
    </section>
  );
}
