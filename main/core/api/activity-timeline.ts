// Bytes over time for the Activity view's chart: the matching records cut into equal slices of
// time between the first and the last, summed in SQLite so a large log never crosses the boundary.
import type { ActivityLog } from '../net/activity-log.ts';
import { whereClause, type ActivityFilter } from '../net/activity-query.ts';
import type { ActivityTotals } from '../../../preload/contract/activity.ts';

type Timeline = ActivityTotals['timeline'];

/** Enough bars to show a shape in a few hundred pixels; few enough to label. */
export const TIMELINE_SLICES = 48;

export function bytesOverTime(log: ActivityLog, filter: ActivityFilter, slices = TIMELINE_SLICES): Timeline {
  const { sql, params } = whereClause(filter);
  const span = log.db.prepare(`SELECT MIN(time) AS first, MAX(time) AS last FROM activity ${sql}`).get(...params) as {
    first: number | null;
    last: number | null;
  };
  if (span.first === null || span.last === null) return { start: 0, sliceMs: 0, slices: [] };
  // At least one second per slice: finer slices of a short burst say nothing more.
  const sliceMs = Math.max(1000, Math.ceil((span.last - span.first + 1) / slices));
  const rows = log.db
    .prepare(
      `SELECT CAST((time - ?) / ? AS INTEGER) AS slice, SUM(bytes_up) AS bytesUp, SUM(bytes_down) AS bytesDown, COUNT(*) AS requests
       FROM activity ${sql} GROUP BY slice`,
    )
    .all(span.first, sliceMs, ...params) as Array<{ slice: number; bytesUp: number; bytesDown: number; requests: number }>;
  const count = Math.floor((span.last - span.first) / sliceMs) + 1;
  const result: Timeline['slices'] = Array.from({ length: count }, () => ({ bytesUp: 0, bytesDown: 0, requests: 0 }));
  for (const row of rows) {
    const slot = result[row.slice];
    if (slot !== undefined) Object.assign(slot, { bytesUp: row.bytesUp, bytesDown: row.bytesDown, requests: row.requests });
  }
  return { start: span.first, sliceMs, slices: result };
}
