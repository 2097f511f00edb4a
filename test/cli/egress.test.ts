// Every `vitre` run starts the egress guard first: what it reaches is recorded with the reason it
// was allowed, and what the user's policy does not name is blocked before it leaves.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phonesNamedOn } from '../../main/cli/egress.ts';
import { EXIT } from '../../main/cli/exit-codes.ts';
import { openActivityLog } from '../../main/core/net/activity-log.ts';
import { queryActivity } from '../../main/core/net/activity-query.ts';
import { verifyActivityLog } from '../../main/core/net/activity-verify.ts';
import { createDemoPhone } from '../../main/core/demo-phone/create-phone.ts';
import { DEFAULT_PHONE_OPTIONS } from '../../main/core/demo-phone/options.ts';
import { startDemoPhone } from '../../main/core/demo-phone/server.ts';
import { PrivateAdbServer } from '../core/device/support/private-adb-server.ts';
import { startTestPhone } from '../core/device/support/test-phone.ts';

const MAIN = join(import.meta.dirname, '../../main/cli/main.ts');
let home: string;
let phone: Awaited<ReturnType<typeof startTestPhone>>;

function vitre(args: string[], env: NodeJS.ProcessEnv = process.env, dataFolder = home): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [MAIN, ...args], { env: { ...env, VITRE_HOME: dataFolder }, timeout: 30_000, encoding: 'utf8' }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout, stderr });
    });
  });
}

function records() {
  const log = openActivityLog(home);
  try {
    return { rows: queryActivity(log, { limit: 100 }), verified: verifyActivityLog(log).ok };
  } finally {
    log.close();
  }
}

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'vitre-cli-egress-'));
  phone = await startTestPhone();
});

afterAll(async () => {
  await phone?.close();
  rmSync(home, { recursive: true, force: true });
});

describe('the command line under the egress guard', () => {
  // Without its data folder no run could be recorded, so none starts; under /proc the folder once
  // could not even be refused (Node's recursive mkdir spun there forever).
  it('refuses to run without a data folder it can make, saying which and what to do', async () => {
    const result = await vitre(['devices'], process.env, '/proc/vitre-home');
    expect(result.code).toBe(EXIT.failure);
    expect(result.stderr).toMatch(/^vitre: Vitre cannot use its data folder \/proc\/vitre-home \(ENOENT.*\)\. Set VITRE_HOME to a folder you can write to\.\n$/);
  });

  it('takes the phones a command names as consent for that run only', () => {
    expect(phonesNamedOn(['node', 'vitre', 'info', 'tcp:127.0.0.1:15555'])).toMatchObject([{ host: '127.0.0.1', port: 15555 }]);
    expect(phonesNamedOn(['node', 'vitre', 'connect', '--direct', '192.168.1.20'])).toMatchObject([{ host: '192.168.1.20', port: 5555 }]);
    expect(phonesNamedOn(['node', 'vitre', 'connect', '192.168.1.20:5555'])).toEqual([]);
    expect(phonesNamedOn(['node', 'vitre', 'devices'])).toEqual([]);
  });

  it('records the connection to a phone named on the command line, with why it was allowed', async () => {
    const result = await vitre(['info', `tcp:127.0.0.1:${phone.port}`, '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(EXIT.ok);
    const { rows, verified } = records();
    const toPhone = rows.find((row) => row.port === phone.port);
    expect(toPhone).toMatchObject({ verdict: 'allowed', host: '127.0.0.1' });
    expect(toPhone?.reason).toContain('named on the command line');
    expect(verified).toBe(true);
  });

  it('records the adb server it starts as a process launch, and its connections as allowed by the policy', async () => {
    const adb = new PrivateAdbServer();
    try {
      const result = await vitre(['devices', '--json'], adb.env);
      expect(result.code).toBe(EXIT.ok);
      const { rows, verified } = records();
      const launch = rows.find((row) => row.kind === 'process' && row.detail.command?.includes('start-server'));
      expect(launch?.detail.command).toContain(String(adb.port));
      const toServer = rows.find((row) => row.kind === 'tcp' && row.port === adb.port);
      expect(toServer).toMatchObject({ verdict: 'allowed', host: '127.0.0.1' });
      expect(toServer?.reason).toContain('adb server');
      expect(verified).toBe(true);
    } finally {
      await adb.stop();
    }
  });

  it('backs up the simulated phone to a local folder without a single attempt outside loopback', async () => {
    const demo = createDemoPhone({ ...DEFAULT_PHONE_OPTIONS, seed: 5, photos: 6, videos: 1, contacts: 5, messages: 20, calls: 5 });
    const running = await startDemoPhone(demo, DEFAULT_PHONE_OPTIONS);
    const folder = mkdtempSync(join(tmpdir(), 'vitre-cli-egress-backup-'));
    try {
      const result = await vitre(['backup', `tcp:127.0.0.1:${running.port}`, '--to', folder, '--json']);
      expect(result.code).toBe(EXIT.ok);
      const { rows, verified } = records();
      const network = rows.filter((row) => row.kind !== 'process');
      expect(network.some((row) => row.port === running.port && row.verdict === 'allowed')).toBe(true);
      expect(network.filter((row) => !['127.0.0.1', '::1', 'localhost'].includes(row.host))).toEqual([]);
      expect(rows.filter((row) => row.verdict === 'blocked')).toEqual([]);
      expect(verified).toBe(true);
    } finally {
      await running.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
