// One backup of a phone into a backup folder: a new snapshot, each category in turn, then the
// snapshot is sealed (catalog + manifest) and the browsable `latest` tree updated. Interrupted
// (cancel, crash, lost phone), the run leaves its recorded files in an unfinished snapshot; the
// next run plans against them, so nothing finished is transferred twice.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { allCategories, categoryNamed, type Category, type ItemProblem } from '../categories/index.ts';
import { recordDeviceSeen } from '../catalog/devices.ts';
import { failInterruptedJobs, moveJob, startJob, type Job } from '../catalog/jobs.ts';
import { writeSnapshotManifest } from '../catalog/manifest.ts';
import type { CatalogDb } from '../catalog/open-catalog.ts';
import { VITRE_FOLDER } from '../catalog/open-catalog.ts';
import { abandonSnapshot, completeSnapshot, createSnapshot, deleteSnapshot, getSnapshot, latestCompleteSnapshot, listSnapshots } from '../catalog/snapshots.ts';
import type { Device } from '../device/index.ts';
import { withActivityContext } from '../net/activity-context.ts';
import { BackupError } from './backup-error.ts';
import type { BackupEvent } from './backup-events.ts';
import { incomingFolder } from './backup-folder.ts';
import { lockBackupFolder } from './backup-lock.ts';
import { backUpExports } from './back-up-exports.ts';
import { backUpFiles } from './back-up-files.ts';
import { throwIfCancelled, type BackupRun, type CategoryOutcome } from './backup-run.ts';
import { EntryRecorder } from './entry-recorder.ts';
import { updateLatestTree } from './latest-tree.ts';
import { startWriterThreadEarly } from './hash-writer.ts';
import { ObjectStore } from './object-store.ts';
import { asDiskFailure, asFolderFailure } from './disk-failure.ts';
import { entriesByPath, openBackup } from './open-backup.ts';
import type { KnownEntry } from './planner.ts';
import { makeFolder } from '../files/make-folder.ts';

export interface BackupOptions {
  device: Device;
  /** The backup folder (created if needed). */
  folder: string;
  /** Category names (see CATEGORY_NAMES, or custom:/sdcard/FOLDER); default every category. */
  categories?: readonly string[];
  /** Most files pulled at once (fewer when they are large); default 12. */
  concurrency?: number;
  signal?: AbortSignal;
  onEvent?: (event: BackupEvent) => void;
}

export interface BackupReport {
  snapshotId: string;
  state: 'complete' | 'cancelled' | 'failed';
  categories: CategoryOutcome[];
  problems: ItemProblem[];
  entries: number;
  filesTransferred: number;
  bytesTransferred: number;
  seconds: number;
  message?: string;
}

const DEFAULT_CONCURRENCY = 12;

interface Session {
  run: BackupRun;
  job: Job;
  serial: string;
  unfinished: string[];
  started: number;
  outcomes: CategoryOutcome[];
}

/** Entries the backup already holds: unfinished runs (newest last, winning) over the last complete snapshot. */
function knownEntries(db: CatalogDb, deviceId: number): { known: Map<string, KnownEntry>; previous: Map<string, KnownEntry>; unfinished: string[] } {
  const complete = latestCompleteSnapshot(db, deviceId);
  const previous = complete ? entriesByPath(db, complete.id) : new Map<string, KnownEntry>();
  const known = new Map(previous);
  const unfinished = listSnapshots(db, deviceId)
    .filter((s) => s.state !== 'complete' && (!complete || s.startedAt >= complete.startedAt))
    .reverse();
  for (const snapshot of unfinished) {
    for (const [path, entry] of entriesByPath(db, snapshot.id)) known.set(path, entry);
    if (snapshot.state === 'in-progress') abandonSnapshot(db, snapshot.id);
  }
  return { known, previous, unfinished: unfinished.map((s) => s.id) };
}

async function startSession(db: CatalogDb, options: BackupOptions, categories: Category[], emit: (event: BackupEvent) => void): Promise<Session> {
  const started = Date.now();
  // Opened first: the store takes over the writing thread prepareBackup started, which gets
  // ready while the phone answers the questions below, instead of in front of the first file.
  const store = new ObjectStore(options.folder);
  await store.open();
  try {
    return await openSession(db, options, categories, emit, store, started);
  } catch (error) {
    await store.close();
    throw error;
  }
}

async function openSession(
  db: CatalogDb,
  options: BackupOptions,
  categories: Category[],
  emit: (event: BackupEvent) => void,
  store: ObjectStore,
  started: number,
): Promise<Session> {
  const facts = await options.device.identity(options.signal ? { signal: options.signal } : {});
  const serial = facts.serial || options.device.serial;
  failInterruptedJobs(db);
  const phone = recordDeviceSeen(db, { serial, model: facts.model, name: facts.model });
  const { known, previous, unfinished } = knownEntries(db, phone.id);
  const snapshot = createSnapshot(db, { deviceId: phone.id, startedAt: started });
  const job = startJob(db, { kind: 'backup', deviceId: phone.id, snapshotId: snapshot.id, startedAt: started });
  const run: BackupRun = {
    device: options.device, db, store, recorder: new EntryRecorder(db, snapshot.id, store, emit), snapshotId: snapshot.id,
    ...(options.signal ? { signal: options.signal } : {}),
    concurrency: options.concurrency ?? DEFAULT_CONCURRENCY, emit, known, previous, inSnapshot: new Set(), problems: [],
    filesTransferred: 0, bytesTransferred: 0, backupDate: started,
    exportFolder: join(incomingFolder(options.folder), `${snapshot.id}.exports.partial`),
  };
  emit({ type: 'started', snapshotId: snapshot.id, phone: { serial, model: facts.model }, categories: categories.map((c) => c.name), resuming: unfinished.length > 0 });
  return { run, job, serial, unfinished, started, outcomes: [] };
}

