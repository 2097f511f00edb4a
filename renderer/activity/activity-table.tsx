// The records as a virtualized table: only the rows in view are drawn. Keyboard: Tab reaches the
// current row, arrow keys, Page Up/Down, Home and End move, Enter opens its details.
import { useEffect } from 'react';
import type { ActivityEntry } from '../../preload/contract/api.ts';
import { useRowWindow } from '../components/use-row-window.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/messages-en.ts';
import type { ActivityWindow } from './use-activity-window.ts';
import { initiatorOf, pathOf, purposeOf } from './entry-text.ts';
import { useRowKeys } from './use-row-keys.ts';

export const ROW_HEIGHT = 40;
const HEADER_HEIGHT = 40;

const COLUMNS: Array<{ key: MessageKey; numeric?: boolean }> = [
  { key: 'activity.col.time' },
  { key: 'activity.col.initiator' },
  { key: 'activity.col.purpose' },
  { key: 'activity.col.method' },
  { key: 'activity.col.host' },
  { key: 'activity.col.path' },
  { key: 'activity.col.status', numeric: true },
  { key: 'activity.col.verdict' },
  { key: 'activity.col.sent', numeric: true },
  { key: 'activity.col.received', numeric: true },
  { key: 'activity.col.duration', numeric: true },
];

export function ActivityTable({ records, selectedId, onOpen, containerRef: shareRef }: {
  records: ActivityWindow;
  selectedId: number | undefined;
  onOpen(entry: ActivityEntry): void;
  /** Lets the screen know whether the user is at the top (new records then show at once). */
  containerRef(element: HTMLDivElement | null): void;
}) {
  const { t } = useI18n();
  const total = records.snapshot?.total ?? 0;
  const rows = useRowWindow({ count: total, rowHeight: ROW_HEIGHT, offsetTop: HEADER_HEIGHT });
  const { first, last } = rows;
  const { load } = records;
  useEffect(() => load(first, last), [load, first, last]);
  const { active, setActive, onKeyDown } = useRowKeys({
    total,
    rows,
    rowHeight: ROW_HEIGHT,
    onOpen(index) {
      const entry = records.entryAt(index);
      if (entry !== undefined) onOpen(entry);
      return entry !== undefined;
    },
  });

  const drawn = [];
  for (let index = first; index <= last; index++) {
    drawn.push(<Row key={index} index={index} top={rows.rowTop(index)} entry={records.entryAt(index)} tabbable={index === active}
      selected={records.entryAt(index)?.id === selectedId} onOpen={(entry) => { setActive(index); onOpen(entry); }} />);
  }
  return (
    <div className="activity-table card" role="table" aria-label={t('activity.table')} aria-rowcount={total + 1}
      ref={(element) => { rows.containerRef.current = element; shareRef(element); }} onScroll={rows.onScroll} onKeyDown={onKeyDown}>
      <div role="rowgroup" className="activity-head">
        <div role="row" aria-rowindex={1} className="activity-row">
          {COLUMNS.map((column) => (
            <div key={column.key} role="columnheader" className={column.numeric ? 'numeric' : undefined}>{t(column.key)}</div>
          ))}
        </div>
      </div>
      <div role="rowgroup" className="activity-body" style={{ height: rows.drawnHeight }}>{drawn}</div>
    </div>
  );
}

function Row({ index, top, entry, tabbable, selected, onOpen }: {
  index: number;
  /** Its place in the rows' space (use-row-window.ts). */
  top: number;
  entry: ActivityEntry | undefined;
  tabbable: boolean;
  selected: boolean;
  onOpen(entry: ActivityEntry): void;
}) {
  const { t, formatBytes, formatTimestamp, formatNumber, language } = useI18n();
  const style = { transform: `translateY(${top}px)` };
  if (entry === undefined) {
    return (
      <div role="row" aria-rowindex={index + 2} aria-busy="true" className="activity-row loading" style={style} data-index={index} tabIndex={tabbable ? 0 : -1}>
        <div role="cell" className="placeholder">{t('activity.loading')}</div>
      </div>
    );
  }
  const path = pathOf(entry);
  return (
    <div role="row" aria-rowindex={index + 2} aria-selected={selected} className="activity-row" style={style} data-index={index}
      data-verdict={entry.verdict} tabIndex={tabbable ? 0 : -1} onClick={() => onOpen(entry)}>
      <div role="cell" className="nowrap" title={formatTimestamp(new Date(entry.time))}>{rowTime(language, entry.time)}</div>
      <div role="cell" title={initiatorOf(entry, t)}>{initiatorOf(entry, t)}</div>
      <PurposeCell entry={entry} none={t('activity.purpose.none')} />
      <div role="cell">{entry.method || <span className="muted">{kindLabel(entry, t)}</span>}</div>
      <div role="cell" className="host" title={path ? `${entry.host} ${path}` : entry.host}>
        <span className="host-name">{entry.host}{entry.port > 0 ? <span className="muted">:{entry.port}</span> : null}</span>
        {path && <span className="host-path">{path}</span>}
      </div>
      <div role="cell" title={path}>{path}</div>
      <div role="cell" className="numeric">{entry.status > 0 ? entry.status : '—'}</div>
      <div role="cell">
        <span className="badge" data-tone={entry.verdict === 'allowed' ? 'success' : 'danger'}>
          {t(entry.verdict === 'allowed' ? 'activity.verdict.allowed' : 'activity.verdict.blocked')}
        </span>
      </div>
      <div role="cell" className="numeric">{formatBytes(entry.bytesUp)}</div>
      <div role="cell" className="numeric">{formatBytes(entry.bytesDown)}</div>
      <div role="cell" className="numeric">{entry.durationMs === null ? '—' : t('unit.ms', { n: formatNumber(Math.round(entry.durationMs)) })}</div>
    </div>
  );
}

/**
 * The job on the first line, the category and destination under it when the table is narrow (a
 * job name is long: an upload's carries the snapshot id, and would push the rest out of sight).
 */
function PurposeCell({ entry, none }: { entry: ActivityEntry; none: string }) {
  const detail = [entry.purpose.category, entry.purpose.destination].filter(Boolean).join(' · ');
  const job = entry.purpose.job;
  if (!job && !detail) return <div role="cell"><span className="muted">{none}</span></div>;
  return (
    <div role="cell" className="purpose" title={purposeOf(entry)}>
      {job && <span className="purpose-job">{job}</span>}
      {job && detail && <span className="purpose-separator"> · </span>}
      {detail && <span className="purpose-detail">{detail}</span>}
    </div>
  );
}

/** Records without an HTTP method show what they were, in the column's few characters. */
function kindLabel(entry: ActivityEntry, t: ReturnType<typeof useI18n>['t']): string {
  return entry.kind === 'process' ? t('activity.method.process') : entry.kind.toUpperCase();
}

const ROW_TIME = new Map<string, Intl.DateTimeFormat>();

/** Day, month and time to the second: the year is in the details, and the column stays narrow. */
function rowTime(language: string, time: number): string {
  let format = ROW_TIME.get(language);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(language, { day: '2-digit', month: '2-digit', hour: 'numeric', minute: '2-digit', second: '2-digit' });
    ROW_TIME.set(language, format);
  }
  return format.format(time);
}
