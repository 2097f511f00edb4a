// Uploading a completed local snapshot to a destination, encrypted and deduplicated (restic's
// backup: list what the repository holds once, send only what it lacks). Objects first, a few at
// once; then the encrypted manifest, so a snapshot exists on the destination only once all its
// objects do; then the catalog copy. Interrupted, a rerun lists again and sends only what is
// missing: an object is either whole under its name or absent (Destination.put's promise), and a
// large object cut short mid-way resumes its multipart upload (upload-starts.ts).
import { objectFile } from '../backup/backup-folder.ts';
import { runPool } from '../backup/pool.ts';
import type { NewEntry } from '../catalog/entries.ts';
import { encryptBytes, encryptFrom, startEncryption, type RepositoryKey } from '../crypto/index.ts';
import { withActivityContext } from '../net/activity-context.ts';
import { checkedFile, verifiedFirst } from './checked-file.ts';
import { CLOUD_MODULE, type CloudDestination } from './cloud-destination.ts';
import { requireConsent } from './consent.ts';
import { encryptedSize, headerSize } from './encrypted-size.ts';
import { EncryptionWorkers } from './encryption-workers.ts';
import { abortAbandonedUploads } from './abandoned-uploads.ts';
import { RESUMABLE_BYTES, UploadStarts, type ObjectStart } from './upload-starts.ts';
import { recordRemoteSnapshot } from './remote-catalog.ts';
import { OBJECTS_PREFIX, objectPath, snapshotPath, uploadBytes } from './repository.ts';
import { latestLocalSnapshotId, manifestText, readLocalSnapshot, selectCategories, type SnapshotManifest } from './snapshot-manifest.ts';

export interface UploadOptions {
  backupFolder: string;
  /** Default: the newest complete snapshot in the folder. */
  snapshotId?: string;
  destination: CloudDestination;
  key: RepositoryKey;
  /**
   * Upload only these categories' files (the uploaded manifest lists just them). Default: the
   * categories the destination was set to receive (destination-settings.ts), else every one.
   */
  categories?: readonly string[];
  /** Objects uploaded at once (default 4). */
  concurrency?: number;
  /** Threads that read, check and encrypt objects beside the upload (default 1; 0: on this thread). */
  encryptionWorkers?: number;
  /** Multipart uploads older than this are aborted after a complete upload (default a week; see abandoned-uploads.ts). */
  abandonedAfterMs?: number;
  signal?: AbortSignal;
  onEvent?: (event: UploadEvent) => void;
}

export type UploadEvent =
  | { type: 'started'; snapshotId: string; destination: string; objects: number; alreadyThere: number; toUpload: number; bytesToUpload: number }
  | { type: 'object-uploaded'; category: string; bytes: number; objectsDone: number; bytesDone: number }
  | { type: 'finished'; report: UploadReport };

export interface UploadReport {
  snapshotId: string;
  destination: string;
  /** Distinct file contents in the snapshot (as selected). */
  objects: number;
  objectsUploaded: number;
  objectsAlreadyThere: number;
  /** File bytes uploaded (before encryption), in total and per category. */
  bytesUploaded: number;
  bytesUploadedByCategory: Record<string, number>;
  /** What actually went over the wire for objects (age adds 16 bytes per 64 KiB and a header). */
  encryptedBytesUploaded: number;
  seconds: number;
  /** Abandoned multipart uploads aborted afterwards (S3-compatible destinations). */
  abandonedUploadsAborted?: number;
}

interface PendingObject {
  entry: NewEntry;
  path: string;
}

export async function uploadSnapshot(options: UploadOptions): Promise<UploadReport> {
  const started = performance.now();
  requireConsent(options.destination.settings, 'backup');
  const snapshotId = options.snapshotId ?? (await latestLocalSnapshotId(options.backupFolder));
  const categories = options.categories ?? options.destination.settings.categories;
  const manifest = selectCategories(await readLocalSnapshot(options.backupFolder, snapshotId), categories);
  const distinct = new Map<string, NewEntry>();
  for (const entry of manifest.entries) if (!distinct.has(entry.hash)) distinct.set(entry.hash, entry);
  const workerCount = options.encryptionWorkers ?? 1;
  const workers = workerCount > 0 && distinct.size > 0 ? new EncryptionWorkers(workerCount) : undefined;
  try {
    workers?.start(); // Their start-up overlaps the listing.
    return await uploadObjects({ ...options, ...(categories === undefined ? {} : { categories }) }, { snapshotId, manifest, distinct, workers, started });
  } finally {
    await workers?.close();
  }
}

interface UploadRun {
  snapshotId: string;
  manifest: SnapshotManifest;
  /** One entry per distinct content. */
  distinct: Map<string, NewEntry>;
  workers: EncryptionWorkers | undefined;
  started: number;
}

