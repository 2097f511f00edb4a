// A running backup: overall figures and one line per category (items, bytes, rate, time left),
// with Cancel.
import type { BackupProgress, ProgressFigures } from '../../preload/contract/api.ts';
import { categoryLabel } from '../components/category-label.ts';
import { ProgressBar } from '../components/progress-bar.tsx';
import { useI18n, type I18n } from '../i18n/i18n.tsx';
import { formatEta } from './format-eta.ts';
import { UploadProgressRows, uploadShare } from './upload-rows.tsx';

function share(figures: ProgressFigures): number {
  if (figures.bytesTotal > 0) return figures.bytesDone / figures.bytesTotal;
  return figures.itemsTotal > 0 ? figures.itemsDone / figures.itemsTotal : 0;
}

/**
 * The whole job: the local backup, then each destination's upload, as equal stages — upload
 * sizes are only known once they start, and the bar must not sit full while they run.
 */
function overallShare(progress: BackupProgress): number {
  const stages = [share(progress.overall), ...(progress.uploads ?? []).map(uploadShare)];
  return stages.reduce((sum, stage) => sum + stage, 0) / stages.length;
}

function Figures({ figures, i18n }: { figures: ProgressFigures; i18n: I18n }) {
  const { t } = i18n;
  // An export (messages, contacts, calls) counts what it has read; its total comes at the end.
  if (figures.itemsTotal === 0 && figures.itemsDone > 0) return <span className="progress-figures">{t('backup.progress.itemsSoFar', { done: i18n.formatNumber(figures.itemsDone) })}</span>;
  if (figures.itemsTotal === 0) return <span className="progress-figures muted">{t('backup.progress.preparing')}</span>;
  return (
    <span className="progress-figures">
      <span>{t('backup.progress.items', { done: i18n.formatNumber(figures.itemsDone), total: i18n.formatNumber(figures.itemsTotal) })}</span>
      <span>{t('backup.progress.bytes', { done: i18n.formatBytes(figures.bytesDone), total: i18n.formatBytes(figures.bytesTotal) })}</span>
      <span>{t('backup.progress.rate', { rate: i18n.formatBytes(figures.bytesPerSecond) })}</span>
      <span>{figures.etaSeconds === null ? t('backup.eta.unknown') : t('backup.progress.eta', { eta: formatEta(i18n, figures.etaSeconds) })}</span>
    </span>
  );
}

export function BackupProgressCard({ progress, onCancel, cancelling }: { progress: BackupProgress; onCancel(): void; cancelling: boolean }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <section className="card backup-progress" aria-labelledby="backup-progress-title">
      <div className="card-heading">
        <h2 id="backup-progress-title">{t('backup.progress.title')}</h2>
        <button type="button" className="button" onClick={onCancel} disabled={cancelling}>
          {cancelling ? t('backup.cancelling') : t('backup.cancel')}
        </button>
      </div>
      <div className="progress-overall">
        <ProgressBar label={t('backup.progress.overall')} fraction={overallShare(progress)} />
        <Figures figures={progress.overall} i18n={i18n} />
      </div>
      <ul className="progress-list" aria-live="off">
        {progress.categories.map((category) => {
          const name = categoryLabel(t, category.category);
          return (
            <li key={category.category} className="progress-row" data-phase={category.phase}>
              <span className="progress-name">{name}</span>
              <ProgressBar label={name} fraction={category.phase === 'done' ? 1 : share(category)}
                {...(category.phase === 'done' ? { tone: category.state === 'ok' ? 'success' as const : 'danger' as const } : {})} />
              {category.phase === 'waiting' ? (
                <span className="progress-figures muted">{t('backup.progress.waiting')}</span>
              ) : category.phase === 'done' ? (
                <span className="progress-figures">{category.state === 'ok' ? t('backup.progress.done') : t(`backup.state.${category.state ?? 'failed'}`)}</span>
              ) : (
                <Figures figures={category} i18n={i18n} />
              )}
            </li>
          );
        })}
      </ul>
      {progress.uploads && <UploadProgressRows uploads={progress.uploads} />}
      <p className="visually-hidden" role="status">{t('backup.progress.overall-status', { percent: i18n.formatPercent(overallShare(progress)) })}</p>
    </section>
  );
}
