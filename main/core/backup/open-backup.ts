// Opening a backup folder's catalog: as it is, or rebuilt from the snapshot manifests when the
// database is missing (a folder copied without it, or deleted) or damaged (a disk error, a copy cut
// short): the folder is the record. A damaged database is kept beside, renamed, never deleted.
import { existsSync, readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { listEntries } from '../catalog/entries.ts';
import { MANIFEST_FOLDER } from '../catalog/manifest.ts';
import { catalogPath, openCatalog, type CatalogDb } from '../catalog/open-catalog.ts';
import { rebuildCatalog } from '../catalog/rebuild-catalog.ts';
import { getSnapshot, type Snapshot } from '../catalog/snapshots.ts';
import { BackupError } from './backup-error.ts';
import { otherBackupWriting } from './backup-lock.ts';
import type { KnownEntry } from './planner.ts';

export interface OpenBackupOptions {
  /** Make a new, empty backup if the folder has none (a first backup). */
  create?: boolean;
}

export interface OpenedBackup {
  db: CatalogDb;
  /** True when the catalog was just rebuilt from the manifests. */
  rebuilt: boolean;
  /** Where the damaged catalog the rebuild replaced was kept, if it was damaged rather than missing. */
  damagedCatalog?: string;
}

function hasManifests(folder: string): boolean {
  const manifests = join(folder, MANIFEST_FOLDER);
  return existsSync(manifests) && readdirSync(manifests).some((name) => name.endsWith('.jsonl'));
}

export async function openBackup(folder: string, options: OpenBackupOptions = {}): Promise<OpenedBackup> {
  let damagedCatalog: string | undefined;
  if (existsSync(catalogPath(folder))) {
    try {
      return { db: openCatalog(folder), rebuilt: false };
    } catch (error) {
      if (!isDamaged(error)) throw error;
      // A backup writing the catalog now must not lose it from under itself; it rebuilds it when it next opens it.
      const writer = await otherBackupWriting(folder);
      if (writer !== undefined) throw new BackupError('busy', `The catalog of ${folder} reads as damaged while another Vitre backup (process ${writer}) is writing to it. Try again when it has finished.`, { cause: error });
      damagedCatalog = setAside(catalogPath(folder));
    }
  }
  const damaged = damagedCatalog === undefined ? {} : { damagedCatalog };
  if (hasManifests(folder)) {
    await rebuildCatalog(folder);
    return { db: openCatalog(folder), rebuilt: true, ...damaged };
  }
  // Without a complete snapshot there is nothing to rebuild: a damaged catalog held only unfinished work.
  if (options.create) return { db: openCatalog(folder), rebuilt: false, ...damaged };
  if (damagedCatalog !== undefined) {
    throw new BackupError('not-a-backup', `The catalog of ${folder} is damaged (kept as ${damagedCatalog}) and the folder has no snapshot manifests to rebuild it from: it holds no complete snapshot.`);
  }
  throw new BackupError('not-a-backup', `${folder} is not a Vitre backup folder (it has no catalog and no snapshot manifests). Check the path.`);
}

/** What to tell the user after a rebuild: why it was needed, and where a damaged catalog was kept. */
export function catalogRebuiltSentence(damagedCatalog?: string): string {
  const why = damagedCatalog === undefined ? 'The catalog was missing' : `The catalog was damaged (kept as ${damagedCatalog})`;
  return `${why}: rebuilt it from the snapshot manifests.`;
}

/** SQLite's words for a file that is not, or no longer, a sound database. */
function isDamaged(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB';
}

/** Renames the catalog and its journal files aside; returns the catalog's new name. */
function setAside(catalog: string): string {
  const aside = `${catalog}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  renameSync(catalog, aside);
  for (const journal of ['-wal', '-shm']) {
    if (existsSync(catalog + journal)) renameSync(catalog + journal, aside + journal);
  }
  return aside;
}

/** A snapshot's entries by path. */
export function entriesByPath(db: CatalogDb, snapshotId: string): Map<string, KnownEntry> {
  const map = new Map<string, KnownEntry>();
  for (const { snapshotId: _, ...entry } of listEntries(db, snapshotId)) map.set(entry.path, entry);
  return map;
}

/** The snapshot asked for, or the newest complete one of any phone. */
export function chooseSnapshot(db: CatalogDb, id?: string): Snapshot {
  if (id !== undefined) {
    const snapshot = getSnapshot(db, id);
    if (!snapshot) throw new BackupError('snapshot-not-found', `There is no snapshot ${id} in this backup. Run "vitre snapshots DIR" to list them.`);
    return snapshot;
  }
  const row = db.prepare(`SELECT id FROM snapshots WHERE state = 'complete' ORDER BY started_at DESC, id DESC LIMIT 1`).get() as { id: string } | undefined;
  if (!row) throw new BackupError('snapshot-not-found', 'This backup has no complete snapshot yet. Run a backup first.');
  return getSnapshot(db, row.id)!;
}

/** Every snapshot of every phone, newest first. */
export function allSnapshots(db: CatalogDb): Snapshot[] {
  const rows = db.prepare('SELECT id FROM snapshots ORDER BY started_at DESC, id DESC').all() as { id: string }[];
  return rows.map((row) => getSnapshot(db, row.id)!);
}
