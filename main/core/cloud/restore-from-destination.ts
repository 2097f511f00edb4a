// Restoring a snapshot from a destination: each object downloaded, decrypted (age checks every
// 64 KiB chunk) and checked against the manifest's content hash as it streams, then written
// either to a local folder — as the browsable tree the backup folder shows, with the phone's
// dates — or back to the phone with its date and mode.
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { runPool } from '../backup/pool.ts';
import { localTreePaths } from '../backup/local-names.ts';
import { RestoreSelection } from '../backup/restore-selection.ts';
import type { NewEntry } from '../catalog/entries.ts';
import { decryptObject, type RepositoryKey } from '../crypto/index.ts';
import type { Device } from '../device/index.ts';
import { withActivityContext } from '../net/activity-context.ts';
import { CloudError } from './cloud-error.ts';
import { CLOUD_MODULE, type CloudDestination } from './cloud-destination.ts';
import { objectPath } from './repository.ts';
import { chooseRemoteSnapshot, readRemoteManifest } from './remote-snapshot.ts';
import { makeFolder } from '../files/make-folder.ts';

export interface CloudRestoreOptions {
  destination: CloudDestination;
  key: RepositoryKey;
  /** Default: the newest snapshot uploaded there. */
  snapshotId?: string;
  /** Restore into this folder (the `latest` tree layout: "Internal storage/DCIM/…"). */
  to?: string;
  /** Or push the files back to this phone. */
  device?: Device;
  /** Only entries whose path starts with one of these ("/sdcard/DCIM" accepted). */
  only?: readonly string[];
  concurrency?: number;
  signal?: AbortSignal;
  onEvent?: (event: { type: 'file-restored'; path: string; bytes: number }) => void;
}

export interface CloudRestoreReport {
  snapshotId: string;
  files: number;
  bytes: number;
  /** Entries that could not be restored, with why (the rest were). */
  problems: { path: string; message: string }[];
  seconds: number;
}

export async function restoreFromDestination(options: CloudRestoreOptions): Promise<CloudRestoreReport> {
  const started = performance.now();
  const { destination, key, signal } = options;
  if ((options.to === undefined) === (options.device === undefined)) {
    throw new CloudError('invalid-settings', 'Restore either into a folder or to a phone: give one of the two.');
  }
  const storage = destination.storage;
  const purpose = { job: 'restore from destination', destination: destination.settings.name, module: CLOUD_MODULE };
  const snapshotId = await withActivityContext(purpose, () => chooseRemoteSnapshot(storage, key, options.snapshotId, signal));
  const manifest = await withActivityContext(purpose, () => readRemoteManifest(storage, key, snapshotId, signal));
  const selection = new RestoreSelection(options.only);
  selection.checkFound(manifest.entries.map((entry) => entry.path), snapshotId);
  const entries = manifest.entries.filter((entry) => selection.has(entry.path));
  const report: CloudRestoreReport = { snapshotId, files: 0, bytes: 0, problems: [], seconds: 0 };
  const local = options.to === undefined ? undefined : localTreePaths(entries.map((entry) => entry.path));
  await runPool(entries, { maxItems: options.concurrency ?? 4 }, async (entry) => {
    try {
      await withActivityContext({ ...purpose, category: entry.category }, async () => {
        const source = await storage.get(objectPath(key, entry.hash), { signal });
        const plain = checkedContent(decryptObject(source, key), entry);
        if (options.device !== undefined) await pushToPhone(options.device, entry, plain);
        else await writeToFolder(path.join(options.to!, ...local!.get(entry.path)!.split('/')), entry, plain);
      });
      report.files += 1;
      report.bytes += entry.size;
      options.onEvent?.({ type: 'file-restored', path: entry.path, bytes: entry.size });
    } catch (error) {
      if (signal?.aborted === true) throw error;
      report.problems.push({ path: entry.path, message: error instanceof Error ? error.message : String(error) });
    }
  });
  report.seconds = (performance.now() - started) / 1000;
  return report;
}

async function* checkedContent(source: AsyncIterable<Uint8Array>, entry: NewEntry): AsyncGenerator<Uint8Array> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of source) {
    hash.update(chunk);
    size += chunk.byteLength;
    yield chunk;
  }
  if (`sha256:${hash.digest('hex')}` !== entry.hash || size !== entry.size) {
    throw new CloudError('damaged', `The copy of ${entry.path} on the destination is not the file that was backed up; it was not restored. Run "vitre cloud verify".`);
  }
}

/** Written aside and renamed into place, so a failed download never leaves a partial file under the real name. */
async function writeToFolder(target: string, entry: NewEntry, content: AsyncIterable<Uint8Array>): Promise<void> {
  await makeFolder(path.dirname(target));
  const temporary = `${target}.vitre-partial`;
  try {
    await pipeline(Readable.from(content, { objectMode: false }), createWriteStream(temporary, { mode: 0o600 }));
    await fs.chmod(temporary, (entry.mode & 0o777) | 0o600);
    const date = new Date(entry.mtime);
    await fs.utimes(temporary, date, date);
    await fs.rename(temporary, target);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
}

async function pushToPhone(device: Device, entry: NewEntry, content: AsyncIterable<Uint8Array>): Promise<void> {
  if (!entry.path.startsWith('/')) {
    throw new CloudError('invalid-settings', `${entry.path} is an export (contacts, messages, calls…), not a phone file: restore it to a folder and import it on the phone.`);
  }
  await device.push(entry.path, content, { mtime: Math.floor(entry.mtime / 1000), mode: entry.mode & 0o7777 });
}
