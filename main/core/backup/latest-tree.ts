// The latest state of each phone as a plain folder tree (phones/<serial>/latest/...), with the
// phone's paths (encoded where the local disk needs it: local-names.ts) and dates. Files are hard
// links to the read-only objects, so the tree costs no space; where hard links fail (FAT/exFAT,
// another disk) or one object is shown with two different dates, it holds a copy.
//
// The tree is updated by difference from the snapshot it showed before (recorded in
// phones/<serial>/latest.snapshot), so a rerun with nothing changed touches nothing. A run
// interrupted while updating leaves a stale record; the next run then rebuilds the tree.
import { copyFile, link, readFile, realpath, rename, rm, rmdir, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import { dirname, join, sep } from 'node:path';
import type { CatalogDb } from '../catalog/open-catalog.ts';
import { getSnapshot } from '../catalog/snapshots.ts';
import { insideFolder, latestFolder, objectFile, phoneFolder } from './backup-folder.ts';
import { localTreePaths } from './local-names.ts';
import { entriesByPath } from './open-backup.ts';
import { makeFolder } from '../files/make-folder.ts';

interface Shown {
  hash: string;
  object: string;
  mtime: number;
}

const MARKER = 'latest.snapshot';

function shownFiles(db: CatalogDb, snapshotId: string): Map<string, Shown> {
  const entries = entriesByPath(db, snapshotId);
  const local = localTreePaths(entries.keys());
  const shown = new Map<string, Shown>();
  for (const [path, entry] of entries) shown.set(local.get(path)!, { hash: entry.hash, object: entry.object, mtime: entry.mtime });
  return shown;
}

async function shownSnapshot(db: CatalogDb, backupFolder: string, serial: string): Promise<string | undefined> {
  let id: string;
  try {
    id = (await readFile(join(phoneFolder(backupFolder, serial), MARKER), 'utf8')).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return getSnapshot(db, id)?.state === 'complete' ? id : undefined;
}

/** Whether two snapshots show the same files (path, object, date), asked of SQLite, not memory. */
function showSame(db: CatalogDb, a: string, b: string): boolean {
  const missing = db.prepare(
    `SELECT count(*) AS n FROM entries e WHERE e.snapshot_id = ? AND NOT EXISTS
       (SELECT 1 FROM entries f WHERE f.snapshot_id = ? AND f.path = e.path AND f.object = e.object AND f.mtime = e.mtime)`,
  );
  const count = (x: string, y: string) => (missing.get(x, y) as { n: number }).n;
  return count(a, b) === 0 && count(b, a) === 0;
}

async function writeMarker(markerFile: string, snapshotId: string): Promise<void> {
  const temporary = `${markerFile}.partial`;
  await writeFile(temporary, `${snapshotId}\n`);
  await rename(temporary, markerFile);
}

/** Makes phones/<serial>/latest show `snapshotId`. */
export async function updateLatestTree(db: CatalogDb, backupFolder: string, serial: string, snapshotId: string): Promise<void> {
  const root = latestFolder(backupFolder, serial);
  const markerFile = join(phoneFolder(backupFolder, serial), MARKER);
  const shown = await shownSnapshot(db, backupFolder, serial);
  // Nothing changed (the usual rerun): the tree already shows these files.
  if (shown !== undefined && showSame(db, shown, snapshotId)) return writeMarker(markerFile, snapshotId);
  let before = shown === undefined ? undefined : shownFiles(db, shown);
  await rm(markerFile, { force: true });
  if (!before) {
    await rm(root, { recursive: true, force: true });
    before = new Map();
  }
  const after = shownFiles(db, snapshotId);
  const same = (a: Shown | undefined, b: Shown | undefined) => a !== undefined && b !== undefined && a.object === b.object && a.mtime === b.mtime;
  const removed: string[] = [];
  for (const [path, shown] of before) {
    if (!same(shown, after.get(path))) {
      await unlink(insideFolder(root, path)).catch(ignoreMissing);
      removed.push(path);
    }
  }
  await makeFolder(root);
  const placer = new Placer(backupFolder, root);
  for (const [path, shown] of after) {
    if (!same(shown, before.get(path))) await placer.place(path, shown);
  }
  await removeEmptyFolders(root, removed);
  await writeMarker(markerFile, snapshotId);
}

class Placer {
  readonly #backupFolder: string;
  readonly #root: string;
  #realRoot: string | undefined;
  readonly #checked = new Set<string>();

  constructor(backupFolder: string, root: string) {
    this.#backupFolder = backupFolder;
    this.#root = root;
  }

  async place(path: string, shown: Shown): Promise<void> {
    const target = insideFolder(this.#root, path);
    await this.#folderFor(target);
    const object = objectFile(this.#backupFolder, shown);
    const seconds = shown.mtime / 1000;
    await unlink(target).catch(ignoreMissing);
    const info = await stat(object);
    // A hard link shares the object's date: if another path already shows this object with
    // another date, this one gets a copy so both dates stay right.
    const shared = info.nlink > 1 && Math.floor(info.mtimeMs / 1000) !== Math.floor(seconds);
    if (shared || !(await tryLink(object, target))) await copyFile(object, target);
    await utimes(target, seconds, seconds);
  }

  /** Creates the file's folder, checking it resolves inside the tree (no planted symlink). */
  async #folderFor(target: string): Promise<void> {
    const folder = dirname(target);
    if (this.#checked.has(folder)) return;
    await makeFolder(folder);
    this.#realRoot ??= await realpath(this.#root);
    const real = await realpath(folder);
    if (real !== this.#realRoot && !real.startsWith(`${this.#realRoot}${sep}`)) {
      throw new Error(`${folder} leads outside the backup folder (a symbolic link was placed there); remove it and run the backup again.`);
    }
    this.#checked.add(folder);
  }
}

async function tryLink(object: string, target: string): Promise<boolean> {
  try {
    await link(object, target);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // No hard links on this disk (FAT/exFAT: EPERM/ENOTSUP), another disk (EXDEV), or too many
    // links to one object (EMLINK): a copy does the same job.
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EXDEV' || code === 'EMLINK' || code === 'EOPNOTSUPP') return false;
    throw error;
  }
}

async function removeEmptyFolders(root: string, removed: readonly string[]): Promise<void> {
  const folders = new Set<string>();
  for (const path of removed) {
    for (let folder = dirname(path); folder !== '.' && folder !== ''; folder = dirname(folder)) folders.add(folder);
  }
  for (const folder of [...folders].sort((a, b) => b.length - a.length)) {
    await rmdir(join(root, folder)).catch(() => {
      // Not empty (other files remain) or already gone: either way nothing to do.
    });
  }
}

function ignoreMissing(error: unknown): void {
  if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
}
