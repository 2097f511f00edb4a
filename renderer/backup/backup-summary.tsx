// The end of a backup: whether it completed, what was new, changed, unchanged or failed per
// category, and each item that could not be backed up with the reason.
import type { BackupFinished } from '../../preload/contract/api.ts';
import { categoryLabel } from '../components/category-label.ts';
import { Notice } from '../components/notice.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { UploadResults } from './upload-rows.tsx';
import { EngineText, ErrorText } from '../components/error-text.tsx';

export function BackupSummary({ finished, onOpenHistory, onDismiss }: { finished: BackupFinished; onOpenHistory(): void; onDismiss(): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const tone = finished.state === 'complete' && finished.problemCount === 0 ? 'success' : finished.state === 'complete' ? 'warning' : 'danger';
  return (
    <section className="card backup-summary" aria-labelledby="backup-summary-title" data-tone={tone}>
      <div className="card-heading">
        <div>
          <div role="status"><h2 id="backup-summary-title">{t(`backup.summary.${finished.state}`)}</h2></div>
          <p className="lead">
            {t('backup.summary.lead', { bytes: i18n.formatBytes(finished.bytesTransferred), seconds: i18n.formatNumber(Math.round(finished.seconds * 10) / 10) })}
          </p>
        </div>
        <div className="card-actions">
          {finished.snapshotId !== null && finished.state === 'complete' && (
            <button type="button" className="button primary" onClick={onOpenHistory}>{t('backup.summary.open-history')}</button>
          )}
          <button type="button" className="button" onClick={onDismiss}>{t('backup.summary.again')}</button>
        </div>
      </div>
      {finished.message !== undefined && (
        <Notice title={t('backup.summary.why')} tone="danger">
          {finished.errorKind ? <ErrorText error={{ kind: finished.errorKind, message: finished.message }} /> : <p>{finished.message}</p>}
        </Notice>
      )}
      {finished.categories.length > 0 && (
        <table className="summary-table">
          <caption className="visually-hidden">{t('backup.summary.table')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('backup.summary.category')}</th>
              <th scope="col">{t('backup.summary.items')}</th>
              <th scope="col">{t('backup.summary.new')}</th>
              <th scope="col">{t('backup.summary.changed')}</th>
              <th scope="col">{t('backup.summary.unchanged')}</th>
              <th scope="col">{t('backup.summary.failed')}</th>
              <th scope="col">{t('backup.summary.copied')}</th>
            </tr>
          </thead>
          <tbody>
            {finished.categories.map((c) => (
              <tr key={c.category}>
                <th scope="row">
                  {categoryLabel(t, c.category)}
                  {c.state !== 'ok' && <span className="summary-reason">{t(`backup.state.${c.state}`)}{c.message !== undefined ? ` — ${c.message}` : ''}</span>}
                </th>
                <td>{i18n.formatNumber(c.items)}</td>
                <td>{i18n.formatNumber(c.added)}</td>
                <td>{i18n.formatNumber(c.changed)}</td>
                <td>{i18n.formatNumber(c.unchanged)}</td>
                <td data-bad={c.failed > 0 || undefined}>{i18n.formatNumber(c.failed)}</td>
                <td>{i18n.formatBytes(c.bytesTransferred)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {finished.uploads && <UploadResults uploads={finished.uploads} />}
      {finished.problems.length > 0 && (
        <div className="summary-problems">
          <h3>{t('backup.summary.problems', { n: i18n.formatNumber(finished.problemCount) })}</h3>
          <ul>
            {finished.problems.map((problem) => (
              <li key={`${problem.category}:${problem.path}`}><code>{problem.path}</code> <EngineText summary={t(`backup.problem.${problem.kind}`)} detail={problem.message} inline /></li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
