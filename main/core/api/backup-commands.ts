// The Backup screen's commands: the default folder, a scan of the phone, and one backup at a
// time, whose progress and summary go out as events.
import { randomUUID } from 'node:crypto';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { BackupDefaults, BackupFinished, BackupScan, BackupStatus } from '../../../preload/contract/backup.ts';
import type { EventMessage } from '../../../preload/contract/api.ts';
import { entriesByPath, openBackup, runBackup, type BackupReport } from '../backup/index.ts';
import { allCategories, categoryNamed, UnknownCategoryError, type CategoryScan } from '../categories/index.ts';
import { getSnapshot, listSnapshots } from '../catalog/snapshots.ts';
import type { Device } from '../device/index.ts';
import { ApiFailure } from './api-error.ts';
import { BackupJob, type ItemChanges } from './backup-job.ts';
import type { PhoneOpener } from './backup-phone.ts';
import { asApiFailure } from './engine-failure.ts';
import { checkUploads, groupUploads, uploadToDestination, type CloudTargets } from './cloud-upload.ts';
import type { UploadSummary } from '../../../preload/contract/backup.ts';

/** Where backups go unless the user picks another folder: a visible folder in their home. */
export function defaultBackupFolder(): string {
  return join(homedir(), 'Vitre Backups');
}

export interface BackupCommandsOptions {
  /** Opens the phone the user picked; absent in hosts that cannot reach phones. */
  phones?: PhoneOpener;
  /** Whether the phone was connected directly by the API (the simulated phone, a typed address). */
  isDirect(deviceId: string): boolean;
  emit(message: EventMessage): void;
  /** The host's folder picker, when it has one (the desktop window). */
  chooseFolder?: (current: string) => Promise<string | undefined>;
  /** Cloud destinations and their kept secrets; absent in hosts without a data folder. */
  cloud?: CloudTargets;
}

