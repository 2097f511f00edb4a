// Rebuilds a backup folder's catalog from its snapshot manifests: the way back when the database
// is lost, damaged, or was never copied along with the folder. An existing catalog is moved aside
// (never deleted) before the new one is built.
import { existsSync } from 'node:fs';
import { readdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { CatalogError } from './catalog-error.ts';
import { recordDeviceSeen } from './devices.ts';
import { addEntries, type NewEntry } from './entries.ts';
import { MANIFEST_FOLDER, readManifest, type ManifestHeader, type ManifestTrailer } from './manifest.ts';
import { catalogPath, openCatalog, type CatalogDb } from './open-catalog.ts';
import { completeSnapshot, createSnapshot, deleteSnapshot } from './snapshots.ts';

export interface RebuildReport {
  snapshots: number;
  entries: number;
  /** Manifests that could not be used, and why. */
  skipped: { file: string; reason: string }[];
  /** Where the previous catalog was moved, if there was one. */
  previousCatalog?: string;
}

const BATCH = 1000;

/** Recreates `<backup>/.vitre/catalog.sqlite` from `<backup>/manifests/*.jsonl`. */
export async function rebuildCatalog(backupFolder: string, now: number = Date.now()): Promise<RebuildReport> {
  const report: RebuildReport = { snapshots: 0, entries: 0, skipped: [] };
  const previous = await moveAside(catalogPath(backupFolder), now);
  if (previous) report.previousCatalog = previous;
  const db = openCatalog(backupFolder);
  try {
    for (const name of await manifestNames(backupFolder)) {
      const file = join(backupFolder, MANIFEST_FOLDER, name);
      try {
        report.entries += await loadManifest(db, file);
        report.snapshots += 1;
      } catch (error) {
        if (!(error instanceof CatalogError)) throw error;
        report.skipped.push({ file, reason: error.message });
      }
    }
  } finally {
    db.close();
  }
  return report;
}

async function manifestNames(backupFolder: string): Promise<string[]> {
  const folder = join(backupFolder, MANIFEST_FOLDER);
  if (!existsSync(folder)) return [];
  return (await readdir(folder)).filter((name) => name.endsWith('.jsonl')).sort();
}

async function moveAside(file: string, now: number): Promise<string | undefined> {
  if (!existsSync(file)) return undefined;
  const aside = `${file}.replaced-${now}`;
  // The WAL and shared-memory files belong to the database: move them with it.
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(file + suffix)) await rename(file + suffix, aside + suffix);
  }
  return aside;
}

/** Loads one manifest as a complete snapshot; returns its entry count. A bad manifest leaves nothing. */
async function loadManifest(db: CatalogDb, file: string): Promise<number> {
  let header: ManifestHeader | undefined;
  let trailer: ManifestTrailer | undefined;
  let batch: NewEntry[] = [];
  let count = 0;
  try {
    for await (const line of readManifest(file)) {
      if (trailer) throw new CatalogError('manifest-unreadable', `The snapshot manifest ${file} has lines after its end.`);
      if (line.type === 'header') {
        header = line.header;
        const device = recordDeviceSeen(db, header.device, header.startedAt);
        createSnapshot(db, { id: header.snapshot, deviceId: device.id, startedAt: header.startedAt });
      } else if (line.type === 'entry') {
        batch.push(line.entry);
        count += 1;
        if (batch.length >= BATCH) batch = flush(db, header!, batch);
      } else {
        trailer = line.trailer;
      }
    }
    if (!header || !trailer || trailer.entryCount !== count) {
      throw new CatalogError('manifest-unreadable', `The snapshot manifest ${file} is incomplete (it was cut short).`);
    }
    flush(db, header, batch);
    completeSnapshot(db, header.snapshot, trailer.completedAt);
    return count;
  } catch (error) {
    if (header) deleteSnapshot(db, header.snapshot);
    throw error;
  }
}

function flush(db: CatalogDb, header: ManifestHeader, batch: NewEntry[]): NewEntry[] {
  addEntries(db, header.snapshot, batch);
  return [];
}