async function runCategory(run: BackupRun, category: Category): Promise<CategoryOutcome> {
  let outcome: CategoryOutcome = { category: category.name, state: 'ok', items: 0, filesTransferred: 0, bytesTransferred: 0 };
  if (category.listFiles) outcome = await backUpFiles(run, category);
  if (category.exportTo) {
    const exported = await backUpExports(run, category);
    outcome = {
      ...exported,
      items: Math.max(outcome.items, exported.items),
      filesTransferred: outcome.filesTransferred + exported.filesTransferred,
      bytesTransferred: outcome.bytesTransferred + exported.bytesTransferred,
    };
  }
  const { category: name, ...rest } = outcome;
  run.emit({ type: 'category-finished', category: name, ...rest });
  return outcome;
}

function reportOf(session: Session, state: BackupReport['state'], message?: string): BackupReport {
  const { run } = session;
  const report: BackupReport = {
    snapshotId: run.snapshotId, state, categories: session.outcomes, problems: run.problems, entries: run.inSnapshot.size,
    filesTransferred: run.filesTransferred, bytesTransferred: run.bytesTransferred, seconds: (Date.now() - session.started) / 1000,
    ...(message ? { message } : {}),
  };
  const { categories: _, problems, ...figures } = report;
  run.emit({ type: 'finished', ...figures, problems: problems.length });
  return report;
}

/** Seals the snapshot: catalog, manifest, then the browsable tree (which a crash can only leave stale). */
async function finish(session: Session, folder: string): Promise<BackupReport> {
  const { run } = session;
  await run.recorder.flush();
  completeSnapshot(run.db, run.snapshotId);
  await writeSnapshotManifest(folder, run.db, run.snapshotId);
  for (const id of session.unfinished) deleteSnapshot(run.db, id);
  await updateLatestTree(run.db, folder, session.serial, run.snapshotId);
  moveJob(run.db, session.job.id, 'success');
  return reportOf(session, 'complete');
}

/** Keeps what was finished (durable and recorded) for the next run to resume from. */
async function stop(session: Session, error: unknown, signal?: AbortSignal): Promise<BackupReport> {
  const { run, job } = session;
  await run.recorder.flush().catch(() => {
    // The disk failing may be what brought us here; the next run re-plans whatever is unrecorded.
  });
  if (getSnapshot(run.db, run.snapshotId)?.state === 'in-progress') abandonSnapshot(run.db, run.snapshotId);
  const cancelled = signal?.aborted === true || (error instanceof BackupError && error.kind === 'cancelled');
  const message = error instanceof Error ? error.message : String(error);
  if (cancelled) {
    moveJob(run.db, job.id, 'cancelling');
    moveJob(run.db, job.id, 'cancelled');
  } else {
    moveJob(run.db, job.id, 'failed', { error: { kind: (error as { kind?: string }).kind ?? 'failed', message } });
  }
  return reportOf(session, cancelled ? 'cancelled' : 'failed', message);
}

/**
 * Backs up `options.device` into `options.folder`. Cancelled runs resolve; failed runs reject (a
 * disk that refuses a write as a BackupError that says what to do).
 */
export async function runBackup(options: BackupOptions): Promise<BackupReport> {
  try {
    return await backUp(options);
  } catch (error) {
    throw asDiskFailure(error, options.folder);
  }
}

/**
 * Makes the backup folder (and Vitre's folder in it), or says in the user's words why it cannot
 * be, and starts the thread that will hash and write the files. A backup does this first; the
 * command line calls it before it asks the phone anything, so a folder typed wrong is reported
 * before a phone that is not there, and the thread is up by the time the first bytes arrive.
 */
export async function prepareBackup(folder: string): Promise<void> {
  startWriterThreadEarly();
  await makeFolder(join(folder, VITRE_FOLDER)).catch((error: unknown) => {
    throw asFolderFailure(error, folder);
  });
}

async function backUp(options: BackupOptions): Promise<BackupReport> {
  const emit = options.onEvent ?? (() => undefined);
  const categories = (options.categories ?? allCategories().map((c) => c.name)).map(categoryNamed);
  await prepareBackup(options.folder);
  const unlock = await lockBackupFolder(options.folder);
  let db: CatalogDb | undefined;
  try {
    db = (await openBackup(options.folder, { create: true })).db;
    const session = await startSession(db, options, categories, emit);
    try {
      for (const category of categories) {
        throwIfCancelled(session.run);
        const purpose = { job: `backup-${session.job.id}`, category: category.name, destination: 'local' };
        session.outcomes.push(await withActivityContext(purpose, () => runCategory(session.run, category)));
      }
      return await finish(session, options.folder);
    } catch (error) {
      const report = await stop(session, error, options.signal);
      if (report.state === 'cancelled') return report;
      throw error;
    } finally {
      await session.run.store.close();
      await rm(session.run.exportFolder, { recursive: true, force: true });
    }
  } finally {
    db?.close();
    await unlock();
  }
}
