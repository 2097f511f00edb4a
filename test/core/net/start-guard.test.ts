// startEgressGuard as the app calls it first thing: it opens the log in the data folder, applies
// retention, reads the policy file, records to SQLite, and takes session-only and changed rules.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openActivityLog } from '../../../main/core/net/activity-log.ts';
import { queryActivity } from '../../../main/core/net/activity-query.ts';
import { verifyActivityLog } from '../../../main/core/net/activity-verify.ts';
import { startEgressGuard, type RunningGuard } from '../../../main/core/net/egress-guard.ts';
import { defaultPolicySettings } from '../../../main/core/net/policy.ts';
import { savePolicySettings } from '../../../main/core/net/policy-store.ts';
import { connectTcp, type TcpServer } from '../../../main/core/net/tcp.ts';
import { sampleRecord } from './sample-records.ts';
import { startLoopbackServer } from './test-server.ts';

let home: string;
let server: TcpServer;
let port: number;
let guard: RunningGuard;
const savedHome = process.env.VITRE_HOME;

const attempt = () => connectTcp('127.0.0.1', port, { timeoutMs: 5000 }).then(
  (socket) => (socket.destroy(), 'connected'),
  (error: Error & { kind?: string }) => error.kind ?? error.message,
);

beforeAll(async () => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'vitre-start-'));
  ({ server, port } = await startLoopbackServer());
  const log = openActivityLog(home);
  log.append([sampleRecord(1, { time: Date.now() - 3 * 86_400_000 }), sampleRecord(2, { time: Date.now() - 3_600_000 })]);
  log.close();
  savePolicySettings(home, { ...defaultPolicySettings(), activityRetentionDays: 2 });
  guard = startEgressGuard({ home });
});
afterAll(() => {
  guard.stop();
  server.close();
  if (savedHome === undefined) delete process.env.VITRE_HOME;
  else process.env.VITRE_HOME = savedHome;
  fs.rmSync(home, { recursive: true, force: true });
});

describe('startEgressGuard', () => {
  it('applies the retention setting when the app starts', () => {
    expect(queryActivity(guard.log, {}).map((r) => r.id)).toEqual([2]);
    expect(verifyActivityLog(guard.log).ok).toBe(true);
  });

  it('is started once per thread, and tells children where the log is', () => {
    expect(startEgressGuard({ home: '/elsewhere' })).toBe(guard);
    expect(process.env.VITRE_HOME).toBe(home);
  });

  it('blocks what policy.json does not allow, and takes session and changed rules at once', async () => {
    expect(await attempt()).toBe('egress-blocked');
    guard.allowForSession({ protocol: 'tcp', host: '127.0.0.1', port, why: 'the demo phone Vitre started' });
    expect(await attempt()).toBe('connected');
    guard.setPolicy({ ...defaultPolicySettings(), lanDiscovery: true });
    expect(await attempt()).toBe('connected');
  });

  it('writes what it saw to the log, chained', async () => {
    await new Promise((resolve) => setTimeout(resolve, 50));
    guard.writer.flush();
    const records = queryActivity(guard.log, { host: '127.0.0.1', order: 'oldest-first' });
    expect(records.map((r) => r.verdict)).toEqual(['blocked', 'allowed', 'allowed']);
    expect(records[1]?.reason).toBe('allowed: the demo phone Vitre started');
    expect(verifyActivityLog(guard.log).ok).toBe(true);
  });
});
