// Opening a backup folder's catalog: as it is, or rebuilt from the snapshot manifests when the
// database is missing (a folder copied without it, or deleted): the folder is the record.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { listEntries } from '../catalog/entries.ts';
import { MANIFEST_FOLDER } from '../catalog/manifest.ts';
import { catalogPath, openCatalog, type CatalogDb } from '../catalog/open-catalog.ts';
import { rebuildCatalog } from '../catalog/rebuild-catalog.ts';
import { getSnapshot, type Snapshot } from '../catalog/snapshots.ts';
import { BackupError } from './backup-error.ts';
import type { KnownEntry } from './planner.ts';

export interface OpenBackupOptions {
  /** Make a new, empty backup if the folder has none (a first backup). */
  create?: boolean;
}

export interface OpenedBackup {
  db: CatalogDb;
  /** True when the catalog was just rebuilt from the manifests. */
  rebuilt: boolean;
}

function hasManifests(folder: string): boolean {
  const manifests = join(folder, MANIFEST_FOLDER);
  return existsSync(manifests) && readdirSync(manifests).some((name) => name.endsWith('.jsonl'));
}

export async function openBackup(folder: string, options: OpenBackupOptions = {}): Promise<OpenedBackup> {
  if (existsSync(catalogPath(folder))) return { db: openCatalog(folder), rebuilt: false };
  if (hasManifests(folder)) {
    await rebuildCatalog(folder);
    return { db: openCatalog(folder), rebuilt: true };
  }
  if (options.create) return { db: openCatalog(folder), rebuilt: false };
  throw new BackupError('not-a-backup', `${folder} is not a Vitre backup folder (it has no catalog and no snapshot manifests). Check the path.`);
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
