// The encrypted uploads that follow the local backup: live, one row per destination (unlocking
// the key, files sent of those to send, bytes), and at the end what was sent and whether the
// test-decrypt passed.
import type { UploadProgress, UploadSummary } from '../../preload/contract/api.ts';
import { categoryLabel } from '../components/category-label.ts';
import { ProgressBar } from '../components/progress-bar.tsx';
import { useI18n } from '../i18n/i18n.tsx';

/** How far one destination's upload is, 0 to 1. */
export function uploadShare(upload: UploadProgress): number {
  if (upload.phase === 'done' || upload.phase === 'checking') return 1;
  if (upload.bytesTotal > 0) return upload.bytesDone / upload.bytesTotal;
  return upload.objectsTotal > 0 ? upload.objectsDone / upload.objectsTotal : 0;
}

export function UploadProgressRows({ uploads }: { uploads: UploadProgress[] }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <ul className="progress-list upload-list" aria-label={t('upload.title')}>
      {uploads.map((upload) => {
        const label = t('upload.to', { name: upload.destination });
        return (
          <li key={upload.destination} className="progress-row" data-phase={upload.phase}>
            <span className="progress-name">{label}</span>
            <ProgressBar label={label} fraction={uploadShare(upload)} />
            <span className="progress-figures">
              <span>{t(`upload.phase.${upload.phase}`)}</span>
              {upload.phase === 'uploading' && (
                <>
                  <span>{t('upload.files', { done: i18n.formatNumber(upload.objectsDone), total: i18n.formatNumber(upload.objectsTotal) })}</span>
                  <span>{t('backup.progress.bytes', { done: i18n.formatBytes(upload.bytesDone), total: i18n.formatBytes(upload.bytesTotal) })}</span>
                </>
              )}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

export function UploadResults({ uploads }: { uploads: UploadSummary[] }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <div className="upload-results">
      <h3>{t('upload.title')}</h3>
      <ul>
        {uploads.map((upload) => (
          <li key={upload.destination} data-state={upload.state}>
            <strong>{t(`upload.state.${upload.state}`, { name: upload.destination })}</strong>
            <span>
              {t('upload.sent', {
                categories: upload.categories.map((c) => categoryLabel(t, c)).join(', '),
                files: i18n.formatNumber(upload.objectsUploaded), bytes: i18n.formatBytes(upload.bytesUploaded),
                there: i18n.formatNumber(upload.objectsAlreadyThere),
              })}
            </span>
            {upload.createdKey && <span>{t('upload.key-created')}</span>}
            {upload.decryptChecked && <span className="upload-checked">{t('upload.decrypt-checked', { name: upload.destination })}</span>}
            {upload.message !== undefined && <span className="upload-message">{upload.message}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}
