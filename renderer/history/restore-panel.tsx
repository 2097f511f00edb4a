// Restoring what the user ticked: first a dry run that lists exactly what would change on the
// phone, then the restore itself, then what it did.
import { useEffect, useRef, useState } from 'react';
import type { ApiError, Device, HistoryRestore } from '../../preload/contract/api.ts';
import { useApi } from '../api/api-context.tsx';
import { Notice } from '../components/notice.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { ErrorText } from '../components/error-text.tsx';

type Step = { kind: 'idle' } | { kind: 'working' } | { kind: 'preview'; plan: HistoryRestore } | { kind: 'done'; result: HistoryRestore };

export function RestorePanel({ folder, snapshot, selected, phone, onClear, onOpenPhones }: {
  folder: string;
  snapshot: string;
  selected: string[];
  phone: Device | undefined;
  onClear(): void;
  onOpenPhones(): void;
}) {
  const { api } = useApi();
  const i18n = useI18n();
  const { t } = i18n;
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [error, setError] = useState<ApiError>();
  const heading = useRef<HTMLHeadingElement>(null);
  // The preview and the result appear below the photos: bring them into view and move focus there,
  // so keyboard and screen-reader users land on what changed.
  useEffect(() => {
    if (step.kind !== 'preview' && step.kind !== 'done') return;
    heading.current?.scrollIntoView({ block: 'start' });
    heading.current?.focus({ preventScroll: true });
  }, [step.kind]);

  const run = async (dryRun: boolean) => {
    if (!phone) return;
    setError(undefined);
    setStep({ kind: 'working' });
    const result = await api.invoke('history.restore', { folder, snapshot, deviceId: phone.id, only: selected, dryRun });
    if (!result.ok) {
      setError(result.error);
      setStep({ kind: 'idle' });
    } else setStep(dryRun ? { kind: 'preview', plan: result.value } : { kind: 'done', result: result.value });
  };
  const finish = () => {
    setStep({ kind: 'idle' });
    onClear();
  };

  if (step.kind === 'preview' || step.kind === 'done') {
    const report = step.kind === 'preview' ? step.plan : step.result;
    const changing = report.actions.filter((action) => action.action !== 'unchanged').length;
    return (
      <section className="card restore-panel" aria-labelledby="restore-title">
        <div role="status"><h2 id="restore-title" ref={heading} tabIndex={-1}>
          {step.kind === 'preview'
            ? t('history.restore.preview.title', { n: i18n.formatNumber(changing), phone: phone?.model ?? '' })
            : t('history.restore.done.title', { n: i18n.formatNumber(report.restored), bytes: i18n.formatBytes(report.bytes) })}
        </h2></div>
        <table className="restore-actions">
          <caption className="visually-hidden">{t('history.restore.actions')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('history.restore.what')}</th>
              <th scope="col">{t('history.restore.where')}</th>
              <th scope="col">{t('history.browse.size')}</th>
            </tr>
          </thead>
          <tbody>
            {report.actions.map((action) => (
              <tr key={action.target} data-action={action.action}>
                <td><span className="badge" data-tone={action.action === 'replace' ? 'warning' : action.action === 'create' ? 'success' : undefined}>{t(`history.restore.action.${action.action}`)}</span></td>
                <td className="restore-target"><code>{action.target}</code></td>
                <td>{i18n.formatBytes(action.size)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {report.steps.map((line) => <p key={line} className="hint">{line}</p>)}
        {report.problems.length > 0 && (
          <Notice title={t('history.restore.problems')} tone="danger">
            <ul>{report.problems.map((problem) => <li key={problem.path}><code>{problem.path}</code> {problem.message}</li>)}</ul>
          </Notice>
        )}
        <div className="restore-buttons">
          {step.kind === 'preview' ? (
            <>
              <button type="button" className="button" onClick={() => setStep({ kind: 'idle' })}>{t('history.restore.back')}</button>
              <button type="button" className="button primary" disabled={changing === 0} onClick={() => void run(false)}>
                {t('history.restore.confirm', { n: i18n.formatNumber(changing) })}
              </button>
            </>
          ) : (
            <button type="button" className="button primary" onClick={finish}>{t('history.restore.close')}</button>
          )}
        </div>
      </section>
    );
  }

  return (
    <div className="restore-bar" role="region" aria-label={t('history.restore.region')}>
      <span>{t('history.restore.selected', { n: i18n.formatNumber(selected.length) })}</span>
      {error && <span className="error-text" role="alert"><ErrorText error={error} inline /></span>}
      {phone === undefined && <button type="button" className="button small" onClick={onOpenPhones}>{t('history.restore.connect')}</button>}
      <button type="button" className="button small" onClick={onClear}>{t('history.restore.clear')}</button>
      <button type="button" className="button primary" disabled={phone === undefined || step.kind === 'working'} onClick={() => void run(true)}>
        {step.kind === 'working' ? t('history.restore.working') : t('history.restore.preview')}
      </button>
    </div>
  );
}