export function backupCommands(options: BackupCommandsOptions) {
  let running: { job: BackupJob; done: Promise<void> } | undefined;
  let last: BackupFinished | null = null;

  const open = (deviceId: string): Promise<Device> => {
    if (!options.phones) throw new ApiFailure('unsupported', 'This window cannot reach phones. Open Vitre’s desktop app or its local web host.');
    return options.phones.open(deviceId, options.isDirect(deviceId));
  };

  const finish = (finished: BackupFinished) => {
    last = finished;
    running = undefined;
    options.emit({ event: 'backup.finished', payload: finished });
  };

  const sendProgress = (job: BackupJob) => options.emit({ event: 'backup.progress', payload: job.progress() });

  /** The encrypted uploads, one destination after the other, once the local snapshot is complete. */
  const upload = async (job: BackupJob, report: BackupReport, uploads: Map<string, string[]>): Promise<UploadSummary[]> => {
    const summaries: UploadSummary[] = [];
    for (const [destination, categories] of uploads) {
      if (report.state !== 'complete' || !report.snapshotId || !options.cloud) {
        summaries.push({
          destination, categories, state: report.state === 'cancelled' ? 'cancelled' : 'failed', objectsUploaded: 0, objectsAlreadyThere: 0,
          bytesUploaded: 0, seconds: 0, createdKey: false, decryptChecked: false,
          message: `Nothing was sent to “${destination}”: the backup on this computer did not complete.`,
        });
        continue;
      }
      let lastSent = 0;
      summaries.push(await uploadToDestination({
        targets: options.cloud, folder: job.folder, snapshotId: report.snapshotId, destination, categories, signal: job.controller.signal,
        onProgress: (change) => {
          job.updateUpload(destination, change);
          const now = Date.now();
          if (change.phase === undefined && now - lastSent < 200) return;
          lastSent = now;
          sendProgress(job);
        },
      }));
    }
    return summaries;
  };

  const run = async (job: BackupJob, deviceId: string, categories: string[], uploads: Map<string, string[]>) => {
    let device: Device;
    try {
      device = await open(deviceId);
    } catch (error) {
      finish(job.failedBeforeStart(asApiFailure(error, 'Opening the phone')));
      return;
    }
    let lastSent = 0;
    let closed: Promise<void> | undefined;
    const closeDevice = () => (closed ??= device.close());
    try {
      const report = await runBackup({
        device,
        folder: job.folder,
        categories,
        signal: job.controller.signal,
        onEvent: (event) => {
          if (!job.apply(event)) return;
          // The engine reports each category at most 4 times a second; the screen needs no more overall.
          const now = Date.now();
          if (event.type === 'progress' && now - lastSent < 200) return;
          lastSent = now;
          options.emit({ event: 'backup.progress', payload: job.progress() });
        },
      });
      sendProgress(job);
      const changes = await itemChanges(job.folder, report).catch(() => new Map<string, ItemChanges>());
      // The phone is no longer needed while the cloud uploads run from the local copy.
      await closeDevice();
      finish(job.finished(report, changes, await upload(job, report, uploads)));
    } catch (error) {
      finish(job.failedBeforeStart(asApiFailure(error, 'Backing up')));
    } finally {
      await closeDevice();
    }
  };

  return {
    'backup.defaults': async (): Promise<BackupDefaults> => ({ folder: defaultBackupFolder(), canChooseFolder: options.chooseFolder !== undefined }),

    'backup.choose-folder': async ({ current }: { current: string }): Promise<{ folder: string | null }> => {
      if (!options.chooseFolder) throw new ApiFailure('unsupported', 'This window has no folder picker: type the folder’s path instead.');
      return { folder: (await options.chooseFolder(current)) ?? null };
    },

    'backup.scan': async ({ deviceId }: { deviceId: string }): Promise<BackupScan> => {
      const device = await open(deviceId);
      try {
        const scans: CategoryScan[] = [];
        for (const category of allCategories()) {
          scans.push(await category.scan({ device, onProblem: () => undefined, signal: AbortSignal.timeout(60_000) }));
        }
        return { deviceId, categories: scans };
      } catch (error) {
        throw asApiFailure(error, 'Counting what the phone holds');
      } finally {
        await device.close();
      }
    },

    'backup.start': async ({ deviceId, folder, categories, uploads = {} }: {
      deviceId: string; folder: string; categories: string[]; uploads?: Record<string, string>;
    }): Promise<{ job: string }> => {
      if (running) throw new ApiFailure('refused', 'A backup is already running. Wait for it to finish, or cancel it first.');
      const grouped = groupUploads(uploads);
      if (grouped.size > 0) {
        if (!options.cloud) throw new ApiFailure('unsupported', 'Cloud destinations cannot be used in this window.');
        await checkUploads(options.cloud, grouped, categories);
      }
      try {
        categories.forEach((name) => categoryNamed(name));
      } catch (error) {
        if (error instanceof UnknownCategoryError) throw new ApiFailure('invalid-input', error.message);
        throw error;
      }
      const job = new BackupJob(randomUUID(), folder, categories, grouped);
      last = null;
      running = { job, done: run(job, deviceId, categories, grouped) };
      options.emit({ event: 'backup.progress', payload: job.progress() });
      return { job: job.id };
    },

    'backup.cancel': async ({ job }: { job: string }): Promise<null> => {
      if (running?.job.id === job) running.job.controller.abort();
      return null;
    },

    'backup.status': async (): Promise<BackupStatus> => ({ progress: running?.job.progress() ?? null, finished: last }),

    /** Cancels a running backup and waits for it to stop (the API is closing). */
    async close(): Promise<void> {
      const current = running;
      current?.job.controller.abort();
      await current?.done;
    },
  };
}

/** Per category: items new in this snapshot, changed since the phone's previous complete one, and unchanged. */
async function itemChanges(folder: string, report: BackupReport): Promise<Map<string, ItemChanges>> {
  const result = new Map<string, ItemChanges>();
  if (!report.snapshotId) return result;
  const { db } = await openBackup(folder);
  try {
    const snapshot = getSnapshot(db, report.snapshotId);
    if (!snapshot) return result;
    const previous = listSnapshots(db, snapshot.deviceId)
      .filter((s) => s.state === 'complete' && s.id !== snapshot.id && s.startedAt <= snapshot.startedAt)
      .sort((a, b) => b.startedAt - a.startedAt)[0];
    const before = previous ? entriesByPath(db, previous.id) : new Map();
    const ran = new Set(report.categories.map((c) => c.category));
    for (const [path, entry] of entriesByPath(db, snapshot.id)) {
      if (!ran.has(entry.category)) continue;
      const counts = result.get(entry.category) ?? { added: 0, changed: 0, unchanged: 0 };
      const old = before.get(path);
      if (!old) counts.added += 1;
      else if (old.hash !== entry.hash) counts.changed += 1;
      else counts.unchanged += 1;
      result.set(entry.category, counts);
    }
    return result;
  } finally {
    db.close();
  }
}