async function uploadObjects(options: UploadOptions, { snapshotId, manifest, distinct, workers, started }: UploadRun): Promise<UploadReport> {
  const { destination, key, signal } = options;
  const purpose = { job: `upload ${snapshotId}`, destination: destination.settings.name, module: CLOUD_MODULE };
  const present = await withActivityContext(purpose, () => existingObjects(destination, signal));
  const pending: PendingObject[] = [...distinct.values()]
    .map((entry) => ({ entry, path: objectPath(key, entry.hash) }))
    .filter((object) => !present.has(object.path));
  const emit = options.onEvent ?? (() => {});
  const name = destination.settings.name;
  emit({
    type: 'started', snapshotId, destination: name, objects: distinct.size, alreadyThere: distinct.size - pending.length,
    toUpload: pending.length, bytesToUpload: pending.reduce((sum, object) => sum + object.entry.size, 0),
  });
  const header = await headerSize(key);
  const report: UploadReport = {
    snapshotId, destination: name, objects: distinct.size, objectsUploaded: 0, objectsAlreadyThere: distinct.size - pending.length,
    bytesUploaded: 0, bytesUploadedByCategory: {}, encryptedBytesUploaded: 0, seconds: 0,
  };
  const starts = destination.stateFolder === undefined ? undefined : new UploadStarts(destination.stateFolder);
  await runPool(pending, { maxItems: options.concurrency ?? 4 }, async ({ entry, path }) => {
    const size = encryptedSize(entry.size, header);
    const file = objectFile(options.backupFolder, entry);
    const resumable = starts !== undefined && size >= RESUMABLE_BYTES;
    const body = objectBody(workers, file, entry.hash, key, resumable ? await starts.begin(path, key) : undefined);
    await withActivityContext({ ...purpose, category: entry.category }, () => destination.storage.put(path, body, { size, signal }));
    if (resumable) await starts.finish(path);
    report.objectsUploaded += 1;
    report.bytesUploaded += entry.size;
    report.encryptedBytesUploaded += size;
    report.bytesUploadedByCategory[entry.category] = (report.bytesUploadedByCategory[entry.category] ?? 0) + entry.size;
    emit({ type: 'object-uploaded', category: entry.category, bytes: entry.size, objectsDone: report.objectsUploaded, bytesDone: report.bytesUploaded });
  });
  await withActivityContext(purpose, async () => {
    // The uploaded manifest names each file's object on the destination, so that a person with
    // only `age` and the passphrase can find every file (README.md).
    const remote = { ...manifest, entries: manifest.entries.map((entry) => ({ ...entry, object: objectPath(key, entry.hash) })) };
    const sealed = await encryptBytes(new TextEncoder().encode(manifestText(remote)), [key.recipient]);
    await uploadBytes(destination.storage, snapshotPath(key, snapshotId), sealed, signal);
    const { header: h, trailer: t } = manifest;
    await recordRemoteSnapshot({ destination: destination.storage, key }, {
      id: snapshotId, device: h.device, startedAt: h.startedAt, completedAt: t.completedAt, uploadedAt: Date.now(),
      entryCount: t.entryCount, totalBytes: t.totalBytes, ...(options.categories === undefined ? {} : { categories: [...options.categories] }),
    }, signal);
    // Housekeeping after the backup is safe: a failure here leaves the parts for the next run.
    report.abandonedUploadsAborted = await abortAbandonedUploads(destination, options.abandonedAfterMs, signal).catch(() => 0);
  });
  report.seconds = (performance.now() - started) / 1000;
  emit({ type: 'finished', report });
  return report;
}

async function existingObjects(destination: CloudDestination, signal?: AbortSignal): Promise<Set<string>> {
  const names = new Set<string>();
  for await (const object of destination.storage.list(OBJECTS_PREFIX, { signal })) names.add(object.name);
  return names;
}

/**
 * An object's body: the file read, checked and encrypted (in a worker when there is one), opened
 * afresh for each attempt. A large object keeps one encryption start across attempts and runs
 * (upload-starts.ts), so a resumed S3 multipart upload keeps the parts already sent; a start that
 * may have sealed bytes before is reused only once the whole file has been checked against its
 * hash, because the same key stream must never seal different bytes.
 */
function objectBody(workers: EncryptionWorkers | undefined, file: string, hash: string, key: RepositoryKey, kept: ObjectStart | undefined) {
  let opened = 0;
  return () => {
    opened += 1;
    const checkFirst = kept !== undefined && (kept.reused || opened > 1);
    return (async function* () {
      const start = kept?.start ?? (await startEncryption([key.recipient]));
      if (workers !== undefined) yield* workers.encryptFile(file, hash, start, checkFirst);
      else yield* encryptFrom(start, checkFirst ? verifiedFirst(file, hash) : checkedFile(file, hash));
    })();
  };
}
