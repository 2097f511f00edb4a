// The Activity view's seam (ports.ts) on top of the activity log kept by the egress guard
// (main/core/net): pages of records newest first, totals, and new records as they arrive.
import type { ActivityEntry } from '../../../preload/contract/activity.ts';
import type { ActivityLog } from '../net/activity-log.ts';
import { countActivity, queryActivity, subscribeActivity, type ActivityFilter } from '../net/activity-query.ts';
import type { StoredRecord } from '../net/activity-record.ts';
import type { ActivitySource } from './ports.ts';

const DEFAULT_LIMIT = 200;

export function activityLogSource(log: ActivityLog): ActivitySource {
  return {
    list(query) {
      const filter: ActivityFilter = {
        ...(query.text ? { text: query.text } : {}),
        ...(query.verdict ? { verdict: query.verdict } : {}),
      };
      return {
        entries: queryActivity(log, { ...filter, limit: query.limit ?? DEFAULT_LIMIT, order: 'newest-first' }).map(toEntry),
        total: countActivity(log, filter),
        blocked: query.verdict === 'allowed' ? 0 : countActivity(log, { ...filter, verdict: 'blocked' }),
      };
    },
    watch(listener) {
      const subscription = subscribeActivity(log, {}, (records) => listener(records.map(toEntry)));
      return () => subscription.close();
    },
  };
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
