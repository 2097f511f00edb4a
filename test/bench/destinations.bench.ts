// `node test/bench/destinations.bench.ts`: upload throughput of Vitre's destinations against
// real local servers, with `rclone copy` to the same WebDAV server as the peer, in the same run.
//   (a) 64 files of 4 MiB (256 MiB): folder, WebDAV (rclone, Apache), S3 test server, and
//       `rclone copy` of the same files to the rclone WebDAV server
//   (b) 1 GiB (64 × 16 MiB, multipart) to S3 through the fault proxy (drops, 5xx, slow,
//       truncated): every object stored once and intact (hash on the server's storage)
//   (c) peak RSS of this process
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Destination } from '../../main/core/destinations/destination.ts';
import { openDestination } from '../../main/core/destinations/open-destination.ts';
import { S3Destination } from '../../main/core/destinations/s3-destination.ts';
import { startApacheWebdav } from '../support/servers/apache-webdav.ts';
import { randomPlan, startFaultProxy } from '../support/servers/fault-proxy.ts';
import { startRcloneWebdav, type WebdavTestServer } from '../support/servers/rclone-webdav.ts';
import { startS3TestServer, type S3TestServer } from '../support/servers/s3-test-server.ts';
import { requireTool } from '../support/tools.ts';

const MiB = 1024 * 1024;
const work = await fs.mkdtemp(path.join(os.tmpdir(), 'vitre-destinations-bench-'));

async function makeFiles(folder: string, count: number, size: number): Promise<Map<string, string>> {
  await fs.mkdir(folder, { recursive: true });
  const hashes = new Map<string, string>();
  const block = Buffer.alloc(size);
  for (let i = 0; i < count; i++) {
    // Distinct content per file, cheap to make: a counter pattern with the index mixed in.
    for (let offset = 0; offset < size; offset += 4) block.writeUInt32LE((offset * 2654435761 + i) >>> 0, offset);
    const name = `file-${String(i).padStart(3, '0')}.bin`;
    await fs.writeFile(path.join(folder, name), block);
    hashes.set(name, createHash('sha256').update(block).digest('hex'));
  }
  return hashes;
}

async function upload(destination: Destination, folder: string, names: string[], size: number): Promise<number> {
  const started = performance.now();
  await Promise.all(names.map((name) => destination.put(`bench/${name}`, () => createReadStream(path.join(folder, name)), { size })));
  return (performance.now() - started) / 1000;
}

function mibPerSecond(bytes: number, seconds: number): string {
  return `${(bytes / MiB / seconds).toFixed(0)} MiB/s`;
}

async function throughput(): Promise<void> {
  const folder = path.join(work, 'small');
  const hashes = await makeFiles(folder, 64, 4 * MiB);
  const names = [...hashes.keys()];
  const total = 64 * 4 * MiB;
  const rclone = await startRcloneWebdav();
  const apache = await startApacheWebdav();
  const s3 = await startS3TestServer();
  try {
    await compare(folder, names, total, { rclone, apache, s3 });
  } finally {
    await Promise.all([rclone.close(), apache.close(), s3.close()]);
  }
}

