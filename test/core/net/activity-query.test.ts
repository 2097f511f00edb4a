import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ActivityLog, openActivityLog } from '../../../main/core/net/activity-log.ts';
import { countActivity, queryActivity, subscribeActivity, totalsByDestination, totalsByHost } from '../../../main/core/net/activity-query.ts';
import type { StoredRecord } from '../../../main/core/net/activity-record.ts';
import { sampleRecord } from './sample-records.ts';

let home: string;
let log: ActivityLog;

beforeEach(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'vitre-query-'));
  log = openActivityLog(home);
  log.append(Array.from({ length: 30 }, (_, i) => sampleRecord(i)));
  log.append([sampleRecord(30, { verdict: 'blocked', reason: 'blocked: tcp to 192.0.2.1:443 is not …', host: '192.0.2.1', status: 0, bytesUp: 0, bytesDown: 0, purpose: { module: 'main/core/update-check.ts' } })]);
});
afterEach(() => {
  log.close();
  fs.rmSync(home, { recursive: true, force: true });
});

describe('activity queries', () => {
  it('filters by time range, newest first', () => {
    const records = queryActivity(log, { since: sampleRecord(10).time, until: sampleRecord(15).time });
    expect(records.map((r) => r.id)).toEqual([15, 14, 13, 12, 11]);
  });

  it('filters by host, method, status, verdict, job and text', () => {
    expect(queryActivity(log, { host: 'S3.example.com' }).every((r) => r.host === 's3.example.com')).toBe(true);
    expect(countActivity(log, { host: 's3.example.com' })).toBe(10);
    expect(countActivity(log, { method: 'put' })).toBe(16);
    expect(countActivity(log, { status: 200 })).toBe(30);
    expect(queryActivity(log, { verdict: 'blocked' }).map((r) => r.host)).toEqual(['192.0.2.1']);
    expect(countActivity(log, { job: 'job-1' })).toBe(8);
    expect(countActivity(log, { category: 'photos', destination: 'photos' })).toBe(30);
    expect(queryActivity(log, { text: 'object-2' }).map((r) => r.id).sort((a, b) => a - b)).toEqual([3, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30]);
    expect(countActivity(log, { text: '100%_' })).toBe(0);
  });

  it('pages with a limit', () => {
    expect(queryActivity(log, { limit: 3 }).map((r) => r.id)).toEqual([31, 30, 29]);
  });

  it('totals requests and bytes per host and per destination', () => {
    const byHost = totalsByHost(log);
    expect(byHost.find((t) => t.key === 's3.example.com')).toMatchObject({ requests: 10, blocked: 0, bytesDown: 2000 });
    expect(byHost.find((t) => t.key === '192.0.2.1')).toMatchObject({ requests: 1, blocked: 1, bytesUp: 0 });
    const byDestination = totalsByDestination(log);
    expect(byDestination.find((t) => t.key === 'photos')).toMatchObject({ requests: 30, bytesUp: 30 * 1000 + 435 });
    expect(byDestination.find((t) => t.key === '')).toMatchObject({ requests: 1, blocked: 1 });
  });

  it('delivers new records live, from this process at once and from another writer by polling', async () => {
    const seen: StoredRecord[] = [];
    const subscription = subscribeActivity(log, { verdict: 'blocked' }, (records) => seen.push(...records), 50);
    log.append([sampleRecord(40), sampleRecord(41, { verdict: 'blocked', host: '192.0.2.9' })]);
    expect(seen.map((r) => r.host)).toEqual(['192.0.2.9']);
    const other = new ActivityLog(log.file);
    other.append([sampleRecord(42, { verdict: 'blocked', host: '192.0.2.10' })]);
    other.close();
    await new Promise((resolve) => setTimeout(resolve, 200));
    subscription.close();
    expect(seen.map((r) => r.host)).toEqual(['192.0.2.9', '192.0.2.10']);
  });
});
