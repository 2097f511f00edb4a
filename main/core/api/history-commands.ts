// The History screen's commands: snapshots of a backup folder, browsing one, photo previews,
// restore (with a dry run first) and verification. Each opens the folder's catalog and closes it.
import { resolve } from 'node:path';
import type { HistoryBrowse, HistoryRestore, HistorySnapshots, HistoryVerify } from '../../../preload/contract/history.ts';
import { allSnapshots, chooseSnapshot, entriesByPath, openBackup, restoreSnapshot, verifySnapshot, type OpenedBackup } from '../backup/index.ts';
import { getDevice } from '../catalog/devices.ts';
import type { Device } from '../device/index.ts';
import { ApiFailure } from './api-error.ts';
import { asApiFailure } from './engine-failure.ts';
import { photoPreview } from './photo-preview.ts';
import { browseSnapshot } from './snapshot-tree.ts';

export interface HistoryCommandsOptions {
  openPhone(deviceId: string): Promise<Device>;
}

async function withBackup<T>(folder: string, doing: string, work: (opened: OpenedBackup) => T | Promise<T>): Promise<T> {
  let opened: OpenedBackup;
  try {
    opened = await openBackup(folder);
  } catch (error) {
    throw asApiFailure(error, doing);
  }
  try {
    return await work(opened);
  } catch (error) {
    throw asApiFailure(error, doing);
  } finally {
    opened.db.close();
  }
}

export function historyCommands(options: HistoryCommandsOptions) {
  return {
    'history.snapshots': ({ folder }: { folder: string }): Promise<HistorySnapshots> =>
      withBackup(folder, 'Listing the backups', ({ db }) => ({
        folder,
        snapshots: allSnapshots(db).map((snapshot) => {
          const phone = getDevice(db, snapshot.deviceId);
          return {
            id: snapshot.id,
            phone: { serial: phone?.serial ?? '', model: phone?.model ?? '', name: phone?.name ?? phone?.model ?? '' },
            state: snapshot.state,
            startedAt: snapshot.startedAt,
            completedAt: snapshot.completedAt,
            entries: snapshot.entryCount,
            bytes: snapshot.totalBytes,
          };
        }),
      })),

    'history.browse': ({ folder, snapshot, path }: { folder: string; snapshot: string; path: string }): Promise<HistoryBrowse> =>
      withBackup(folder, 'Opening the snapshot', ({ db }) => {
        const chosen = chooseSnapshot(db, snapshot);
        return browseSnapshot(chosen.id, entriesByPath(db, chosen.id), path);
      }),

    'history.thumbnail': async ({ folder, object }: { folder: string; object: string }): Promise<{ dataUrl: string }> => {
      // The schema admits only objects/xx/<hash>: nothing outside the backup's object store.
      const root = resolve(folder);
      const file = resolve(root, object);
      if (!file.startsWith(`${root}/`) && !file.startsWith(`${root}\\`)) throw new ApiFailure('invalid-input', 'That is not a stored object of a backup.');
      try {
        return { dataUrl: await photoPreview(file) };
      } catch (error) {
        if ((error as { code?: unknown }).code === 'ENOENT') throw new ApiFailure('not-found', 'This photo’s stored copy is missing. Verify the snapshot to see what else is.');
        throw asApiFailure(error, 'Showing the photo');
      }
    },

    'history.restore': async (input: { folder: string; snapshot: string; deviceId: string; only: string[]; dryRun: boolean }): Promise<HistoryRestore> => {
      const device = await options.openPhone(input.deviceId);
      try {
        const report = await restoreSnapshot({ folder: input.folder, snapshotId: input.snapshot, device, only: input.only, dryRun: input.dryRun });
        return {
          snapshot: report.snapshotId,
          dryRun: report.dryRun,
          actions: report.actions.map(({ target, path, action, size, category }) => ({ target, path, action, size, category })),
          restored: report.restored,
          bytes: report.bytes,
          problems: report.problems.map(({ path, message }) => ({ path, message })),
          steps: report.steps,
        };
      } catch (error) {
        throw asApiFailure(error, 'Restoring');
      } finally {
        await device.close();
      }
    },

    'history.verify': async ({ folder, snapshot }: { folder: string; snapshot: string }): Promise<HistoryVerify> => {
      try {
        const report = await verifySnapshot({ folder, snapshotId: snapshot });
        return {
          snapshot: report.snapshotId,
          ok: report.ok,
          entries: report.entries,
          objectsChecked: report.objectsChecked,
          bytesChecked: report.bytesChecked,
          problems: report.problems.map(({ path, kind, message }) => ({ path, kind, message })),
        };
      } catch (error) {
        throw asApiFailure(error, 'Verifying the snapshot');
      }
    },
  };
}