async function compare(folder: string, names: string[], total: number, servers: { rclone: WebdavTestServer; apache: WebdavTestServer; s3: S3TestServer }): Promise<void> {
  const { rclone, apache, s3 } = servers;
  const targetFolder = path.join(work, 'folder-destination');
  await fs.mkdir(targetFolder);
  const results: [string, number][] = [];
  const destinations: [string, Destination][] = [
    ['folder', openDestination({ kind: 'folder', name: 'bench folder', path: targetFolder })],
    ['WebDAV (rclone)', openDestination({ kind: 'webdav', name: 'bench rclone', url: `${rclone.url}/vitre`, username: rclone.username }, { password: rclone.password })],
    ['WebDAV (Apache)', openDestination({ kind: 'webdav', name: 'bench apache', url: `${apache.url}/vitre`, username: apache.username }, { password: apache.password })],
    ['S3 (test server)', s3Destination(s3, s3.endpoint)],
  ];
  for (const [label, destination] of destinations) {
    results.push([label, await upload(destination, folder, names, 4 * MiB)]);
    await destination.close();
  }
  const bin = requireTool('rclone');
  const obscured = execFileSync(bin, ['obscure', rclone.password], { encoding: 'utf8' }).trim();
  const started = performance.now();
  execFileSync(bin, ['copy', folder, ':webdav:peer', '--transfers', '4', '--log-level', 'ERROR', '--config', path.join(work, 'rclone.conf')], {
    env: { ...process.env, RCLONE_WEBDAV_URL: rclone.url, RCLONE_WEBDAV_USER: rclone.username, RCLONE_WEBDAV_PASS: obscured },
  });
  const peer = (performance.now() - started) / 1000;
  console.log(`(a) ${names.length} files of 4 MiB, 4 at a time`);
  for (const [label, seconds] of results) console.log(`    ${label.padEnd(18)} ${seconds.toFixed(2)} s  ${mibPerSecond(total, seconds)}`);
  console.log(`    ${'rclone copy'.padEnd(18)} ${peer.toFixed(2)} s  ${mibPerSecond(total, peer)}  (to the rclone WebDAV server)`);
  const vitreRclone = results.find(([label]) => label === 'WebDAV (rclone)')?.[1] ?? NaN;
  console.log(`    Vitre WebDAV ÷ rclone copy, same server: ${(peer / vitreRclone).toFixed(2)}× the throughput`);
}

function s3Destination(server: S3TestServer, endpoint: string, extra: Parameters<typeof openDestination>[2] = {}) {
  return openDestination(
    { kind: 's3', name: 'bench bucket', endpoint, region: server.region, bucket: server.bucket, accessKeyId: server.credentials.accessKeyId, pathStyle: true },
    { secretAccessKey: server.credentials.secretAccessKey },
    { s3: { multipartThreshold: 8 * MiB, partSize: 8 * MiB }, ...extra },
  );
}

async function throughFaults(): Promise<void> {
  const folder = path.join(work, 'large');
  const hashes = await makeFiles(folder, 64, 16 * MiB);
  const server = await startS3TestServer();
  const proxy = await startFaultProxy({ host: '127.0.0.1', port: server.port }, randomPlan({ seed: 2026, rates: { drop: 0.03, status: 0.03, slow: 0.02, truncate: 0.03 }, slowDelayMs: 5 }));
  try {
    let retries = 0;
    const destination = s3Destination(server, proxy.url, {
      stateFolder: path.join(work, 'state'),
      retry: { attempts: 15, baseDelayMs: 20, maxDelayMs: 500, onRetry: () => (retries += 1) },
    });
    const seconds = await upload(destination, folder, [...hashes.keys()], 16 * MiB);
    await destination.close();
    let intact = 0;
    for (const [name, hash] of hashes) {
      const stored = server.store.objects.get(`bench/${name}`);
      if (stored !== undefined && createHash('sha256').update(await fs.readFile(stored.file)).digest('hex') === hash) intact += 1;
    }
    const direct = s3Destination(server, server.endpoint);
    const cleanup = await (direct.backend as S3Destination).abortAbandonedUploads(0);
    await direct.close();
    console.log(`(b) 1 GiB (64 × 16 MiB, multipart) to S3 through the fault proxy: ${seconds.toFixed(1)} s, ${mibPerSecond(1024 * MiB, seconds)}`);
    console.log(`    faults injected ${JSON.stringify(proxy.stats.faults)} over ${proxy.stats.requests} requests; ${retries} retries`);
    console.log(`    objects stored ${server.store.objects.size} / 64, intact by hash ${intact} / 64; abandoned uploads cleaned up: ${cleanup.aborted}`);
    if (intact !== 64 || server.store.objects.size !== 64) process.exitCode = 1;
  } finally {
    await proxy.close();
    await server.close();
  }
}

try {
  await throughput();
  await throughFaults();
  console.log(`(c) peak RSS of the bench process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
} finally {
  await fs.rm(work, { recursive: true, force: true });
}
