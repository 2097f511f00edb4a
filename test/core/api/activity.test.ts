// The Activity view's command and event on a real activity log (SQLite, hash-chained): newest
// first, searchable, with totals, and new records pushed as they are appended.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityPage } from '../../../preload/contract/activity.ts';
import type { EventMessage } from '../../../preload/contract/api.ts';
import { activityLogSource } from '../../../main/core/api/activity-log-source.ts';
import { createApi, type Api } from '../../../main/core/api/create-api.ts';
import { openActivityLog, type ActivityLog } from '../../../main/core/net/activity-log.ts';
import { makeRecord } from '../../../main/core/net/activity-record.ts';
import { noPhones } from '../../web/no-phones.ts';

let home: string;
let log: ActivityLog;
let api: Api;
const events: EventMessage[] = [];

beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'vitre-activity-'));
  log = openActivityLog(home);
  log.append([
    makeRecord({ time: 1_000, kind: 'tcp', verdict: 'allowed', reason: 'allowed: the adb server on this computer', host: '127.0.0.1', port: 5037, purpose: { module: 'device' } }),
    makeRecord({ time: 2_000, kind: 'http', verdict: 'blocked', reason: 'blocked: not a destination you enabled', host: 'telemetry.example', port: 443, method: 'POST', url: 'https://telemetry.example/v1', bytesUp: 512 }),
    makeRecord({ time: 3_000, kind: 'tcp', verdict: 'allowed', reason: 'allowed: phone "Pixel 8" you connected', host: '192.168.1.20', port: 5555, bytesDown: 1_048_576, timings: { dns: -1, connect: 3, tls: -1, firstByte: 20, total: 35 } }),
  ]);
  api = createApi({ ...noPhones(), activity: activityLogSource(log) });
  api.subscribe((message) => events.push(message));
});

afterAll(async () => {
  await api.close();
  log.close();
  rmSync(home, { recursive: true, force: true });
});

const list = async (input: object): Promise<ActivityPage> => {
  const result = await api.invoke('activity.list', input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as ActivityPage;
};

describe('activity.list', () => {
  it('returns records newest first with their purpose, size, timing and verdict', async () => {
    const page = await list({});
    expect(page.total).toBe(3);
    expect(page.blocked).toBe(1);
    expect(page.entries.map((entry) => entry.host)).toEqual(['192.168.1.20', 'telemetry.example', '127.0.0.1']);
    expect(page.entries[0]).toMatchObject({ kind: 'tcp', verdict: 'allowed', bytesDown: 1_048_576, durationMs: 35 });
    expect(page.entries[2]).toMatchObject({ durationMs: null, purpose: { module: 'device', job: null } });
  });

  it('searches and filters by verdict, with totals for the search', async () => {
    expect((await list({ text: 'telemetry' })).entries.map((entry) => entry.url)).toEqual(['https://telemetry.example/v1']);
    const blocked = await list({ verdict: 'blocked' });
    expect(blocked).toMatchObject({ total: 1, blocked: 1 });
    expect((await list({ verdict: 'allowed', limit: 1 })).entries).toHaveLength(1);
  });

  it('refuses a query outside the contract', async () => {
    expect(await api.invoke('activity.list', { limit: 100_000 })).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    expect(await api.invoke('activity.list', { sql: 'DROP TABLE activity' })).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
  });

  it('pushes new records as they are appended', async () => {
    log.append([makeRecord({ kind: 'dns', verdict: 'blocked', reason: 'blocked: lookup not needed', host: 'ads.example' })]);
    const deadline = Date.now() + 5_000;
    while (!events.some((message) => message.event === 'activity.appended') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const appended = events.find((message) => message.event === 'activity.appended');
    expect(appended?.payload).toMatchObject({ entries: [{ kind: 'dns', host: 'ads.example', verdict: 'blocked' }] });
  });

  it('says so when no activity log is open', async () => {
    const bare = createApi(noPhones());
    expect(await bare.invoke('activity.list', {})).toMatchObject({ ok: false, error: { kind: 'unsupported' } });
    await bare.close();
  });
});
