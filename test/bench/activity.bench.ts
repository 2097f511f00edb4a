/* eslint-disable no-restricted-imports -- measures the guard underneath plain node:http, the way
   destination backends will call it. */
// Benchmark of the egress guard and the activity log. Run: node test/bench/activity.bench.ts
// Prints, as measured on this machine:
//  - the guard's overhead on a bulk upload to a local HTTP server, and on a burst of 10,000 small
//    requests, as ratios guarded/unguarded (alternating rounds, medians);
//  - how long filtering a log of 1,000,000 records by host and by time range takes.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openActivityLog, type ActivityLog } from '../../main/core/net/activity-log.ts';
import { countActivity, queryActivity } from '../../main/core/net/activity-query.ts';
import { makeRecord, type ActivityRecord } from '../../main/core/net/activity-record.ts';
import { ActivityWriter } from '../../main/core/net/activity-writer.ts';
import { installEgressGuard, type InstalledGuard } from '../../main/core/net/egress-guard.ts';
import { withActivityContext } from '../../main/core/net/activity-context.ts';

const UPLOAD_BYTES = 512 * 1024 * 1024;
const CHUNK = Buffer.alloc(1024 * 1024, 7);
const BURST = 10_000;
const BURST_CONCURRENCY = 50;
const ROUNDS = 7;
const LOG_SIZE = Number(process.env.BENCH_LOG_SIZE ?? 1_000_000);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

// The server runs in its own, unguarded process so that only the client side is measured.
function startServer(): Promise<{ child: ChildProcess; port: number }> {
  const code = `require('node:http').createServer({ keepAliveTimeout: 60000 }, (req, res) => { req.resume(); req.on('end', () => res.end('ok')); })
    .listen(0, '127.0.0.1', function () { process.stdout.write(String(this.address().port) + '\\n'); });`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve) => child.stdout?.once('data', (data: Buffer) => resolve({ child, port: Number(data.toString().trim()) })));
}

function upload(port: number, agent: http.Agent): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port, method: 'PUT', path: '/bulk', agent }, (response) => {
      response.resume();
      response.on('end', () => resolve(performance.now() - started));
    });
    request.on('error', reject);
    let sent = 0;
    const pump = () => {
      while (sent < UPLOAD_BYTES) {
        sent += CHUNK.length;
        if (!request.write(CHUNK)) return void request.once('drain', pump);
      }
      request.end();
    };
    pump();
  });
}

async function burst(port: number, agent: http.Agent): Promise<number> {
  const started = performance.now();
  let next = 0;
  const one = (): Promise<void> =>
    new Promise((resolve, reject) => {
      http.get({ host: '127.0.0.1', port, path: `/small/${next}`, agent }, (response) => {
        response.resume();
        response.on('end', resolve);
      }).on('error', reject);
    });
  const lane = async () => {
    while (next < BURST) {
      next++;
      await one();
    }
  };
  await Promise.all(Array.from({ length: BURST_CONCURRENCY }, lane));
  return performance.now() - started;
}

// The engine runs its work inside withActivityContext; without it the guard names the module from
// the call stack, which costs more per request. Both are measured.
const ENGINE_PURPOSE = { job: 'bench', category: 'photos', destination: 'bench server', module: 'test/bench/activity.bench.ts' };

interface Sample {
  wallMs: number;
  /** This process's CPU time (user + system): the client side only, and less disturbed than
   * wall time by other work on a shared machine. */
  cpuMs: number;
}

/** Times `run`, with `setUp` and `tearDown` (installing and removing the guard) outside the clock. */
async function sample(run: () => Promise<unknown>, setUp = () => {}, tearDown = () => {}): Promise<Sample> {
  setUp();
  const cpu = process.cpuUsage();
  const started = performance.now();
  await run();
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  tearDown();
  return { wallMs, cpuMs: (used.user + used.system) / 1000 };
}

