// The encryption passphrase of one destination, typed twice: everything sent there is encrypted
// with it, and without it nobody — Vitre included — can read the backup. Once kept, the user can
// check it against what is on the destination (the test-decrypt).
import { useId, useState, type FormEvent } from 'react';
import type { ApiError, DestinationView, PassphraseCheck } from '../../preload/contract/api.ts';
import { useApi } from '../api/api-context.tsx';
import { Notice } from '../components/notice.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { ErrorText } from '../components/error-text.tsx';

const MIN_LENGTH = 8;

export function PassphraseForm({ destination, onChanged }: { destination: DestinationView; onChanged(): void }) {
  const { api } = useApi();
  const i18n = useI18n();
  const { t } = i18n;
  const id = useId();
  const [editing, setEditing] = useState(!destination.hasPassphrase);
  const [passphrase, setPassphrase] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [check, setCheck] = useState<PassphraseCheck>();
  const tooShort = passphrase.length > 0 && passphrase.length < MIN_LENGTH;
  const differs = confirmation.length > 0 && confirmation !== passphrase;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (tooShort || differs || passphrase === '') return;
    setBusy(true);
    setError(undefined);
    const result = await api.invoke('destinations.set-passphrase', { name: destination.name, passphrase, confirmation });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setPassphrase('');
    setConfirmation('');
    setEditing(false);
    onChanged();
  };

  const runCheck = async () => {
    setBusy(true);
    setError(undefined);
    setCheck(undefined);
    const result = await api.invoke('destinations.check-passphrase', { name: destination.name });
    setBusy(false);
    if (result.ok) setCheck(result.value);
    else setError(result.error);
  };

  if (!editing) {
    return (
      <div className="passphrase-kept">
        <p><span className="badge" data-tone="success">{t('passphrase.kept')}</span></p>
        <div className="inline-actions">
          <button type="button" className="button small" disabled={busy || destination.consentAt === null} onClick={() => void runCheck()}>
            {busy ? t('passphrase.checking') : t('passphrase.check')}
          </button>
          <button type="button" className="button small" onClick={() => setEditing(true)}>{t('passphrase.change')}</button>
        </div>
        {destination.consentAt === null && <p className="hint">{t('passphrase.check.needs-consent')}</p>}
        {check && (
          <p className="hint saved" role="status">
            {check.hasBackup ? t('passphrase.check.ok', { n: i18n.formatNumber(check.snapshots) }) : t('passphrase.check.empty')}
          </p>
        )}
        {error && <Notice title={t('passphrase.check.failed')} tone="danger" alert><ErrorText error={error} /></Notice>}
      </div>
    );
  }
  return (
    <form className="passphrase-form" onSubmit={(event) => void save(event)}>
      <p className="hint">{t('passphrase.lead')}</p>
      <div className="form-grid two">
        <div className="field">
          <label htmlFor={`${id}-passphrase`}>{t('passphrase.new')}</label>
          <input id={`${id}-passphrase`} className="input" type="password" autoComplete="new-password" value={passphrase}
            aria-invalid={tooShort} aria-describedby={`${id}-passphrase-hint`} onChange={(event) => setPassphrase(event.target.value)} />
          <span className="hint" id={`${id}-passphrase-hint`}>{tooShort ? t('passphrase.short', { n: MIN_LENGTH }) : t('passphrase.hint', { n: MIN_LENGTH })}</span>
        </div>
        <div className="field">
          <label htmlFor={`${id}-confirmation`}>{t('passphrase.again')}</label>
          <input id={`${id}-confirmation`} className="input" type="password" autoComplete="new-password" value={confirmation}
            aria-invalid={differs} aria-describedby={`${id}-confirmation-hint`} onChange={(event) => setConfirmation(event.target.value)} />
          <span className="hint" id={`${id}-confirmation-hint`} role={differs ? 'alert' : undefined}>{differs ? t('passphrase.differs') : t('passphrase.again.hint')}</span>
        </div>
      </div>
      {error && <Notice title={t('passphrase.failed')} tone="danger" alert><ErrorText error={error} /></Notice>}
      <div className="inline-actions">
        <button type="submit" className="button" disabled={busy || passphrase === '' || tooShort || confirmation !== passphrase}>{t('passphrase.save')}</button>
        {destination.hasPassphrase && <button type="button" className="button" onClick={() => setEditing(false)}>{t('passphrase.cancel')}</button>}
      </div>
    </form>
  );
}
