// The `vitre activity` and `vitre policy` commands, run as a user would, against a real log.
import { execFile, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSince } from '../../../main/cli/commands/activity.ts';
import { openActivityLog } from '../../../main/core/net/activity-log.ts';
import { defaultPolicySettings } from '../../../main/core/net/policy.ts';
import { savePolicySettings } from '../../../main/core/net/policy-store.ts';
import { sampleRecord } from './sample-records.ts';

const CLI = path.join(import.meta.dirname, 'fixtures', 'activity-cli.ts');
let home: string;

function vitre(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const env: NodeJS.ProcessEnv = { ...process.env, VITRE_HOME: home };
    delete env.ANDROID_ADB_SERVER_PORT;
    execFile(process.execPath, [CLI, ...args], { env, timeout: 30_000 }, (error, stdout, stderr) =>
      resolve({ code: error === null ? 0 : Number(error.code), stdout, stderr }));
  });
}

beforeAll(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'vitre-cli-'));
  const log = openActivityLog(home);
  log.append(Array.from({ length: 12 }, (_, i) => sampleRecord(i)));
  log.append([sampleRecord(12, { kind: 'tcp', verdict: 'blocked', reason: 'blocked: tcp to 192.0.2.1:443 is not …', host: '192.0.2.1', method: '', url: '', status: 0 })]);
  log.close();
  savePolicySettings(home, {
    ...defaultPolicySettings(),
    phones: [{ name: 'Pixel 7', host: '192.168.1.20', port: 5555 }],
    destinations: [{ name: 'My S3', host: 's3.example.com', port: 443, enabled: true }, { name: 'Old NAS', host: 'nas.example.org', port: 443, enabled: false }],
  });
});
afterAll(() => fs.rmSync(home, { recursive: true, force: true }));

describe('vitre activity', () => {
  it('lists records, filtered by host, blocked verdict and job', async () => {
    const all = JSON.parse((await vitre('activity', '--json')).stdout) as { id: number }[];
    expect(all).toHaveLength(13);
    const blocked = JSON.parse((await vitre('activity', '--blocked', '--json')).stdout) as { host: string }[];
    expect(blocked.map((r) => r.host)).toEqual(['192.0.2.1']);
    const byHost = JSON.parse((await vitre('activity', '--host', 's3.example.com', '--job', 'job-1', '--json')).stdout) as { id: number }[];
    expect(byHost.map((r) => r.id)).toEqual([2]);
    const text = await vitre('activity', '--since', '2026-01-01T00:00:00Z');
    expect(text.stdout).toContain('BLOCKED (tcp to 192.0.2.1:443');
    expect(text.stdout).toContain('job job-0, photos, photos, main/core/backup/runner.ts');
  });

  it('prints totals per host and per destination', async () => {
    const byHost = JSON.parse((await vitre('activity', 'totals', '--json')).stdout) as { key: string; requests: number }[];
    expect(byHost.find((t) => t.key === 's3.example.com')?.requests).toBe(4);
    const byDestination = await vitre('activity', 'totals', '--by', 'destination');
    expect(byDestination.stdout).toMatch(/^photos\s+13 requests\s+1 blocked/m);
  });

  it('exports HAR, CSV and JSONL', async () => {
    for (const format of ['har', 'csv', 'jsonl']) {
      const out = path.join(home, `export.${format}`);
      const result = await vitre('activity', 'export', '--format', format, '--out', out);
      expect(result.stdout).toContain('Exported 13 records');
      expect(fs.statSync(out).size).toBeGreaterThan(100);
    }
    expect((await vitre('activity', 'export', '--format', 'xml', '--out', 'x')).code).toBe(2);
  });

  it('says which export file it could not write, and what to choose instead', async () => {
    const out = path.join(home, 'no-such-folder', 'export.har');
    const result = await vitre('activity', 'export', '--format', 'har', '--out', out);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`vitre: Could not write the export to ${out} (ENOENT: no such file or directory, open '${out}'). Choose a file in a folder that exists and that you can write to.\n`);
  });

  it('verifies an untouched log, and fails naming the first edited record', async () => {
    const intact = await vitre('activity', 'verify');
    expect(intact.code).toBe(0);
    expect(intact.stdout).toContain('intact: 13 records');
    const db = new Database(path.join(home, 'activity.sqlite'));
    db.exec('DROP TRIGGER activity_no_update');
    db.prepare("UPDATE activity SET url = 'https://s3.example.com/elsewhere' WHERE id = 6").run();
    db.close();
    const tampered = await vitre('activity', 'verify');
    expect(tampered.code).toBe(1);
    expect(tampered.stderr).toContain('record 6');
  });
});

describe('vitre activity --follow', () => {
  it('prints records other processes append, as they arrive', async () => {
    const child = spawn(process.execPath, [CLI, 'activity', '--follow', '--blocked', '--json'], { env: { ...process.env, VITRE_HOME: home } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const waitFor = async (text: string) => {
      for (let i = 0; i < 100 && !output.includes(text); i++) await new Promise((resolve) => setTimeout(resolve, 50));
      return output.includes(text);
    };
    expect(await waitFor('192.0.2.1')).toBe(true);
    const log = openActivityLog(home);
    log.append([sampleRecord(99, { verdict: 'blocked', host: '198.51.100.7', reason: 'blocked: …' }), sampleRecord(100, { host: 'not-shown.example.com' })]);
    log.close();
    expect(await waitFor('198.51.100.7')).toBe(true);
    child.kill('SIGINT');
    await new Promise((resolve) => child.once('close', resolve));
    expect(output).not.toContain('not-shown.example.com');
  });
});

describe('vitre policy', () => {
  it('says what is allowed now and why', async () => {
    const text = (await vitre('policy')).stdout;
    expect(text).toContain('tcp 127.0.0.1:5037  — the adb server on this computer');
    expect(text).toContain('phone "Pixel 7"');
    expect(text).toContain('destination "My S3" you added and enabled');
    expect(text).toContain('destination "Old NAS" is turned off');
    expect(text).toContain('kept for 365 days');
    const json = JSON.parse((await vitre('policy', '--json')).stdout) as { allowed: unknown[] };
    expect(json.allowed).toHaveLength(3);
  });
});

describe('--since', () => {
  it('accepts durations and dates', () => {
    expect(parseSince('2h', 10_000_000)).toBe(10_000_000 - 7_200_000);
    expect(parseSince('2026-11-28T10:00:00Z')).toBe(Date.UTC(2026, 10, 28, 10));
    expect(() => parseSince('yesterday-ish')).toThrow(/duration like 30m/);
  });
});
