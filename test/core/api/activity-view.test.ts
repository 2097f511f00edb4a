// The Activity view's commands on a real activity log: windows of records pinned while new ones
// arrive, every filter, one record in full, totals with bytes over time, the tamper check (in a
// worker thread) and exports, redacted unless asked.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityPage, ActivityRecordDetail, ActivityTotals } from '../../../preload/contract/activity.ts';
import { activityLogSource } from '../../../main/core/api/activity-log-source.ts';
import { createApi, type Api } from '../../../main/core/api/create-api.ts';
import { openActivityLog, type ActivityLog } from '../../../main/core/net/activity-log.ts';
import { makeRecord } from '../../../main/core/net/activity-record.ts';
import { noPhones } from '../../web/no-phones.ts';

const BASE = 1_700_000_000_000;
let home: string;
let log: ActivityLog;
let api: Api;

beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'vitre-activity-view-'));
  log = openActivityLog(home);
  log.append(Array.from({ length: 250 }, (_, index) => makeRecord({
    time: BASE + index * 60_000,
    kind: 'http',
    verdict: index % 10 === 0 ? 'blocked' : 'allowed',
    reason: index === 3 ? 'allowed: note for +33 6 12 34 56 78' : 'allowed: destination "Home WebDAV" you added and enabled',
    host: index % 2 === 0 ? 'dav.home.test' : '127.0.0.1',
    port: 443,
    method: index % 2 === 0 ? 'PUT' : 'GET',
    status: index % 2 === 0 ? 201 : 200,
    url: `https://dav.home.test/photos/${index}.jpg`,
    bytesUp: 1_000,
    bytesDown: 10,
    purpose: index % 2 === 0 ? { job: 'backup-1', category: 'photos', destination: 'Home WebDAV', module: 'destinations/webdav' } : { module: 'device' },
    timings: { dns: 1, connect: 2, tls: 3, firstByte: 4, total: 5 },
    detail: { statusText: 'Created', requestHeaders: [['content-type', 'image/jpeg']] },
  })));
  api = createApi({ ...noPhones(), activity: activityLogSource(log) });
});

afterAll(async () => {
  await api.close();
  log.close();
  rmSync(home, { recursive: true, force: true });
});

async function call<T>(command: string, input: object): Promise<T> {
  const result = await api.invoke(command, input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as T;
}

describe('activity.list windows', () => {
  it('serves any window of the log, pinned to the records of the first page while new ones arrive', async () => {
    const first = await call<ActivityPage>('activity.list', { limit: 100 });
    expect(first).toMatchObject({ total: 250, blocked: 25, throughId: 250 });
    log.append([makeRecord({ time: BASE + 1_000_000_000, kind: 'tcp', verdict: 'allowed', reason: 'allowed: later', host: 'later.test' })]);
    const third = await call<ActivityPage>('activity.list', { limit: 100, offset: 200, throughId: first.throughId });
    expect(third.total).toBe(250);
    expect(third.entries.map((entry) => entry.id)).toEqual(Array.from({ length: 50 }, (_, index) => 50 - index));
    expect((await call<ActivityPage>('activity.list', { limit: 1 })).entries[0]?.host).toBe('later.test');
  });

  it('filters by host, method, status, verdict, job and time range', async () => {
    const count = async (filter: object) => (await call<ActivityPage>('activity.list', { limit: 1, throughId: 250, ...filter })).total;
    expect(await count({ host: 'dav.home.test' })).toBe(125);
    expect(await count({ method: 'GET' })).toBe(125);
    expect(await count({ status: 201, verdict: 'blocked' })).toBe(25);
    expect(await count({ job: 'backup-1' })).toBe(125);
    expect(await count({ since: BASE + 200 * 60_000 })).toBe(50);
    expect(await count({ until: BASE + 10 * 60_000 })).toBe(10);
    expect(await count({ text: 'photos/42.jpg' })).toBe(1);
  });

  it('refuses windows outside the contract', async () => {
    expect(await api.invoke('activity.list', { offset: -1 })).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    expect(await api.invoke('activity.list', { status: 'ok' })).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
  });
});

describe('activity.record', () => {
  it('returns everything recorded about one attempt, or null when there is none', async () => {
    const record = await call<ActivityRecordDetail>('activity.record', { id: 4 });
    expect(record).toMatchObject({ id: 4, host: '127.0.0.1', timings: { dns: 1, firstByte: 4, total: 5 }, detail: { statusText: 'Created' } });
    expect(record.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await call('activity.record', { id: 99_999 })).toBeNull();
  });
});

describe('activity.totals', () => {
  it('adds up requests and bytes per host and per destination, and bytes over time', async () => {
    const totals = await call<ActivityTotals>('activity.totals', { until: BASE + 250 * 60_000 });
    expect(totals.byHost).toEqual(expect.arrayContaining([{ key: 'dav.home.test', requests: 125, blocked: 25, bytesUp: 125_000, bytesDown: 1_250 }]));
    expect(totals.byDestination.find((row) => row.key === 'Home WebDAV')).toMatchObject({ requests: 125 });
    const { timeline } = totals;
    expect(timeline.start).toBe(BASE);
    expect(timeline.slices.reduce((sum, slice) => sum + slice.requests, 0)).toBe(250);
    expect(timeline.slices.reduce((sum, slice) => sum + slice.bytesUp, 0)).toBe(250_000);
    expect(timeline.slices.length).toBeLessThanOrEqual(48);
  });
});

describe('activity.export', () => {
  it('exports a redacted HAR by default and the stored values only when asked', async () => {
    const har = await call<{ fileName: string; records: number; content: string }>('activity.export', { format: 'har' });
    expect(har.fileName).toMatch(/^vitre-activity-.*\.har$/);
    expect(har.records).toBe(251);
    expect((JSON.parse(har.content) as { log: { entries: unknown[] } }).log.entries).toHaveLength(251);
    expect(har.content).not.toContain('12 34 56 78');
    const raw = await call<{ fileName: string; content: string }>('activity.export', { format: 'csv', raw: true });
    expect(raw.fileName).toMatch(/-raw\.csv$/);
    expect(raw.content).toContain('+33 6 12 34 56 78');
  });
});

// Last: it edits the log behind the API's back.
describe('activity.verify', () => {
  it('says the log is intact, then names the first record that was changed', async () => {
    expect(await call('activity.verify', {})).toEqual({ ok: true, records: 251 });
    log.db.exec('DROP TRIGGER IF EXISTS activity_no_update');
    log.db.prepare('UPDATE activity SET bytes_up = 7 WHERE id = 17').run();
    expect(await call('activity.verify', {})).toMatchObject({ ok: false, firstBadId: 17, problem: 'edited-or-inserted' });
  });
});
