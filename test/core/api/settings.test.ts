// The Settings commands on a real data folder: the policy in effect with the reason for each
// rule, changes saved to policy.json and handed to the running guard, retention applied at once.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Settings } from '../../../preload/contract/settings.ts';
import { createApi, type Api } from '../../../main/core/api/create-api.ts';
import { settingsSource } from '../../../main/core/api/settings-source.ts';
import { openActivityLog, type ActivityLog } from '../../../main/core/net/activity-log.ts';
import { makeRecord } from '../../../main/core/net/activity-record.ts';
import type { PolicySettings } from '../../../main/core/net/policy.ts';
import { savePolicySettings } from '../../../main/core/net/policy-store.ts';
import { noPhones } from '../../web/no-phones.ts';

let home: string;
let log: ActivityLog;
let api: Api;
const applied: PolicySettings[] = [];

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'vitre-settings-'));
  log = openActivityLog(home);
  applied.length = 0;
  api = createApi({ ...noPhones(), settings: settingsSource({ home, activityLog: log, guard: { setPolicy: (next) => applied.push(next) } }) });
});

afterEach(async () => {
  await api.close();
  log.close();
  rmSync(home, { recursive: true, force: true });
});

async function call(command: string, input: object): Promise<Settings> {
  const result = await api.invoke(command, input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as Settings;
}

describe('settings.get', () => {
  it('shows the data folder and what is allowed now, each rule with the user’s reason', async () => {
    savePolicySettings(home, {
      adbServer: { host: '127.0.0.1', port: 5037 },
      phones: [{ name: 'Pixel 8', host: '192.168.1.20', port: 5555 }],
      destinations: [{ name: 'Home WebDAV', host: 'dav.home.test', port: 443, enabled: false }],
      lanDiscovery: false,
      activityRetentionDays: 90,
    });
    const settings = await call('settings.get', {});
    expect(settings).toMatchObject({ dataFolder: home, lanDiscovery: false, activityRetentionDays: 90, cloudDestinations: 1 });
    expect(settings.rules.map((rule) => `${rule.host}:${rule.port}`)).toEqual([expect.stringMatching(/^127\.0\.0\.1:\d+$/), '192.168.1.20:5555']);
    expect(settings.rules[1]).toMatchObject({ why: 'phone "Pixel 8" you connected on the local network', source: 'phone', name: 'Pixel 8' });
  });
});

describe('settings.update', () => {
  it('turns discovery on: saved, applied to the running guard, and listed as a rule', async () => {
    const settings = await call('settings.update', { lanDiscovery: true });
    expect(settings.rules.at(-1)).toMatchObject({ protocol: 'udp', host: '224.0.0.251', port: 5353, source: 'discovery' });
    expect(JSON.parse(readFileSync(join(home, 'policy.json'), 'utf8'))).toMatchObject({ lanDiscovery: true });
    expect(applied.at(-1)?.lanDiscovery).toBe(true);
  });

  it('applies a shorter retention to the log at once, and the chain still verifies', async () => {
    const day = 86_400_000;
    log.append([
      makeRecord({ time: Date.now() - 40 * day, kind: 'tcp', verdict: 'allowed', reason: 'old' }),
      makeRecord({ time: Date.now(), kind: 'tcp', verdict: 'allowed', reason: 'new' }),
    ]);
    expect((await call('settings.update', { activityRetentionDays: 30 })).activityRetentionDays).toBe(30);
    expect((log.db.prepare('SELECT reason FROM activity').all() as Array<{ reason: string }>).map((row) => row.reason)).toEqual(['new']);
  });

  it('refuses values outside the contract', async () => {
    expect(await api.invoke('settings.update', { activityRetentionDays: -1 })).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    expect(await api.invoke('settings.update', { phones: [] })).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
  });

  it('says so when this host has no data folder', async () => {
    const bare = createApi(noPhones());
    expect(await bare.invoke('settings.get', {})).toMatchObject({ ok: false, error: { kind: 'unsupported' } });
    await bare.close();
  });
});
