// `node test/bench/cloud.bench.ts`: encrypted cloud upload against its peers, in the same run.
//   (a) a snapshot of 64 files of 4 MiB (256 MiB) to the rclone WebDAV server, in ROUNDS rounds
//       (the machine is shared: one round is one sample), each round running, on the same files:
//       plain upload of the same files (Destination.put, 4 at a time, no encryption),
//       Vitre's uploadSnapshot (encrypt + upload, 4 at a time, to a fresh repository),
//       the pipeline `age -r RECIPIENT` on every file then `rclone copy` (4 transfers)
//   (b) peak RSS of a process uploading a snapshot holding one 4 GiB file to the rclone WebDAV server
//   (c) a cloud backup of ~1 GiB of simulated phone data through the fault proxy (drops, 5xx, slow,
//       truncated), checked at the server: every object once, every object intact, a restore
//       byte-identical (test/core/cloud/support/fault-flow.ts); the bench fails when it does not hold
// Run one part alone: `node test/bench/cloud.bench.ts --only throughput` (or big, faults).
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openCloudDestination, openRepository, uploadSnapshot, type StoredDestination } from '../../main/core/cloud/index.ts';
import { formatIdentity, formatRecipient, parseIdentity, recipientOf } from '../../main/core/crypto/index.ts';
import { openDestination } from '../../main/core/destinations/open-destination.ts';
import { startRcloneWebdav, type WebdavTestServer } from '../support/servers/rclone-webdav.ts';
import { requireTool } from '../support/tools.ts';

const MiB = 1024 * 1024;
const CONSENT = { by: 'bench', at: new Date(0).toISOString(), shown: 'bench' };

/** A backup folder as the engine writes it (LAYOUT.md): objects by sha256 and one manifest. */
async function makeBackupFolder(folder: string, files: { name: string; write: (file: string) => Promise<void> }[]): Promise<string[]> {
  const entries: string[] = [];
  const objects: string[] = [];
  for (const [index, file] of files.entries()) {
    const temporary = path.join(folder, 'incoming');
    await fs.mkdir(path.dirname(temporary), { recursive: true });
    await file.write(temporary);
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(temporary, { highWaterMark: 4 * MiB })) hash.update(chunk as Buffer);
    const hex = hash.digest('hex');
    const object = `objects/${hex.slice(0, 2)}/${hex.slice(2)}`;
    await fs.mkdir(path.join(folder, path.dirname(object)), { recursive: true });
    await fs.rename(temporary, path.join(folder, object));
    const size = (await fs.stat(path.join(folder, object))).size;
    objects.push(path.join(folder, object));
    entries.push(JSON.stringify({ path: `/storage/emulated/0/DCIM/${file.name}`, size, mtime: 1_700_000_000_000 + index, mode: 0o100660, hash: `sha256:${hex}`, category: 'photos', object }));
  }
  const header = { format: 'vitre-manifest', version: 1, snapshot: 'bench-snapshot', startedAt: 1, device: { serial: 'bench', model: 'Bench', name: 'bench' } };
  const trailer = { complete: true, completedAt: 2, entryCount: entries.length, totalBytes: 0 };
  await fs.mkdir(path.join(folder, 'manifests'), { recursive: true });
  await fs.writeFile(path.join(folder, 'manifests', 'bench-snapshot.jsonl'), [JSON.stringify(header), ...entries, JSON.stringify(trailer)].join('\n') + '\n');
  return objects;
}

function distinctBlock(size: number, seed: number): Buffer {
  const block = Buffer.alloc(size);
  for (let offset = 0; offset < size; offset += 4) block.writeUInt32LE((offset * 2654435761 + seed) >>> 0, offset);
  return block;
}

const mibPerSecond = (bytes: number, seconds: number) => `${(bytes / MiB / seconds).toFixed(0)} MiB/s`;

const ROUNDS = 3;

interface Round {
  plain: number;
  vitre: number;
  pipeline: number;
  plainCpu: number;
  vitreCpu: number;
}

function cpuSeconds(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
}

