// A backup folder that refuses a write, in words the user can act on. Node's own messages name a
// system call and an error code ("ENOSPC: no space left on device, write"); the backup says which
// folder, what went wrong and what to do. What was already stored stays: the next run resumes.
import { BackupError } from './backup-error.ts';

const ADVICE: Readonly<Record<string, string>> = {
  ENOSPC: 'the disk is full. Free some space, or choose a folder on a larger disk, then back up again',
  EDQUOT: 'your disk quota is used up. Free some space, or choose another folder, then back up again',
  EACCES: 'Vitre is not allowed to write there. Choose a folder you own, or give yourself write access to it',
  EPERM: 'Vitre is not allowed to write there. Choose a folder you own, or give yourself write access to it',
  EROFS: 'the disk is read-only. Choose a folder on a disk you can write to',
  ENOTDIR: 'part of the path is a file, not a folder. Choose another folder',
  EIO: 'the disk reported a read or write error. Check the disk and its cable, then back up again',
};

/** `error` as a BackupError ('write-failed') when it is the disk refusing; any other error as it is. */
export function asDiskFailure(error: unknown, folder: string): unknown {
  const code = error instanceof Error ? (error as NodeJS.ErrnoException).code : undefined;
  const advice = code === undefined ? undefined : ADVICE[code];
  if (advice === undefined) return error;
  return new BackupError('write-failed', `Vitre could not write to the backup folder ${folder}: ${advice}. What was already copied is kept.`, { cause: error });
}

/**
 * `error` from making the backup folder, as asDiskFailure words it; and where a folder on the way
 * cannot be made although the one above it exists (a system folder such as /proc, a link to
 * something gone), that, since the disk itself is fine.
 */
export function asFolderFailure(error: unknown, folder: string): unknown {
  const code = error instanceof Error ? (error as NodeJS.ErrnoException).code : undefined;
  if (code !== 'ENOENT') return asDiskFailure(error, folder);
  return new BackupError('write-failed', `Vitre could not make the backup folder ${folder}: a folder on its path cannot hold new folders (a system folder, or a link to something that is gone). Choose another folder.`, { cause: error });
}
