// The snapshots on a timeline, one per phone, newest first: date, state, items and size.
import type { SnapshotSummary } from '../../preload/contract/api.ts';
import { useI18n } from '../i18n/i18n.tsx';

function byPhone(snapshots: SnapshotSummary[]): Array<[string, SnapshotSummary[]]> {
  const groups = new Map<string, SnapshotSummary[]>();
  for (const snapshot of snapshots) {
    const key = snapshot.phone.serial;
    groups.set(key, [...(groups.get(key) ?? []), snapshot]);
  }
  return [...groups];
}

export function SnapshotTimeline({ snapshots, selected, onSelect }: { snapshots: SnapshotSummary[]; selected: string | undefined; onSelect(id: string): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <div className="timeline">
      {byPhone(snapshots).map(([serial, list]) => (
        <section key={serial} className="timeline-phone" aria-labelledby={`phone-${serial}`}>
          <h2 id={`phone-${serial}`} className="timeline-title">{list[0]?.phone.name || list[0]?.phone.model || serial}</h2>
          <ol className="timeline-list">
            {list.map((snapshot) => (
              <li key={snapshot.id} className="timeline-item" data-state={snapshot.state}>
                <button type="button" className="timeline-button" aria-pressed={snapshot.id === selected} onClick={() => onSelect(snapshot.id)}>
                  <span className="timeline-date">{i18n.formatDate(new Date(snapshot.startedAt))}</span>
                  <span className="timeline-figures">
                    {t('history.snapshot.figures', { n: i18n.formatNumber(snapshot.entries), bytes: i18n.formatBytes(snapshot.bytes) })}
                  </span>
                  {snapshot.state !== 'complete' && (
                    <span className="badge" data-tone="warning">{t(snapshot.state === 'abandoned' ? 'history.snapshot.abandoned' : 'history.snapshot.in-progress')}</span>
                  )}
                </button>
              </li>
            ))}
          </ol>
        </section>
      ))}
    </div>
  );
}
