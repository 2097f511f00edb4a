// One backup at a time per backup folder: a second run would delete the first one's downloads in
// progress and race it on the catalog. The lock file holds the owner's process id; a lock left by
// a process that no longer exists (a crash, a SIGKILL) is taken over.
import { link, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { VITRE_FOLDER } from '../catalog/open-catalog.ts';
import { BackupError } from './backup-error.ts';

/** Folders this process is backing up now (the lock file alone cannot tell two runs of one process apart). */
const HELD = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else — still alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function busy(folder: string, owner?: number): BackupError {
  const who = owner === undefined ? 'Another Vitre backup' : `Another Vitre backup (process ${owner})`;
  return new BackupError('busy', `${who} is writing to ${folder}. Wait for it to finish, then try again.`);
}

/** The live process holding the lock, or undefined if the lock is stale. */
async function holderOf(file: string): Promise<number | undefined> {
  const owner = Number.parseInt(await readFile(file, 'utf8').catch(() => ''), 10);
  return Number.isInteger(owner) && owner !== process.pid && alive(owner) ? owner : undefined;
}

/** The process id of another live process backing up into `folder` now, if any. */
export async function otherBackupWriting(folder: string): Promise<number | undefined> {
  return holderOf(join(folder, VITRE_FOLDER, 'backup.lock'));
}

/** Takes the folder's backup lock; returns its release. Throws BackupError 'busy' if held. */
export async function lockBackupFolder(folder: string): Promise<() => Promise<void>> {
  const file = join(folder, VITRE_FOLDER, 'backup.lock');
  const key = resolve(folder);
  if (HELD.has(key)) throw busy(folder);
  HELD.add(key); // before any await: a second run in this process sees it at once
  try {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      // Written aside then hard-linked into place: the lock appears with its id already in it.
      const mine = `${file}.${process.pid}`;
      await writeFile(mine, `${process.pid}\n`);
      try {
        await link(mine, file);
        await rm(mine, { force: true });
        return async () => {
          HELD.delete(key);
          await rm(file, { force: true });
        };
      } catch (error) {
        await rm(mine, { force: true });
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const holder = await holderOf(file);
        if (holder !== undefined) throw busy(folder, holder);
        await rm(file, { force: true }); // left by a process that is gone
      }
    }
    throw busy(folder);
  } catch (error) {
    HELD.delete(key);
    throw error;
  }
}
