/* eslint-disable no-restricted-imports -- this test plays the program whose UDP, DNS and HTTP the
   guard must see. */
// The guard in this process, path by path: what is recorded for allowed UDP, DNS, HTTP keep-alive
// and process launches, and that a policy change applies at once.
import { execFile } from 'node:child_process';
import dgram from 'node:dgram';
import dns from 'node:dns';
import http from 'node:http';
import http2 from 'node:http2';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityRecord } from '../../../main/core/net/activity-record.ts';
import { withActivityContext } from '../../../main/core/net/activity-context.ts';
import { GUARD_PRELOAD, installEgressGuard, type InstalledGuard } from '../../../main/core/net/egress-guard.ts';
import type { PolicyRule } from '../../../main/core/net/policy.ts';
import type { TcpServer } from '../../../main/core/net/tcp.ts';
import { startLoopbackServer } from './test-server.ts';

let guard: InstalledGuard;
let records: ActivityRecord[];
let server: TcpServer;
let port: number;
let udp: dgram.Socket;
let udpPort: number;
let rules: PolicyRule[];
const originalConnect = net.Socket.prototype.connect;

beforeAll(async () => {
  ({ server, port } = await startLoopbackServer());
  udp = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', resolve));
  udpPort = udp.address().port;
  records = [];
  rules = [
    { protocol: 'tcp', host: '127.0.0.1', port, why: 'test server' },
    { protocol: 'tcp', host: 'localhost', port, why: 'test server by name' },
    { protocol: 'udp', host: '127.0.0.1', port: udpPort, why: 'test UDP server' },
  ];
  guard = installEgressGuard({ rules, record: (record) => records.push(record) });
});
afterAll(() => {
  guard.uninstall();
  server.close();
  udp.close();
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

function get(path: string, agent: http.Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path, agent }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    }).on('error', reject);
  });
}

