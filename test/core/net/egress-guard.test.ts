// The guard against the kernel's own account: a program tries every way out (13 of them) under
// strace; every attempt must be in the activity log, and nothing may reach connect(), sendto() or
// sendmsg() for a destination outside the policy.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openActivityLog } from '../../../main/core/net/activity-log.ts';
import { queryActivity } from '../../../main/core/net/activity-query.ts';
import type { StoredRecord } from '../../../main/core/net/activity-record.ts';
import { verifyActivityLog } from '../../../main/core/net/activity-verify.ts';
import { GUARD_PRELOAD } from '../../../main/core/net/egress-guard.ts';
import { defaultPolicySettings } from '../../../main/core/net/policy.ts';
import { savePolicySettings } from '../../../main/core/net/policy-store.ts';
import type { TcpServer } from '../../../main/core/net/tcp.ts';
import { requireTool } from '../../support/tools.ts';
import { startLoopbackServer } from './test-server.ts';

const FIXTURE = path.join(import.meta.dirname, 'fixtures', 'egress-attempts.ts');

interface Run {
  pid: number;
  outcomes: Record<string, string>;
  records: StoredRecord[];
  syscalls: string[];
  port: number;
}

async function runAttempts(): Promise<Run> {
  const strace = requireTool('strace');
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'vitre-guard-'));
  const { server, port } = await startLoopbackServer();
  servers.push(server);
  savePolicySettings(home, { ...defaultPolicySettings(), destinations: [{ name: 'test server', host: '127.0.0.1', port, enabled: true }] });
  const trace = path.join(home, 'strace.txt');
  const args = ['-f', '-qq', '-e', 'trace=connect,sendto,sendmsg,sendmmsg,setsockopt', '-o', trace, process.execPath, '--require', GUARD_PRELOAD, FIXTURE, String(port)];
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile(strace, args, { env: { ...process.env, VITRE_HOME: home }, timeout: 45_000 }, (error, out, err) =>
      error ? reject(new Error(`${error.message}\n${err}`)) : resolve(out));
  });
  const { pid, outcomes } = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Pick<Run, 'pid' | 'outcomes'>;
  const log = openActivityLog(home);
  const records = queryActivity(log, { order: 'oldest-first', limit: 10_000 });
  expect(verifyActivityLog(log).ok).toBe(true);
  log.close();
  return { pid, outcomes, records, syscalls: fs.readFileSync(trace, 'utf8').split('\n'), port };
}

const servers: TcpServer[] = [];
let run: Run;

beforeAll(async () => {
  run = await runAttempts();
});
afterAll(() => servers.forEach((server) => server.close()));

describe('the egress guard', () => {
  it('blocks every attempt outside the policy, and the program sees a blocked error', () => {
    const blocked = Object.entries(run.outcomes).filter(([way]) => way.endsWith('blocked'));
    expect(blocked.length).toBeGreaterThanOrEqual(14);
    for (const [way, outcome] of blocked) expect(`${way}: ${outcome}`).toBe(`${way}: error:egress-blocked`);
  });

  it('lets allowed attempts through to the loopback server', () => {
    for (const way of ['http', 'fetch', 'undici', 'worker', 'child']) expect(run.outcomes[`${way} allowed`]).toBe('status:200');
    for (const way of ['net', 'socket', 'tls']) expect(run.outcomes[`${way} allowed`]).toBe('connected');
  });

  it('records every attempt in this process, with its purpose and verdict', () => {
    const inThisProcess = Object.keys(run.outcomes).filter((way) => !way.startsWith('worker') && !way.startsWith('child'));
    expect(inThisProcess.length).toBeGreaterThanOrEqual(22);
    for (const way of inThisProcess) {
      const verdict = way.endsWith('allowed') ? 'allowed' : 'blocked';
      const matching = run.records.filter((r) => r.purpose.job === `way:${way}` && r.verdict === verdict);
      expect(matching.length, `records for "${way}"`).toBeGreaterThanOrEqual(1);
      expect(matching[0]?.purpose).toMatchObject({ category: 'egress-test', module: 'egress-attempts' });
      if (verdict === 'blocked') expect(matching[0]?.reason).toMatch(/^blocked: /);
    }
  });

  it('records attempts made in a worker thread and in a child Node process', () => {
    // Each carries the purpose of the code that started the worker or the child.
    const worker = run.records.filter((r) => r.pid === run.pid && r.thread !== 0);
    expect(worker.find((r) => r.verdict === 'allowed' && r.url.endsWith('/worker') && r.status === 200)?.purpose.job).toBe('way:worker allowed');
    expect(worker.find((r) => r.verdict === 'blocked' && r.host === '192.0.2.1')?.purpose).toMatchObject({ job: 'way:worker blocked', category: 'egress-test' });
    const children = run.records.filter((r) => r.pid !== run.pid);
    expect(children.find((r) => r.verdict === 'allowed' && r.url.endsWith('/child') && r.status === 200)?.purpose.job).toBe('way:child allowed');
    expect(children.find((r) => r.verdict === 'blocked' && r.host === '192.0.2.1')?.purpose.job).toBe('way:child blocked');
    const launches = run.records.filter((r) => r.kind === 'process');
    expect(launches).toHaveLength(2);
    expect(launches[0]?.detail.command?.[0]).toBe(process.execPath);
  });

  it('records a connection still open when the process exits', () => {
    const open = run.records.find((r) => r.purpose.job === 'way:left open allowed');
    expect(open).toMatchObject({ kind: 'tcp', verdict: 'allowed', port: run.port, detail: { error: 'still open when the process exited' } });
  });

  it('merges HTTP detail with the connection: method, URL, status, bytes and timings', () => {
    const fetched = run.records.find((r) => r.purpose.job === 'way:fetch allowed');
    expect(fetched).toMatchObject({ kind: 'http', method: 'GET', status: 200, host: '127.0.0.1', port: run.port });
    expect(fetched?.url).toBe(`http://127.0.0.1:${run.port}/fetch`);
    expect(fetched?.bytesUp).toBeGreaterThan(0);
    expect(fetched?.bytesDown).toBeGreaterThan(0);
    expect(fetched?.timings.connect).toBeGreaterThanOrEqual(0);
    expect(fetched?.timings.firstByte).toBeGreaterThanOrEqual(0);
    expect(fetched?.timings.total).toBeGreaterThanOrEqual(fetched?.timings.firstByte ?? 0);
  });

  it('never let a packet leave for a blocked destination (strace of connect/sendto/sendmsg/setsockopt)', () => {
    const network = run.syscalls.filter((line) => /AF_INET6?\b/.test(line));
    expect(network.length).toBeGreaterThanOrEqual(8);
    for (const line of network) {
      const address = /inet_addr\("([^"]+)"\)|inet_pton\(AF_INET6, "([^"]+)"/.exec(line);
      expect(address?.[1] ?? address?.[2], line).toMatch(/^(127\.0\.0\.1|::1)$/);
    }
    const everything = run.syscalls.join('\n');
    expect(everything).not.toContain('192.0.2.1');
    expect(everything).not.toContain('224.0.0.251');
    expect(everything).not.toContain('htons(53)');
    // No multicast join: the kernel would announce it on the network.
    expect(everything).not.toMatch(/IP_ADD_MEMBERSHIP|IPV6_ADD_MEMBERSHIP|MCAST_JOIN/);
  });
});
