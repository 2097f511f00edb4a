// `node test/bench/cloud.bench.ts`: encrypted cloud upload against its peers, in the same run.
//   (a) a snapshot of 64 files of 4 MiB (256 MiB) to the rclone WebDAV server:
//       plain upload of the same files (Destination.put, 4 at a time, no encryption),
//       Vitre's uploadSnapshot (encrypt + upload, 4 at a time),
//       the pipeline `age -r RECIPIENT` on every file then `rclone copy` (4 transfers)
//   (b) peak RSS of a process uploading a snapshot holding one 4 GiB file (to a folder destination)
// Run one part alone: `node test/bench/cloud.bench.ts --only big` (or `--only throughput`).
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
import { startRcloneWebdav } from '../support/servers/rclone-webdav.ts';
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

async function throughput(work: string): Promise<void> {
  const folder = path.join(work, 'backup');
  const files = Array.from({ length: 64 }, (_, i) => ({ name: `IMG_${i}.jpg`, write: (file: string) => fs.writeFile(file, distinctBlock(4 * MiB, i)) }));
  const objects = await makeBackupFolder(folder, files);
  const total = 64 * 4 * MiB;
  const rclone = await startRcloneWebdav();
  try {
    const plainDestination = openDestination({ kind: 'webdav', name: 'plain', url: `${rclone.url}/plain`, username: rclone.username }, { password: rclone.password });
    let started = performance.now();
    let next = 0;
    await Promise.all(Array.from({ length: 4 }, async () => {
      while (next < objects.length) {
        const file = objects[next++]!;
        await plainDestination.put(`objects/${path.basename(file)}`, () => createReadStream(file), { size: 4 * MiB });
      }
    }));
    const plain = (performance.now() - started) / 1000;
    await plainDestination.close();

    const settings: StoredDestination = { kind: 'webdav', name: 'bench', url: `${rclone.url}/vitre`, username: rclone.username, addedAt: '', consent: CONSENT };
    const cloud = openCloudDestination(settings, rclone.password);
    const { key } = await openRepository(cloud.storage, 'bench passphrase', { create: true });
    started = performance.now();
    const report = await uploadSnapshot({ backupFolder: folder, destination: cloud, key });
    const vitre = (performance.now() - started) / 1000;
    await cloud.close();

    const age = requireTool('age');
    const bin = requireTool('rclone');
    const encrypted = path.join(work, 'age-encrypted');
    await fs.mkdir(encrypted);
    started = performance.now();
    for (const file of objects) execFileSync(age, ['-r', key.recipientText, '-o', path.join(encrypted, path.basename(file)), file]);
    const obscured = execFileSync(bin, ['obscure', rclone.password], { encoding: 'utf8' }).trim();
    execFileSync(bin, ['copy', encrypted, ':webdav:peer', '--transfers', '4', '--log-level', 'ERROR', '--config', path.join(work, 'rclone.conf')], {
      env: { ...process.env, RCLONE_WEBDAV_URL: rclone.url, RCLONE_WEBDAV_USER: rclone.username, RCLONE_WEBDAV_PASS: obscured },
    });
    const pipeline = (performance.now() - started) / 1000;

    console.log(`(a) a snapshot of 64 files of 4 MiB to rclone WebDAV (${report.objectsUploaded} objects uploaded)`);
    console.log(`    plain upload (no encryption)        ${plain.toFixed(2)} s  ${mibPerSecond(total, plain)}`);
    console.log(`    Vitre encrypt + upload              ${vitre.toFixed(2)} s  ${mibPerSecond(total, vitre)}`);
    console.log(`    age -r, then rclone copy            ${pipeline.toFixed(2)} s  ${mibPerSecond(total, pipeline)}`);
    console.log(`    Vitre ÷ plain: ${(plain / vitre).toFixed(2)}× the throughput (target ≥ 0.8)`);
    console.log(`    Vitre ÷ age + rclone: ${(pipeline / vitre).toFixed(2)}× the throughput (target ≥ 1.5)`);
  } finally {
    await rclone.close();
  }
}

/**
 * The parent writes the 4 GiB backup folder and the repository key (scrypt at age's default
 * work factor needs 256 MiB once per session, which would hide the upload's own footprint);
 * a child process given the unlocked key uploads, so its peak RSS is the upload's.
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
  const target = path.join(work, 'big-destination');
  await fs.mkdir(target);
  const cloud = openCloudDestination(bigSettings(target), undefined);
  const { key } = await openRepository(cloud.storage, 'bench passphrase', { create: true });
  await cloud.close();
  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--big', folder, target], {
    stdio: 'inherit', env: { ...process.env, BENCH_IDENTITY: formatIdentity(key.identity) },
  });
  return child.status === 0;
}

function bigSettings(target: string): StoredDestination {
  return { kind: 'folder', name: 'bench folder', path: target, addedAt: '', consent: CONSENT };
}

async function bigUpload(folder: string, target: string): Promise<void> {
  const identity = parseIdentity(process.env.BENCH_IDENTITY!);
  const recipient = recipientOf(identity);
  const key = { identity, recipient, recipientText: formatRecipient(recipient) };
  const before = process.resourceUsage().maxRSS;
  const cloud = openCloudDestination(bigSettings(target), undefined);
  const started = performance.now();
  await uploadSnapshot({ backupFolder: folder, destination: cloud, key });
  const seconds = (performance.now() - started) / 1000;
  await cloud.close();
  console.log(`(b) one 4 GiB file encrypted to a folder destination: ${seconds.toFixed(1)} s, ${mibPerSecond(4 * 1024 * MiB, seconds)}`);
  console.log(`    peak RSS of the uploading process ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (${(before / 1024).toFixed(0)} MB at start; target < 300 MB)`);
}

if (process.argv[2] === '--big') {
  await bigUpload(process.argv[3]!, process.argv[4]!);
  process.exit(0);
}
const work = await fs.mkdtemp(path.join(os.tmpdir(), 'vitre-cloud-bench-'));
try {
  const only = process.argv[2] === '--only' ? process.argv[3] : undefined;
  if (only !== 'big') await throughput(work);
  if (only !== 'throughput' && !(await bigFile(work))) process.exitCode = 1;
} finally {
  await fs.rm(work, { recursive: true, force: true });
}