describe('the guard, path by path', () => {
  it('delivers and records an allowed UDP datagram, with its size', async () => {
    const received = new Promise<Buffer>((resolve) => udp.once('message', resolve));
    const sender = dgram.createSocket('udp4');
    await new Promise<void>((resolve, reject) => sender.send('ping!', udpPort, '127.0.0.1', (error) => (error ? reject(error) : resolve())));
    expect((await received).toString()).toBe('ping!');
    sender.close();
    expect(records.find((r) => r.kind === 'udp' && r.port === udpPort)).toMatchObject({ verdict: 'allowed', bytesUp: 5, host: '127.0.0.1' });
  });

  it('refuses to connect a UDP socket to a destination outside the policy', async () => {
    const socket = dgram.createSocket('udp4');
    const error = await new Promise<Error>((resolve) => {
      socket.once('error', resolve);
      socket.connect(53, '192.0.2.1');
    });
    socket.close();
    expect(error).toMatchObject({ kind: 'egress-blocked' });
  });

  it('refuses to join a multicast group outside the policy (mDNS with discovery off)', async () => {
    const socket = dgram.createSocket({ type: 'udp4', reuseAddr: true });
    await new Promise<void>((resolve) => socket.bind(0, resolve));
    expect(() => socket.addMembership('224.0.0.251')).toThrow(expect.objectContaining({ kind: 'egress-blocked' }));
    socket.close();
    expect(records.find((r) => r.protocol === 'multicast join')).toMatchObject({ verdict: 'blocked', host: '224.0.0.251' });
  });

  it('records an allowed DNS lookup with its answers', async () => {
    const address = await new Promise<string>((resolve, reject) => dns.lookup('localhost', 4, (error, found) => (error ? reject(error) : resolve(found))));
    expect(address).toBe('127.0.0.1');
    expect(records.find((r) => r.kind === 'dns' && r.host === 'localhost')).toMatchObject({ verdict: 'allowed', detail: { question: 'A/AAAA', answers: ['127.0.0.1'] } });
  });

  it('merges each request on a kept-alive connection into its own record; only the first carries connect time', async () => {
    const before = records.length;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    await withActivityContext({ job: 'keep-alive', module: 'guard-paths.test' }, async () => {
      expect(await get('/one', agent)).toBe(200);
      expect(await get('/two', agent)).toBe(200);
    });
    agent.destroy();
    await settle();
    const requests = records.slice(before).filter((r) => r.kind === 'http');
    expect(requests.map((r) => new URL(r.url).pathname)).toEqual(['/one', '/two']);
    expect(requests.every((r) => r.purpose.job === 'keep-alive' && r.bytesUp > 0 && r.bytesDown > 0)).toBe(true);
    expect(requests[0]?.timings.connect).toBeGreaterThanOrEqual(0);
    // The test server closes after each response, so the second request opened its own connection.
    expect(requests[1]?.timings.connect).toBeGreaterThanOrEqual(0);
    expect(records.slice(before).some((r) => r.kind === 'tcp')).toBe(false);
  });

  it('records each HTTP/2 request with method, URL, status and the h2 protocol', async () => {
    const h2 = http2.createServer((_request, response) => response.end('hi'));
    await new Promise<void>((resolve) => h2.listen(0, '127.0.0.1', resolve));
    const h2Port = (h2.address() as { port: number }).port;
    guard.setRules([...rules, { protocol: 'tcp', host: '127.0.0.1', port: h2Port, why: 'test h2 server' }]);
    const before = records.length;
    const session = http2.connect(`http://127.0.0.1:${h2Port}`);
    await withActivityContext({ job: 'h2' }, () => new Promise<void>((resolve, reject) => {
      const stream = session.request({ ':path': '/h2?x=1', ':method': 'GET' });
      stream.on('data', () => undefined);
      stream.on('end', resolve);
      stream.on('error', reject);
      stream.end();
    }));
    session.close();
    await new Promise<void>((resolve) => h2.close(() => resolve()));
    await settle();
    guard.setRules(rules);
    const added = records.slice(before);
    expect(added.find((r) => r.kind === 'http')).toMatchObject({
      method: 'GET', url: `http://127.0.0.1:${h2Port}/h2?x=1`, status: 200, protocol: 'h2', host: '127.0.0.1', port: h2Port,
      purpose: { job: 'h2' }, reason: 'allowed: test h2 server',
    });
    // The session's own connection carries the bytes.
    expect(added.find((r) => r.kind === 'tcp' && r.port === h2Port)?.bytesDown).toBeGreaterThan(0);
  });

  it('records a launched program with its command line, and hands the guard to it', async () => {
    const nodeOptions = await new Promise<string>((resolve, reject) =>
      execFile('/bin/sh', ['-c', 'printf %s "$NODE_OPTIONS"'], (error, stdout) => (error ? reject(error) : resolve(stdout))));
    expect(nodeOptions).toContain(`--require "${GUARD_PRELOAD}"`);
    expect(records.find((r) => r.kind === 'process')).toMatchObject({ verdict: 'allowed', protocol: 'sh', detail: { command: ['/bin/sh', '-c', 'printf %s "$NODE_OPTIONS"'] } });
  });

  it('applies a policy change at once', async () => {
    const attempt = () => new Promise<string>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve('connected')));
      socket.once('error', (error: Error & { kind?: string }) => resolve(error.kind ?? error.message));
    });
    guard.setRules(rules.filter((rule) => rule.host !== '127.0.0.1'));
    expect(await attempt()).toBe('egress-blocked');
    guard.setRules(rules);
    expect(await attempt()).toBe('connected');
  });

  it('restores Node when uninstalled', () => {
    const probe = installEgressGuard({ rules: [], record: () => undefined, children: false });
    expect(net.Socket.prototype.connect).not.toBe(originalConnect);
    probe.uninstall();
    guard.uninstall();
    expect(net.Socket.prototype.connect).toBe(originalConnect);
    guard = installEgressGuard({ rules, record: (record) => records.push(record) });
  });
});
