// One destination: where it is, whether the user agreed to send backups there (and which
// categories), the connection test step by step, its password if it must be typed again, its
// encryption passphrase, and removing it.
import { useId, useState } from 'react';
import type { ApiError, DestinationTest, DestinationView } from '../../preload/contract/api.ts';
import { useApi } from '../api/api-context.tsx';
import { categoryLabel } from '../components/category-label.ts';
import { ConsentDialog } from '../components/consent-dialog.tsx';
import { Notice } from '../components/notice.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { PassphraseForm } from './passphrase-form.tsx';
import { SecretForm } from './secret-form.tsx';
import { ErrorText } from '../components/error-text.tsx';

export function DestinationCard({ destination, onChanged }: { destination: DestinationView; onChanged(): void }) {
  const { api } = useApi();
  const i18n = useI18n();
  const { t } = i18n;
  const id = useId();
  const [asking, setAsking] = useState(false);
  const [testing, setTesting] = useState(false);
  const [test, setTest] = useState<DestinationTest>();
  const [removing, setRemoving] = useState(false);
  const [error, setError] = useState<ApiError>();

  const runTest = async () => {
    setTesting(true);
    setTest(undefined);
    setError(undefined);
    const result = await api.invoke('destinations.test', { name: destination.name });
    setTesting(false);
    if (result.ok) setTest(result.value);
    else setError(result.error);
  };
  const answerConsent = async (agreed: boolean) => {
    setAsking(false);
    if (!agreed) return;
    const result = await api.invoke('destinations.consent', { name: destination.name, categories: [] });
    if (!result.ok) {
      setError(result.error);
      return;
    }
    onChanged();
    await runTest();
  };
  const remove = async () => {
    const result = await api.invoke('destinations.remove', { name: destination.name });
    if (result.ok) onChanged();
    else setError(result.error);
  };

  const enabled = destination.consentAt !== null;
  return (
    <li className="card destination-card" aria-labelledby={`${id}-name`}>
      <div className="card-heading">
        <div>
          <h3 id={`${id}-name`}>{destination.name}</h3>
          <p className="destination-where"><span className="badge">{t(`destinations.kind.${destination.kind}`)}</span> <code>{destination.url}</code></p>
        </div>
        <span className="badge" data-tone={enabled ? 'success' : undefined}>{enabled ? t('destinations.enabled') : t('destinations.not-enabled')}</span>
      </div>
      <dl className="destination-facts">
        <dt>{t(destination.kind === 's3' ? 'destinations.s3.key' : 'destinations.webdav.user')}</dt>
        <dd>{destination.user}</dd>
        {destination.bucket !== null && (<><dt>{t('destinations.s3.bucket')}</dt><dd>{destination.bucket}{destination.region ? ` · ${destination.region}` : ''}</dd></>)}
        <dt>{t('destinations.sent')}</dt>
        <dd>{destination.categories.length > 0 ? destination.categories.map((c) => categoryLabel(t, c)).join(', ') : t('destinations.sent.none')}</dd>
        {enabled && (
          <>
            <dt>{t(destination.consentScope === 'connect' ? 'destinations.consent.test-at' : 'destinations.consent.at')}</dt>
            <dd>{i18n.formatDate(new Date(destination.consentAt!))}</dd>
          </>
        )}
      </dl>

      {!destination.hasSecret && <SecretForm destination={destination} onSaved={onChanged} />}

      <div className="destination-section">
        <h4>{t('destinations.test.title')}</h4>
        <div className="inline-actions">
          <button type="button" className="button" disabled={testing || !destination.hasSecret}
            onClick={() => (enabled ? void runTest() : setAsking(true))}>
            {testing ? t('destinations.test.busy') : t('destinations.test.action')}
          </button>
          {!enabled && <span className="hint">{t('destinations.test.consent')}</span>}
        </div>
        {test && (
          <ol className="probe-steps" aria-label={t('destinations.test.steps')}>
            {test.steps.map((step) => (
              <li key={step.step} data-ok={step.ok}>
                <span className="probe-mark" aria-hidden="true">{step.ok ? '✓' : '✕'}</span>
                <strong>{t(`destinations.step.${step.step}`)}</strong>
                <span className="visually-hidden">{step.ok ? t('destinations.step.ok') : t('destinations.step.failed')}</span>
                {/* A step that passed says so in the user's language; a failure keeps the engine's own account of why. */}
                <span className="probe-message">{step.ok ? t(`destinations.step.${step.step}.done`) : step.message}</span>
              </li>
            ))}
          </ol>
        )}
        {test && <p className="hint" role="status">{test.ok ? t('destinations.test.ok') : t('destinations.test.failed')}</p>}
      </div>

      <div className="destination-section">
        <h4>{t('passphrase.title')}</h4>
        <PassphraseForm destination={destination} onChanged={onChanged} />
      </div>

      {error && <Notice title={t('error.title')} tone="danger" alert><ErrorText error={error} /></Notice>}
      <div className="destination-remove">
        {removing ? (
          <Notice title={t('destinations.remove.confirm', { name: destination.name })}>
            <p>{t('destinations.remove.text')}</p>
            <div className="inline-actions">
              <button type="button" className="button" onClick={() => void remove()}>{t('destinations.remove.yes')}</button>
              <button type="button" className="button primary" onClick={() => setRemoving(false)}>{t('destinations.remove.no')}</button>
            </div>
          </Notice>
        ) : (
          <button type="button" className="button small" onClick={() => setRemoving(true)}>{t('destinations.remove', { name: destination.name })}</button>
        )}
      </div>
      {asking && <ConsentDialog destination={destination} categories={[]} onAnswer={(agreed) => void answerConsent(agreed)} />}
    </li>
  );
}
