// The tamper check: the log's hash chain, verified on demand, with the first record that breaks it.
import { useCallback, useEffect, useState } from 'react';
import type { ActivityVerification, ApiError } from '../../preload/contract/api.ts';
import { useApi } from '../api/api-context.tsx';
import { useI18n } from '../i18n/i18n.tsx';

export function LogIntegrity() {
  const { api, state } = useApi();
  const { t, formatNumber } = useI18n();
  const [result, setResult] = useState<ActivityVerification | ApiError>();
  const [checking, setChecking] = useState(false);

  const check = useCallback(() => {
    setChecking(true);
    void api.invoke('activity.verify', {}).then((answer) => {
      setChecking(false);
      setResult(answer.ok ? answer.value : answer.error);
    });
  }, [api]);
  useEffect(() => {
    if (state === 'open') check();
  }, [state, check]);

  let text = t('activity.integrity.checking');
  let tone = 'neutral';
  if (!checking && result !== undefined) {
    if ('kind' in result) [text, tone] = [result.message, 'danger'];
    else if (result.ok) [text, tone] = [t('activity.integrity.ok', { n: formatNumber(result.records) }), 'success'];
    else [text, tone] = [t('activity.integrity.broken', { id: result.firstBadId, message: result.message }), 'danger'];
  }
  return (
    <div className="log-integrity" data-tone={tone}>
      <span className="integrity-dot" aria-hidden="true" />
      <span role="status">{text}</span>
      <button type="button" className="button small" onClick={check} disabled={checking}>{t('activity.integrity.again')}</button>
    </div>
  );
}
