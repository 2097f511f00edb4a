// The records as a virtualized table: only the rows in view are drawn. Keyboard: Tab reaches the
// current row, arrow keys, Page Up/Down, Home and End move, Enter opens its details.
import { useEffect, useState, type KeyboardEvent } from 'react';
import type { ActivityEntry } from '../../preload/contract/api.ts';
import { useRowWindow } from '../components/use-row-window.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/messages-en.ts';
import type { ActivityWindow } from './use-activity-window.ts';
import { initiatorOf, pathOf, purposeOf } from './entry-text.ts';

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
  const [active, setActive] = useState(0);
  const { first, last } = rows;
  const { load } = records;
  useEffect(() => load(first, last), [load, first, last]);
  useEffect(() => setActive((index) => Math.min(index, Math.max(0, total - 1))), [total]);

  const move = (index: number) => {
    const next = Math.max(0, Math.min(total - 1, index));
    setActive(next);
    rows.reveal(next);
    // The row may not be drawn yet: focus it once it is.
    requestAnimationFrame(() => rows.containerRef.current?.querySelector<HTMLElement>(`[data-index="${next}"]`)?.focus());
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const page = Math.max(1, Math.floor((rows.containerRef.current?.clientHeight ?? 400) / ROW_HEIGHT) - 1);
    const steps: Record<string, number> = { ArrowDown: active + 1, ArrowUp: active - 1, PageDown: active + page, PageUp: active - page, Home: 0, End: total - 1 };
    const target = steps[event.key];
    if (target !== undefined) {
      event.preventDefault();
      move(target);
    } else if (event.key === 'Enter' || event.key === ' ') {
      const entry = records.entryAt(active);
      if (entry !== undefined) {
        event.preventDefault();
        onOpen(entry);
      }
    }
  };

  const drawn = [];
  for (let index = first; index <= last; index++) {
    drawn.push(<Row key={index} index={index} entry={records.entryAt(index)} tabbable={index === active}
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
      <div role="rowgroup" className="activity-body" style={{ height: total * ROW_HEIGHT }}>{drawn}</div>
    </div>
  );
}

function Row({ index, entry, tabbable, selected, onOpen }: {
  index: number;
  entry: ActivityEntry | undefined;
  tabbable: boolean;
  selected: boolean;
  onOpen(entry: ActivityEntry): void;
}) {
  const { t, formatBytes, formatTimestamp, formatNumber } = useI18n();
  const style = { transform: `translateY(${index * ROW_HEIGHT}px)` };
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
      <div role="cell" className="nowrap">{formatTimestamp(new Date(entry.time))}</div>
      <div role="cell" title={initiatorOf(entry, t)}>{initiatorOf(entry, t)}</div>
      <div role="cell" title={purposeOf(entry)}>{purposeOf(entry) || <span className="muted">{t('activity.purpose.none')}</span>}</div>
      <div role="cell">{entry.method || <span className="muted">{kindLabel(entry, t)}</span>}</div>
      <div role="cell" className="host" title={entry.host}>{entry.host}{entry.port > 0 ? <span className="muted">:{entry.port}</span> : null}</div>
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

/** Records without an HTTP method show what they were, in the column's few characters. */
function kindLabel(entry: ActivityEntry, t: ReturnType<typeof useI18n>['t']): string {
  return entry.kind === 'process' ? t('activity.method.process') : entry.kind.toUpperCase();
}