const range = (values: number[], digits = 2) => `${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)}`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function throughput(work: string): Promise<void> {
  const folder = path.join(work, 'backup');
  const files = Array.from({ length: 64 }, (_, i) => ({ name: `IMG_${i}.jpg`, write: (file: string) => fs.writeFile(file, distinctBlock(4 * MiB, i)) }));
  const objects = await makeBackupFolder(folder, files);
  const total = 64 * 4 * MiB;
  const rclone = await startRcloneWebdav();
  const rounds: Round[] = [];
  try {
    for (let round = 0; round < ROUNDS; round++) rounds.push(await oneRound(work, folder, objects, rclone, round));
  } finally {
    await rclone.close();
  }
  console.log(`(a) a snapshot of 64 files of 4 MiB to rclone WebDAV, ${ROUNDS} rounds (each: plain, Vitre, age + rclone)`);
  for (const [i, r] of rounds.entries()) {
    console.log(`    round ${i + 1}: plain ${r.plain.toFixed(2)} s (${mibPerSecond(total, r.plain)}, ${r.plainCpu.toFixed(2)} CPU s here), ` +
      `Vitre ${r.vitre.toFixed(2)} s (${mibPerSecond(total, r.vitre)}, ${r.vitreCpu.toFixed(2)} CPU s here), age + rclone ${r.pipeline.toFixed(2)} s (${mibPerSecond(total, r.pipeline)})`);
  }
  const toPlain = rounds.map((r) => r.plain / r.vitre);
  const toPipeline = rounds.map((r) => r.pipeline / r.vitre);
  console.log(`    Vitre ÷ plain: ${range(toPlain)}× the throughput, median ${median(toPlain).toFixed(2)} (target ≥ 0.8)`);
  console.log(`    Vitre ÷ age + rclone: ${range(toPipeline)}× the throughput, median ${median(toPipeline).toFixed(2)} (target ≥ 1.5)`);
}

async function oneRound(work: string, folder: string, objects: string[], rclone: WebdavTestServer, round: number): Promise<Round> {
  const plainDestination = openDestination({ kind: 'webdav', name: 'plain', url: `${rclone.url}/plain${round}`, username: rclone.username }, { password: rclone.password });
  let cpu = process.cpuUsage();
  let started = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: 4 }, async () => {
    while (next < objects.length) {
      const file = objects[next++]!;
      await plainDestination.put(`objects/${path.basename(file)}`, () => createReadStream(file), { size: 4 * MiB });
    }
  }));
  const plain = (performance.now() - started) / 1000;
  const plainCpu = cpuSeconds(cpu);
  await plainDestination.close();

  // A fresh repository each round: the same files, none of them already there.
  const settings: StoredDestination = { kind: 'webdav', name: 'bench', url: `${rclone.url}/vitre${round}`, username: rclone.username, addedAt: '', consent: CONSENT };
  const cloud = openCloudDestination(settings, rclone.password);
  const { key } = await openRepository(cloud.storage, 'bench passphrase', { create: true });
  cpu = process.cpuUsage();
  started = performance.now();
  const report = await uploadSnapshot({ backupFolder: folder, destination: cloud, key });
  const vitre = (performance.now() - started) / 1000;
  const vitreCpu = cpuSeconds(cpu);
  await cloud.close();
  if (report.objectsUploaded !== objects.length) throw new Error(`Vitre uploaded ${report.objectsUploaded} objects, not ${objects.length}`);

  const age = requireTool('age');
  const bin = requireTool('rclone');
  const encrypted = path.join(work, `age-encrypted-${round}`);
  await fs.mkdir(encrypted);
  started = performance.now();
  for (const file of objects) execFileSync(age, ['-r', key.recipientText, '-o', path.join(encrypted, path.basename(file)), file]);
  const obscured = execFileSync(bin, ['obscure', rclone.password], { encoding: 'utf8' }).trim();
  execFileSync(bin, ['copy', encrypted, `:webdav:peer${round}`, '--transfers', '4', '--log-level', 'ERROR', '--config', path.join(work, 'rclone.conf')], {
    env: { ...process.env, RCLONE_WEBDAV_URL: rclone.url, RCLONE_WEBDAV_USER: rclone.username, RCLONE_WEBDAV_PASS: obscured },
  });
  const pipeline = (performance.now() - started) / 1000;
  await fs.rm(encrypted, { recursive: true, force: true });
  return { plain, vitre, pipeline, plainCpu, vitreCpu };
}

/**
 * The parent writes the 4 GiB backup folder and the repository key (scrypt at age's default
 * work factor needs 256 MiB once per session, which would hide the upload's own footprint);
 * a child process given the unlocked key uploads to the rclone WebDAV server, so its peak RSS is
 * the upload's.
 */
