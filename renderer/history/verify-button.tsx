// Verifying a snapshot: every stored copy re-read and checked against its hash; the result stays
// shown next to the button.
import { useState } from 'react';
import type { ApiError, HistoryVerify } from '../../preload/contract/api.ts';
import { useApi } from '../api/api-context.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { ErrorText } from '../components/error-text.tsx';

export function VerifyButton({ folder, snapshot }: { folder: string; snapshot: string }) {
  const { api } = useApi();
  const i18n = useI18n();
  const { t } = i18n;
  const [working, setWorking] = useState(false);
  const [result, setResult] = useState<HistoryVerify>();
  const [error, setError] = useState<ApiError>();
  const verify = async () => {
    setWorking(true);
    setError(undefined);
    const answer = await api.invoke('history.verify', { folder, snapshot });
    setWorking(false);
    if (answer.ok) setResult(answer.value);
    else setError(answer.error);
  };
  return (
    <div className="verify">
      <button type="button" className="button small" disabled={working} onClick={() => void verify()}>
        {working ? t('history.verify.working') : t('history.verify')}
      </button>
      <div role="status" className="verify-result">
        {result && result.snapshot === snapshot && (result.ok ? (
          <span className="badge" data-tone="success">{t('history.verify.ok', { n: i18n.formatNumber(result.objectsChecked), bytes: i18n.formatBytes(result.bytesChecked) })}</span>
        ) : (
          <span className="verify-problems">
            <span className="badge" data-tone="danger">{t('history.verify.bad', { n: i18n.formatNumber(result.problems.length) })}</span>
            {result.problems.slice(0, 5).map((problem) => <span key={problem.path} className="hint">{problem.path}: {problem.message}</span>)}
          </span>
        ))}
        {error && <span className="error-text"><ErrorText error={error} inline /></span>}
      </div>
    </div>
  );
}
