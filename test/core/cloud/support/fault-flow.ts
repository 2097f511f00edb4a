// The cloud backup flow through the fault proxy, as `vitre backup PHONE --to-destination NAME`
// runs it: the simulated phone backed up to a local folder, that snapshot uploaded encrypted to
// the S3 test server through a proxy that drops connections, answers 500/503, slows down and cuts
// responses short; then the destination checked directly (no proxy): every object listed once,
// nothing else under objects/, every object decrypting to its local copy, and a restore (through
// the proxy again) giving byte-identical files. Used by test/core/cloud/fault-flow.test.ts
// (~96 MiB) and test/bench/cloud-faults.bench.ts (~1 GiB).
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { localTreePaths } from '../../../../main/core/backup/local-names.ts';
import { runBackup } from '../../../../main/core/backup/index.ts';
import {
  OBJECTS_PREFIX, objectPath, openCloudDestination, openRepository, restoreFromDestination, uploadSnapshot, type StoredDestination,
} from '../../../../main/core/cloud/index.ts';
import { readLocalSnapshot } from '../../../../main/core/cloud/snapshot-manifest.ts';
import { decryptObject } from '../../../../main/core/crypto/index.ts';
import { objectFile } from '../../../../main/core/backup/backup-folder.ts';
import { randomPlan, startFaultProxy, type Fault, type FaultProxy } from '../../../support/servers/fault-proxy.ts';
import { startS3TestServer, type S3TestServer } from '../../../support/servers/s3-test-server.ts';
import { startBackupPhone, temporaryFolder, type BackupPhone } from '../../backup/support/backup-phone.ts';

const MiB = 1024 * 1024;

export interface FaultFlowOptions {
  /** Videos added to the simulated phone, each this many bytes (the bulk of the data). */
  videos: number[];
  photos: number;
  seed: number;
  /** Probability per request of each fault. */
  rates?: { drop: number; status: number; slow: number; truncate: number };
  log?: (line: string) => void;
}

export interface FaultFlowResult {
  /** Bytes of phone data in the snapshot. */
  bytes: number;
  /** Distinct contents the snapshot holds: objects the destination must hold. */
  expectedObjects: number;
  listedObjects: number;
  /** Names listed more than once. */
  duplicates: string[];
  /** Objects missing, or under objects/ without belonging to the snapshot. */
  missing: string[];
  unexpected: string[];
  /** Objects that fail to decrypt or decrypt to other bytes than the local copy. */
  corrupt: string[];
  restoredFiles: number;
  /** Restored files that differ from the phone's (the local backup's) bytes. */
  restoreMismatches: string[];
  restoreProblems: string[];
  faults: Record<Fault['kind'], number>;
  requests: number;
  retries: number;
  /** Multipart uploads left open on the server (an answer lost after the server started one). */
  openUploads: number;
  seconds: { backup: number; upload: number; check: number; restore: number };
}

async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: MiB }) as AsyncIterable<Buffer>) hash.update(chunk);
  return `sha256:${hash.digest('hex')}`;
}

async function sha256Stream(source: AsyncIterable<Uint8Array>): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of source) hash.update(chunk);
  return `sha256:${hash.digest('hex')}`;
}