async function bigFile(work: string): Promise<boolean> {
  const folder = path.join(work, 'big-backup');
  const size = 4 * 1024 * MiB;
  await makeBackupFolder(folder, [{ name: 'VID_big.mp4', write: async (file) => {
    const handle = await fs.open(file, 'w');
    const block = distinctBlock(16 * MiB, 7);
    for (let offset = 0; offset < size; offset += block.byteLength) await handle.write(block, 0, block.byteLength, offset);
    await handle.close();
  } }]);
  const rclone = await startRcloneWebdav();
  try {
    const server = { url: `${rclone.url}/big`, username: rclone.username, password: rclone.password };
    const cloud = openCloudDestination(bigSettings(server), server.password);
    const { key } = await openRepository(cloud.storage, 'bench passphrase', { create: true });
    await cloud.close();
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--big', folder], {
      stdio: 'inherit', env: { ...process.env, BENCH_IDENTITY: formatIdentity(key.identity), BENCH_WEBDAV: JSON.stringify(server) },
    });
    return child.status === 0;
  } finally {
    await rclone.close();
  }
}

interface BigServer {
  url: string;
  username: string;
  password: string;
}

function bigSettings(server: BigServer): StoredDestination {
  return { kind: 'webdav', name: 'bench big', url: server.url, username: server.username, addedAt: '', consent: CONSENT };
}

async function bigUpload(folder: string): Promise<void> {
  const identity = parseIdentity(process.env.BENCH_IDENTITY!);
  const server = JSON.parse(process.env.BENCH_WEBDAV!) as BigServer;
  const recipient = recipientOf(identity);
  const key = { identity, recipient, recipientText: formatRecipient(recipient) };
  const before = process.resourceUsage().maxRSS;
  const cloud = openCloudDestination(bigSettings(server), server.password);
  const started = performance.now();
  const report = await uploadSnapshot({ backupFolder: folder, destination: cloud, key });
  const seconds = (performance.now() - started) / 1000;
  await cloud.close();
  if (report.objectsUploaded !== 1) throw new Error('the 4 GiB object was not uploaded');
  const peak = process.resourceUsage().maxRSS / 1024;
  console.log(`(b) one 4 GiB file encrypted and uploaded to rclone WebDAV: ${seconds.toFixed(1)} s, ${mibPerSecond(4 * 1024 * MiB, seconds)}`);
  console.log(`    peak RSS of the uploading process ${peak.toFixed(1)} MB (${(before / 1024).toFixed(0)} MB at start; target < 300 MB: ${peak < 300 ? 'met' : 'NOT met'})`);
}

/** (c) The 1 GiB cloud backup through the fault proxy; false when any check fails. */
async function faults(): Promise<boolean> {
  // Imported here: the simulated phone and the backup engine would swell the RSS measured in (b).
  const { faultFlowFailures, runFaultFlow } = await import('../core/cloud/support/fault-flow.ts');
  const result = await runFaultFlow({
    seed: 2026, photos: 40, videos: [160 * MiB, 160 * MiB, 150 * MiB + 4321, 150 * MiB, 140 * MiB, 130 * MiB + 17, 40 * MiB],
    log: (line) => console.log(`    ${line}`),
  });
  const failures = faultFlowFailures(result);
  const s = result.seconds;
  console.log(`(c) a cloud backup of ${(result.bytes / MiB).toFixed(0)} MiB of phone data to S3 through the fault proxy`);
  console.log(`    faults injected ${JSON.stringify(result.faults)} over ${result.requests} requests (upload and restore); ${result.retries} retries`);
  console.log(`    objects: ${result.listedObjects} listed, ${result.expectedObjects} expected, ${result.duplicates.length} duplicates, ${result.missing.length} missing, ${result.unexpected.length} unexpected, ${result.corrupt.length} corrupt`);
  console.log(`    restore: ${result.restoredFiles} files, ${result.restoreMismatches.length} differ, ${result.restoreProblems.length} problems; multipart uploads left open: ${result.openUploads}`);
  console.log(`    seconds: local backup ${s.backup.toFixed(1)}, upload ${s.upload.toFixed(1)}, check ${s.check.toFixed(1)}, restore ${s.restore.toFixed(1)}`);
  for (const failure of failures) console.log(`    FAILED: ${failure}`);
  console.log(`    ${failures.length === 0 ? 'held: no duplicate, no corrupt object, byte-identical restore' : 'did NOT hold'}`);
  return failures.length === 0;
}

if (process.argv[2] === '--big') {
  await bigUpload(process.argv[3]!);
  process.exit(0);
}
const work = await fs.mkdtemp(path.join(os.tmpdir(), 'vitre-cloud-bench-'));
try {
  const only = process.argv[2] === '--only' ? process.argv[3] : undefined;
  if (only === undefined || only === 'throughput') await throughput(work);
  if ((only === undefined || only === 'big') && !(await bigFile(work))) process.exitCode = 1;
  if ((only === undefined || only === 'faults') && !(await faults())) process.exitCode = 1;
} finally {
  await fs.rm(work, { recursive: true, force: true });
}
