// Export of the whole log as HAR, CSV or JSONL. Redacted by default; unmasked values only after
// the user confirms, since they may include phone numbers and message text. The file arrives over
// the API (IPC or the web host's socket) and is saved by the browser as a download.
import { useId, useState } from 'react';
import type { ActivityExportFormat, ApiError } from '../../preload/contract/api.ts';
import { useApi } from '../api/api-context.tsx';
import { Notice } from '../components/notice.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { ErrorText } from '../components/error-text.tsx';

const FORMATS: ActivityExportFormat[] = ['har', 'csv', 'jsonl'];

export function ActivityExport() {
  const { api } = useApi();
  const { t, formatNumber } = useI18n();
  const [format, setFormat] = useState<ActivityExportFormat>('har');
  const [raw, setRaw] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string>();
  const [error, setError] = useState<ApiError>();
  const id = useId();

  const run = async (unmasked: boolean) => {
    setConfirming(false);
    setBusy(true);
    setDone(undefined);
    setError(undefined);
    const result = await api.invoke('activity.export', { format, raw: unmasked });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    const { content, fileName, mimeType, records } = result.value;
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([content], { type: mimeType }));
    link.download = fileName;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    setDone(t('activity.export.done', { n: formatNumber(records), file: fileName }));
  };

  return (
    <div className="activity-export">
      <div className="export-controls">
        <label htmlFor={`${id}-format`}>{t('activity.export.format')}</label>
        <select id={`${id}-format`} className="select" value={format} onChange={(event) => setFormat(event.target.value as ActivityExportFormat)}>
          {FORMATS.map((choice) => <option key={choice} value={choice}>{t(`activity.export.${choice}`)}</option>)}
        </select>
        <label className="checkbox">
          <input type="checkbox" checked={raw} onChange={(event) => setRaw(event.target.checked)} />
          <span>{t('activity.export.raw')}</span>
        </label>
        <button type="button" className="button primary" disabled={busy} onClick={() => (raw ? setConfirming(true) : void run(false))}>
          {busy ? t('activity.export.busy') : t('activity.export.action')}
        </button>
      </div>
      {confirming && (
        <Notice title={t('activity.export.confirm.title')} tone="danger">
          <p>{t('activity.export.confirm.text')}</p>
          <div className="confirm-actions">
            <button type="button" className="button" onClick={() => void run(true)}>{t('activity.export.confirm.yes')}</button>
            <button type="button" className="button primary" onClick={() => setConfirming(false)}>{t('activity.export.confirm.no')}</button>
          </div>
        </Notice>
      )}
      {done && <p className="hint" role="status">{done}</p>}
      {error && <Notice title={t('error.title')} tone="danger" alert><ErrorText error={error} /></Notice>}
    </div>
  );
}
