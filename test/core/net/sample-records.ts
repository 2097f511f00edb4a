// Records as the guard would write them, for log, query and export tests.
import { makeRecord, type ActivityRecord } from '../../../main/core/net/activity-record.ts';

export function sampleRecord(index: number, overrides: Partial<ActivityRecord> = {}): ActivityRecord {
  const host = ['192.168.1.20', 's3.example.com', 'dav.example.org'][index % 3] ?? '';
  return makeRecord({
    time: 1_800_000_000_000 + index * 1000,
    kind: 'http',
    verdict: 'allowed',
    reason: 'allowed: destination "photos" you added and enabled',
    host,
    port: 443,
    protocol: 'http/1.1',
    method: index % 2 === 0 ? 'PUT' : 'GET',
    url: `https://${host}/bucket/object-${index}`,
    status: 200,
    bytesUp: 1000 + index,
    bytesDown: 200,
    timings: { dns: 1, connect: 2, tls: 3, firstByte: 4, total: 12 },
    purpose: { job: `job-${index % 4}`, category: 'photos', destination: 'photos', module: 'main/core/backup/runner.ts' },
    ...overrides,
  });
}
