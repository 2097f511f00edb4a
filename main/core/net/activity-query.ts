// The Activity view's questions: filtered pages of records, totals per host and per destination,
// and a live subscription. Each filter maps to an indexed column, so a page over a million
// records comes back in milliseconds (see test/bench/activity.bench.ts).
import type { ActivityLog } from './activity-log.ts';
import type { StoredRecord, Verdict } from './activity-record.ts';
import { rowToRecord, type ActivityRow } from './activity-chain.ts';

export interface ActivityFilter {
  /** Started at or after (ms since the epoch). */
  since?: number;
  /** Started before (ms since the epoch). */
  until?: number;
  host?: string;
  method?: string;
  status?: number;
  verdict?: Verdict;
  job?: string;
  category?: string;
  destination?: string;
  module?: string;
  /** Substring of the URL, host, reason or module. */
  text?: string;
  /** Only records appended after this id (used by subscriptions). */
  afterId?: number;
  /** Only records up to and including this id. */
  throughId?: number;
  /** Page size; 500 unless told. */
  limit?: number;
  /** Records to skip before the page starts (the Activity view's scroll position). */
  offset?: number;
  order?: 'newest-first' | 'oldest-first';
}

const DEFAULT_PAGE = 500;

/** The SQL condition and parameters for a filter (also used for the view's timeline). */
export function whereClause(filter: ActivityFilter): { sql: string; params: unknown[] } {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const add = (condition: string, value: unknown) => {
    conditions.push(condition);
    params.push(value);
  };
  if (filter.since !== undefined) add('time >= ?', filter.since);
  if (filter.until !== undefined) add('time < ?', filter.until);
  if (filter.host !== undefined) add('host = ?', filter.host.toLowerCase());
  if (filter.method !== undefined) add('method = ?', filter.method.toUpperCase());
  if (filter.status !== undefined) add('status = ?', filter.status);
  if (filter.verdict !== undefined) add('verdict = ?', filter.verdict);
  if (filter.job !== undefined) add('job = ?', filter.job);
  if (filter.category !== undefined) add('category = ?', filter.category);
  if (filter.destination !== undefined) add('destination = ?', filter.destination);
  if (filter.module !== undefined) add('module = ?', filter.module);
  if (filter.afterId !== undefined) add('id > ?', filter.afterId);
  if (filter.throughId !== undefined) add('id <= ?', filter.throughId);
  if (filter.text !== undefined) {
    const pattern = `%${filter.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(`(url LIKE ? ESCAPE '\\' OR host LIKE ? ESCAPE '\\' OR reason LIKE ? ESCAPE '\\' OR module LIKE ? ESCAPE '\\')`);
    params.push(pattern, pattern, pattern, pattern);
  }
  return { sql: conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`, params };
}

export function queryActivity(log: ActivityLog, filter: ActivityFilter = {}): StoredRecord[] {
  const { sql, params } = whereClause(filter);
  const direction = filter.order === 'oldest-first' ? 'ASC' : 'DESC';
  // Subscriptions follow append order (id); the view pages by start time.
  const order = filter.afterId !== undefined ? `id ${direction}` : `time ${direction}, id ${direction}`;
  const rows = log.db
    .prepare(`SELECT * FROM activity ${sql} ORDER BY ${order} LIMIT ? OFFSET ?`)
    .all(...params, filter.limit ?? DEFAULT_PAGE, filter.offset ?? 0) as ActivityRow[];
  return rows.map(rowToRecord);
}

export function countActivity(log: ActivityLog, filter: ActivityFilter = {}): number {
  const { sql, params } = whereClause(filter);
  return (log.db.prepare(`SELECT COUNT(*) AS n FROM activity ${sql}`).get(...params) as { n: number }).n;
}

export interface ActivityTotals {
  /** The host or destination name; "" for records with none. */
  key: string;
  requests: number;
  blocked: number;
  bytesUp: number;
  bytesDown: number;
}

export function totalsByHost(log: ActivityLog, filter: ActivityFilter = {}): ActivityTotals[] {
  return totals(log, 'host', filter);
}

export function totalsByDestination(log: ActivityLog, filter: ActivityFilter = {}): ActivityTotals[] {
  return totals(log, "COALESCE(destination, '')", filter);
}

function totals(log: ActivityLog, key: string, filter: ActivityFilter): ActivityTotals[] {
  const { sql, params } = whereClause(filter);
  return log.db
    .prepare(
      `SELECT ${key} AS key, COUNT(*) AS requests, SUM(verdict = 'blocked') AS blocked,
              SUM(bytes_up) AS bytesUp, SUM(bytes_down) AS bytesDown
       FROM activity ${sql} GROUP BY 1 ORDER BY bytesUp + bytesDown DESC, requests DESC`,
    )
    .all(...params) as ActivityTotals[];
}

export interface Subscription {
  close(): void;
}

/**
 * Calls `listener` with each new record matching `filter`, in append order. Appends in this
 * process are delivered at once; appends by other processes (children, workers) within
 * `pollMs`.
 */
export function subscribeActivity(
  log: ActivityLog,
  filter: ActivityFilter,
  listener: (records: StoredRecord[]) => void,
  pollMs = 500,
): Subscription {
  let lastSeen = log.lastId();
  const deliver = () => {
    const newest = log.lastId();
    while (lastSeen < newest) {
      const page = { ...filter, afterId: lastSeen, throughId: newest, order: 'oldest-first' as const, limit: DEFAULT_PAGE };
      const records = queryActivity(log, page);
      if (records.length > 0) listener(records);
      lastSeen = records.length === DEFAULT_PAGE ? (records.at(-1)?.id ?? newest) : newest;
    }
  };
  const stopLocal = log.onAppend(deliver);
  const timer = setInterval(deliver, pollMs);
  timer.unref();
  return {
    close() {
      stopLocal();
      clearInterval(timer);
    },
  };
}
