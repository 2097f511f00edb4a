// Which entries of a snapshot a restore takes: everything, or the files and folders the user
// named, as the phone shows them ("/sdcard/..." accepted). A name that selects nothing is a
// mistake to report, not an empty restore: a typo once "restored" 0 files and said all was well,
// and an empty name (an unset shell variable) selected the whole snapshot.
import { phonePath } from '../categories/file-categories.ts';
import { BackupError } from './backup-error.ts';

export class RestoreSelection {
  readonly #wanted: { given: string; path: string; found: boolean }[];

  constructor(only: readonly string[] | undefined) {
    this.#wanted = (only ?? []).map((given) => {
      if (given.trim() === '') throw new BackupError('not-in-snapshot', 'A path to restore is empty. Name a file or folder of the snapshot, such as /sdcard/DCIM/Camera.');
      return { given, path: phonePath(given), found: false };
    });
  }

  /** Whether `path` (a snapshot entry's) is taken: it is, or is inside, a path named. */
  has(path: string): boolean {
    if (this.#wanted.length === 0) return true;
    let taken = false;
    for (const wanted of this.#wanted) {
      if (path === wanted.path || path.startsWith(`${wanted.path}/`)) {
        wanted.found = true;
        taken = true;
      }
    }
    return taken;
  }

  /** Throws if a path named selects none of `paths` (the snapshot's). */
  checkFound(paths: Iterable<string>, snapshotId: string): void {
    for (const path of paths) this.has(path);
    const missing = this.#wanted.filter((wanted) => !wanted.found).map((wanted) => wanted.given);
    if (missing.length === 0) return;
    throw new BackupError(
      'not-in-snapshot',
      `Snapshot ${snapshotId} has nothing at ${missing.join(', ')}. Name files and folders as the phone shows them (/sdcard/DCIM/Camera, /sdcard/Download/report.pdf), or Contacts, Messages, Calls, Notes. Nothing was restored.`,
    );
  }
}