export async function runFaultFlow(options: FaultFlowOptions): Promise<FaultFlowResult> {
  const log = options.log ?? (() => {});
  const work = temporaryFolder('vitre-fault-flow-');
  let phone: BackupPhone | undefined;
  let server: S3TestServer | undefined;
  let proxy: FaultProxy | undefined;
  try {
    const clock = () => performance.now() / 1000;
    let at = clock();
    phone = await startBackupPhone({
      seed: options.seed, photos: options.photos, videos: 0,
      extraFiles: options.videos.map((size, i) => ({ path: `/sdcard/DCIM/Camera/VID_2026${String(i).padStart(4, '0')}.mp4`, size })),
    });
    const folder = path.join(work.path, 'backup');
    const backup = await runBackup({ device: phone.device, folder, categories: ['photos', 'videos', 'contacts', 'messages'] });
    if (backup.state !== 'complete') throw new Error(`the local backup did not complete: ${backup.message ?? backup.state}`);
    const manifest = await readLocalSnapshot(folder, backup.snapshotId);
    const bytes = manifest.entries.reduce((sum, entry) => sum + entry.size, 0);
    const backupSeconds = clock() - at;
    log(`local backup of the simulated phone: ${manifest.entries.length} files, ${(bytes / MiB).toFixed(0)} MiB in ${backupSeconds.toFixed(1)} s`);

    server = await startS3TestServer();
    const rates = options.rates ?? { drop: 0.03, status: 0.03, slow: 0.02, truncate: 0.03 };
    proxy = await startFaultProxy({ host: '127.0.0.1', port: server.port }, randomPlan({ seed: options.seed, rates, slowDelayMs: 5 }));
    const settings = (endpoint: string): StoredDestination => ({
      kind: 's3', name: 'Flaky bucket', endpoint, region: server!.region, bucket: server!.bucket, accessKeyId: server!.credentials.accessKeyId,
      pathStyle: true, addedAt: '', consent: { by: 'test', at: '', shown: '' },
    });
    let retries = 0;
    const s3 = { multipartThreshold: 8 * MiB, partSize: 8 * MiB };
    const flaky = openCloudDestination(settings(proxy.url), server.credentials.secretAccessKey, {
      stateFolder: path.join(work.path, 'home'), s3,
      retry: { attempts: 15, baseDelayMs: 10, maxDelayMs: 300, onRetry: () => (retries += 1) },
    });
    at = clock();
    let key;
    try {
      ({ key } = await openRepository(flaky.storage, 'fault flow passphrase', { create: true, workFactor: 10 }));
      const report = await uploadSnapshot({ backupFolder: folder, destination: flaky, key });
      log(`upload through the fault proxy: ${report.objectsUploaded} objects, ${(report.encryptedBytesUploaded / MiB).toFixed(0)} MiB in ${report.seconds.toFixed(1)} s`);
    } finally {
      await flaky.close();
    }
    const uploadSeconds = clock() - at;

    // The destination as it really is: straight to the server.
    at = clock();
    const direct = openCloudDestination(settings(server.endpoint), server.credentials.secretAccessKey, { s3 });
    const expected = new Map<string, string>();
    for (const entry of manifest.entries) expected.set(objectPath(key, entry.hash), entry.hash);
    const seen = new Map<string, number>();
    const corrupt: string[] = [];
    try {
      for await (const object of direct.storage.list(OBJECTS_PREFIX)) seen.set(object.name, (seen.get(object.name) ?? 0) + 1);
      for (const [name, hash] of expected) {
        if (!seen.has(name)) continue;
        const entry = manifest.entries.find((candidate) => candidate.hash === hash)!;
        const local = await sha256File(objectFile(folder, entry));
        try {
          const stored = await sha256Stream(decryptObject(await direct.storage.get(name), key));
          if (stored !== hash || local !== hash) corrupt.push(name);
        } catch {
          corrupt.push(name);
        }
      }
    } finally {
      await direct.close();
    }
    const checkSeconds = clock() - at;

    at = clock();
    const restored = path.join(work.path, 'restored');
    const again = openCloudDestination(settings(proxy.url), server.credentials.secretAccessKey, {
      s3, retry: { attempts: 15, baseDelayMs: 10, maxDelayMs: 300, onRetry: () => (retries += 1) },
    });
    let restore;
    try {
      restore = await restoreFromDestination({ destination: again, key, to: restored });
    } finally {
      await again.close();
    }
    const tree = localTreePaths(manifest.entries.map((entry) => entry.path));
    const restoreMismatches: string[] = [];
    for (const entry of manifest.entries) {
      const file = path.join(restored, ...tree.get(entry.path)!.split('/'));
      const ok = await fs.stat(file).then(() => true, () => false);
      if (!ok || (await sha256File(file)) !== entry.hash) restoreMismatches.push(entry.path);
    }
    const restoreSeconds = clock() - at;
    return {
      bytes, expectedObjects: expected.size, listedObjects: [...seen.values()].reduce((sum, n) => sum + n, 0),
      duplicates: [...seen].filter(([, n]) => n > 1).map(([name]) => name),
      missing: [...expected.keys()].filter((name) => !seen.has(name)),
      unexpected: [...seen.keys()].filter((name) => !expected.has(name)),
      corrupt, restoredFiles: restore.files, restoreMismatches, restoreProblems: restore.problems.map((problem) => `${problem.path}: ${problem.message}`),
      faults: { ...proxy.stats.faults }, requests: proxy.stats.requests, retries, openUploads: server.store.uploads.size,
      seconds: { backup: backupSeconds, upload: uploadSeconds, check: checkSeconds, restore: restoreSeconds },
    };
  } finally {
    await proxy?.close();
    await server?.close();
    await phone?.close();
    work.remove();
  }
}

/** Every way the flow can fail, in words; empty when it held. */
export function faultFlowFailures(result: FaultFlowResult): string[] {
  const failures: string[] = [];
  if (result.duplicates.length > 0) failures.push(`objects listed more than once: ${result.duplicates.join(', ')}`);
  if (result.missing.length > 0) failures.push(`objects missing: ${result.missing.length}`);
  if (result.unexpected.length > 0) failures.push(`objects that belong to no file: ${result.unexpected.length}`);
  if (result.listedObjects !== result.expectedObjects) failures.push(`${result.listedObjects} objects listed, ${result.expectedObjects} expected`);
  if (result.corrupt.length > 0) failures.push(`objects that do not decrypt to their local copy: ${result.corrupt.length}`);
  if (result.restoreMismatches.length > 0) failures.push(`restored files that differ: ${result.restoreMismatches.join(', ')}`);
  if (result.restoreProblems.length > 0) failures.push(`restore problems: ${result.restoreProblems.join('; ')}`);
  const faults = Object.values(result.faults).reduce((sum, n) => sum + n, 0);
  if (faults === 0) failures.push('the proxy injected no fault');
  return failures;
}
