// The Activity view's seam (ports.ts) on top of the activity log kept by the egress guard
// (main/core/net): windows of records newest first, one record in full, totals and bytes over
// time, the hash-chain check, exports, and new records as they arrive.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ActivityEntry, ActivityFilter as ViewFilter, ActivityRecordDetail } from '../../../preload/contract/activity.ts';
import type { ActivityLog } from '../net/activity-log.ts';
import { exportActivity } from '../net/activity-export.ts';
import { countActivity, queryActivity, subscribeActivity, totalsByDestination, totalsByHost, type ActivityFilter } from '../net/activity-query.ts';
import type { StoredRecord } from '../net/activity-record.ts';
import { bytesOverTime } from './activity-timeline.ts';
import type { ActivitySource } from './ports.ts';
import { verifyInWorker } from './verify-in-worker.ts';

const DEFAULT_LIMIT = 200;
/** The totals panel shows the biggest few; the rest would not fit and rarely matter. */
const TOP_TOTALS = 12;
/** Views remembered for their counts (a few windows, a few filters each). */
const COUNTS_KEPT = 32;

const MIME_TYPES = { har: 'application/json', csv: 'text/csv', jsonl: 'application/x-ndjson' } as const;

export function activityLogSource(log: ActivityLog): ActivitySource {
  // Pages of one view share their filter and `throughId`, so their counts cannot change: count
  // once per view rather than for every page the table scrolls to.
  const counts = new Map<string, { total: number; blocked: number }>();
  const countsOf = (pinned: ActivityFilter) => {
    const key = JSON.stringify(pinned);
    let found = counts.get(key);
    if (found === undefined) {
      found = { total: countActivity(log, pinned), blocked: pinned.verdict === 'allowed' ? 0 : countActivity(log, { ...pinned, verdict: 'blocked' }) };
      if (counts.size >= COUNTS_KEPT) counts.delete(counts.keys().next().value ?? '');
      counts.set(key, found);
    }
    return found;
  };
  return {
    list(query) {
      const filter = toFilter(query);
      // Pin the view to the records that exist now, so later pages line up with the first.
      const throughId = query.throughId ?? log.lastId();
      const pinned = { ...filter, throughId };
      return {
        entries: queryActivity(log, { ...pinned, limit: query.limit ?? DEFAULT_LIMIT, offset: query.offset ?? 0, order: 'newest-first' }).map(toEntry),
        ...countsOf(pinned),
        throughId,
      };
    },
    record(id) {
      const [record] = queryActivity(log, { afterId: id - 1, throughId: id, limit: 1 });
      return record === undefined ? null : toDetail(record);
    },
    totals(query) {
      const filter = toFilter(query);
      return {
        byHost: totalsByHost(log, filter).slice(0, TOP_TOTALS),
        byDestination: totalsByDestination(log, filter).slice(0, TOP_TOTALS),
        timeline: bytesOverTime(log, filter),
      };
    },
    verify: () => verifyInWorker(log.file),
    async export(format, raw) {
      const folder = mkdtempSync(join(tmpdir(), 'vitre-export-'));
      try {
        const file = join(folder, `activity.${format}`);
        const records = await exportActivity(log, file, { format, raw });
        const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
        return {
          fileName: `vitre-activity-${stamp}${raw ? '-raw' : ''}.${format}`,
          mimeType: MIME_TYPES[format],
          records,
          content: readFileSync(file, 'utf8'),
        };
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    },
    watch(listener) {
      const subscription = subscribeActivity(log, {}, (records) => listener(records.map(toEntry)));
      return () => subscription.close();
    },
  };
}

function toFilter(query: ViewFilter): ActivityFilter {
  const filter: ActivityFilter = {};
  if (query.text) filter.text = query.text;
  if (query.verdict) filter.verdict = query.verdict;
  if (query.since !== undefined) filter.since = query.since;
  if (query.until !== undefined) filter.until = query.until;
  if (query.host) filter.host = query.host;
  if (query.method) filter.method = query.method;
  if (query.status !== undefined) filter.status = query.status;
  if (query.job) filter.job = query.job;
  if (query.destination) filter.destination = query.destination;
  return filter;
}

function toEntry(record: StoredRecord): ActivityEntry {
  return {
    id: record.id,
    time: record.time,
    kind: record.kind,
    verdict: record.verdict,
    reason: record.reason,
    host: record.host,
    port: record.port,
    protocol: record.protocol,
    method: record.method,
    url: record.url,
    status: record.status,
    bytesUp: record.bytesUp,
    bytesDown: record.bytesDown,
    durationMs: record.timings.total >= 0 ? record.timings.total : null,
    purpose: {
      job: record.purpose.job ?? null,
      category: record.purpose.category ?? null,
      destination: record.purpose.destination ?? null,
      module: record.purpose.module ?? null,
    },
  };
}

function toDetail(record: StoredRecord): ActivityRecordDetail {
  return { ...toEntry(record), pid: record.pid, thread: record.thread, hash: record.hash, timings: record.timings, detail: record.detail };
}