async function measureOverhead(name: string, run: (port: number, agent: http.Agent) => Promise<number>, port: number, log: ActivityLog, withPurpose: boolean) {
  const plain: Sample[] = [];
  const guarded: Sample[] = [];
  const rules = [{ protocol: 'tcp' as const, host: '127.0.0.1', port, why: 'benchmark server' }];
  const unguardedRun = () => run(port, new http.Agent({ keepAlive: true }));
  let writer: ActivityWriter | undefined;
  let guard: InstalledGuard | undefined;
  // Installed once per process in the app: outside the clock here. Writing the records is part of
  // the guard's cost: inside it.
  const install = () => {
    const target = new ActivityWriter(log);
    writer = target;
    guard = installEgressGuard({ rules, record: (record) => target.add(record), children: false });
  };
  const uninstall = () => guard?.uninstall();
  const guardedRun = async () => {
    await (withPurpose ? withActivityContext(ENGINE_PURPOSE, unguardedRun) : unguardedRun());
    writer?.flush();
  };
  await unguardedRun(); // warm-up
  await sample(guardedRun, install, uninstall);
  for (let round = 0; round < ROUNDS; round++) {
    // Alternate which goes first, so drift on a shared machine hits both alike. A fresh agent per
    // run: each run opens its own connections, as a backup job would.
    if (round % 2 === 0) {
      plain.push(await sample(unguardedRun));
      guarded.push(await sample(guardedRun, install, uninstall));
    } else {
      guarded.push(await sample(guardedRun, install, uninstall));
      plain.push(await sample(unguardedRun));
    }
  }
  const wall = median(guarded.map((s) => s.wallMs)) / median(plain.map((s) => s.wallMs));
  const cpu = median(guarded.map((s) => s.cpuMs)) / median(plain.map((s) => s.cpuMs));
  const ms = (samples: Sample[], key: keyof Sample) => median(samples.map((s) => s[key])).toFixed(1);
  console.log(`${name}:`);
  console.log(`  wall time: unguarded ${ms(plain, 'wallMs')} ms, guarded ${ms(guarded, 'wallMs')} ms -> ratio ${wall.toFixed(3)}`);
  console.log(`  CPU time:  unguarded ${ms(plain, 'cpuMs')} ms, guarded ${ms(guarded, 'cpuMs')} ms -> ratio ${cpu.toFixed(3)}  (medians of ${ROUNDS})`);
  return { wall, cpu };
}

function syntheticRecord(index: number, start: number): ActivityRecord {
  const host = `host-${index % 200}.example.com`;
  return makeRecord({
    time: start + index * 100,
    kind: 'http', verdict: index % 97 === 0 ? 'blocked' : 'allowed', reason: 'allowed: destination "bench" you added and enabled',
    host, port: 443, protocol: 'http/1.1', method: index % 3 === 0 ? 'PUT' : 'GET', url: `https://${host}/bucket/object-${index}`,
    status: 200, bytesUp: 1000, bytesDown: 200, timings: { dns: 1, connect: 2, tls: 3, firstByte: 4, total: 10 },
    purpose: { job: `job-${index % 1000}`, category: 'photos', destination: `dest-${index % 5}`, module: 'main/core/backup/runner.ts' },
  });
}

function timeQuery(label: string, query: () => unknown): number {
  query();
  const times = Array.from({ length: 20 }, () => {
    const started = performance.now();
    query();
    return performance.now() - started;
  });
  console.log(`${label}: median ${median(times).toFixed(2)} ms, worst ${Math.max(...times).toFixed(2)} ms (20 runs)`);
  return median(times);
}

async function measureLog(home: string) {
  const log = openActivityLog(path.join(home, 'million'));
  const start = Date.UTC(2026, 0, 1);
  const built = performance.now();
  for (let offset = 0; offset < LOG_SIZE; offset += 10_000) {
    log.append(Array.from({ length: 10_000 }, (_, i) => syntheticRecord(offset + i, start)));
  }
  console.log(`log: appended ${LOG_SIZE} records in ${((performance.now() - built) / 1000).toFixed(1)} s (batches of 10,000, hash-chained)`);
  const size = LOG_SIZE.toLocaleString('en-US');
  const byHost = timeQuery(`filter ${size} by host (page of 500)`, () => queryActivity(log, { host: 'host-42.example.com' }));
  const mid = start + (LOG_SIZE / 2) * 100;
  const byTime = timeQuery(`filter ${size} by time range, 1 hour (page of 500)`, () => queryActivity(log, { since: mid, until: mid + 3_600_000 }));
  timeQuery(`count ${size} by host`, () => countActivity(log, { host: 'host-42.example.com' }));
  timeQuery(`filter ${size} by host + blocked`, () => queryActivity(log, { host: 'host-42.example.com', verdict: 'blocked' }));
  log.close();
  return { byHost, byTime };
}

const home = fs.mkdtempSync(path.join(os.tmpdir(), 'vitre-bench-'));
const { child, port } = await startServer();
const log = openActivityLog(home);
try {
  const bulk = await measureOverhead(`bulk upload of ${UPLOAD_BYTES / 1024 / 1024} MiB`, upload, port, log, true);
  const small = await measureOverhead(`burst of ${BURST} small requests (${BURST_CONCURRENCY} at a time), with the engine's purpose`, burst, port, log, true);
  const smallNoPurpose = await measureOverhead(`burst of ${BURST} small requests, no purpose set (module from the call stack)`, burst, port, log, false);
  const { byHost, byTime } = await measureLog(home);
  console.log(JSON.stringify({ bulkUpload: bulk, smallRequests: small, smallRequestsNoPurpose: smallNoPurpose, filterByHostMs: byHost, filterByTimeMs: byTime }));
  const ok = bulk.wall < 1.05 && byHost < 50 && byTime < 50;
  console.log(ok ? 'targets met: bulk upload overhead < 5% (wall time), filters < 50 ms' : 'TARGET MISSED: bulk upload overhead must be < 5% (wall time) and filters < 50 ms');
} finally {
  log.close();
  child.kill();
  fs.rmSync(home, { recursive: true, force: true });
}
