// The records: when, where to, why, how much, and the guard's verdict with its reason.
import type { ActivityEntry } from '../../preload/contract/api.ts';
import { useI18n } from '../i18n/i18n.tsx';

export function ActivityTable({ entries }: { entries: ActivityEntry[] }) {
  const { t } = useI18n();
  return (
    <div className="activity-table-wrap card">
      <table className="activity-table">
        <caption className="visually-hidden">{t('activity.table')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('activity.col.time')}</th>
            <th scope="col">{t('activity.col.destination')}</th>
            <th scope="col">{t('activity.col.purpose')}</th>
            <th scope="col" className="numeric">{t('activity.col.size')}</th>
            <th scope="col">{t('activity.col.verdict')}</th>
          </tr>
        </thead>
        <tbody>{entries.map((entry) => <Row key={entry.id} entry={entry} />)}</tbody>
      </table>
    </div>
  );
}

function Row({ entry }: { entry: ActivityEntry }) {
  const { t, formatBytes, formatTimestamp } = useI18n();
  const purpose = [entry.purpose.job, entry.purpose.category, entry.purpose.destination, entry.purpose.module].filter(Boolean).join(' · ');
  return (
    <tr data-verdict={entry.verdict}>
      <td className="nowrap">{formatTimestamp(new Date(entry.time))}</td>
      <td>
        <div className="destination">{destination(entry, t)}</div>
        <div className="detail">{entry.reason}</div>
      </td>
      <td>{purpose || <span className="muted">{t('activity.purpose.none')}</span>}</td>
      <td className="numeric nowrap">{formatBytes(entry.bytesUp)} / {formatBytes(entry.bytesDown)}</td>
      <td>
        <span className="badge" data-tone={entry.verdict === 'allowed' ? 'success' : 'danger'}>
          {t(entry.verdict === 'allowed' ? 'activity.verdict.allowed' : 'activity.verdict.blocked')}
        </span>
      </td>
    </tr>
  );
}

function destination(entry: ActivityEntry, t: ReturnType<typeof useI18n>['t']): string {
  if (entry.kind === 'process') return `${t('activity.kind.process')}: ${entry.protocol}`;
  if (entry.kind === 'dns') return `${t('activity.kind.dns')}: ${entry.host}`;
  const where = entry.port > 0 ? `${entry.host}:${entry.port}` : entry.host;
  if (entry.kind === 'http' && entry.url !== '') return `${entry.method} ${entry.url}`;
  return `${entry.protocol.toUpperCase()} ${where}`;
}
