// Snapshot manifests: a plain JSON Lines file per complete snapshot, in the backup folder next to
// the data (`<backup>/manifests/<snapshot id>.jsonl`), so the catalog database is never the only
// record of what a backup holds. Anyone can read one with a text editor or `jq`; Vitre rebuilds
// its catalog from them (rebuild-catalog.ts).
//
//   line 1      {"format":"vitre-manifest","version":1,"snapshot":ID,"startedAt":MS,"device":{serial,model,name}}
//   then        {"path","size","mtime","mode","hash","category","object"} per entry, in path order
//   last line   {"complete":true,"completedAt":MS,"entryCount":N,"totalBytes":B}
//
// The last line proves the file is whole. The file is written under a temporary name, flushed to
// disk and renamed, so a crash leaves either no manifest or a complete one.
import { createReadStream, createWriteStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CatalogError } from './catalog-error.ts';
import { getDevice } from './devices.ts';
import { listEntries, type NewEntry } from './entries.ts';
import type { CatalogDb } from './open-catalog.ts';
import { getSnapshot } from './snapshots.ts';
import { makeFolder } from '../files/make-folder.ts';

export const MANIFEST_FOLDER = 'manifests';
const FORMAT = 'vitre-manifest';
const VERSION = 1;

export interface ManifestHeader {
  format: typeof FORMAT;
  version: number;
  snapshot: string;
  startedAt: number;
  device: { serial: string; model: string; name: string };
}

export interface ManifestTrailer {
  complete: true;
  completedAt: number;
  entryCount: number;
  totalBytes: number;
}

export function manifestPath(backupFolder: string, snapshotId: string): string {
  return join(backupFolder, MANIFEST_FOLDER, `${snapshotId}.jsonl`);
}

/** Writes the manifest of a complete snapshot from the catalog; returns its path. */
export async function writeSnapshotManifest(backupFolder: string, db: CatalogDb, snapshotId: string): Promise<string> {
  const snapshot = getSnapshot(db, snapshotId);
  if (!snapshot) throw new CatalogError('not-found', `There is no snapshot ${snapshotId} in this backup.`);
  if (snapshot.state !== 'complete' || snapshot.completedAt === null) {
    throw new CatalogError('snapshot-complete', `Snapshot ${snapshotId} is ${snapshot.state}; only a complete snapshot gets a manifest.`);
  }
  const device = getDevice(db, snapshot.deviceId)!;
  const header: ManifestHeader = {
    format: FORMAT,
    version: VERSION,
    snapshot: snapshot.id,
    startedAt: snapshot.startedAt,
    device: { serial: device.serial, model: device.model, name: device.name },
  };
  const trailer: ManifestTrailer = {
    complete: true,
    completedAt: snapshot.completedAt,
    entryCount: snapshot.entryCount,
    totalBytes: snapshot.totalBytes,
  };
  function* lines(): Generator<string> {
    yield `${JSON.stringify(header)}\n`;
    for (const { snapshotId: _, ...entry } of listEntries(db, snapshotId)) yield `${JSON.stringify(entry)}\n`;
    yield `${JSON.stringify(trailer)}\n`;
  }
  const target = manifestPath(backupFolder, snapshotId);
  await makeFolder(join(backupFolder, MANIFEST_FOLDER));
  await writeAtomically(target, lines());
  return target;
}

async function writeAtomically(target: string, lines: Iterable<string>): Promise<void> {
  const temporary = `${target}.partial`;
  try {
    await pipeline(Readable.from(lines), createWriteStream(temporary));
    await syncPath(temporary);
    await rename(temporary, target);
    await syncPath(join(target, '..'));
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

async function syncPath(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export type ManifestLine =
  | { type: 'header'; header: ManifestHeader }
  | { type: 'entry'; entry: NewEntry }
  | { type: 'trailer'; trailer: ManifestTrailer };

/** Reads a manifest line by line, checking each line's shape; throws CatalogError if unreadable. */
export async function* readManifest(file: string): AsyncGenerator<ManifestLine> {
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let number = 0;
  for await (const line of lines) {
    number += 1;
    yield parseLine(file, number, line);
  }
}

function parseLine(file: string, number: number, line: string): ManifestLine {
  const unreadable = (why: string) =>
    new CatalogError('manifest-unreadable', `The snapshot manifest ${file} is damaged at line ${number}: ${why}.`);
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    throw unreadable(error instanceof Error ? error.message : 'not JSON');
  }
  if (typeof value !== 'object' || value === null) throw unreadable('not an object');
  const record = value as Record<string, unknown>;
  if (number === 1) {
    if (record.format !== FORMAT || record.version !== VERSION) throw unreadable('not a Vitre manifest version 1');
    const device = record.device as Record<string, unknown> | null | undefined;
    const deviceFields = ['serial', 'model', 'name'] as const;
    if (
      typeof record.snapshot !== 'string' ||
      !Number.isSafeInteger(record.startedAt) ||
      typeof device !== 'object' ||
      device === null ||
      deviceFields.some((f) => typeof device[f] !== 'string')
    ) {
      throw unreadable('the first line lacks the snapshot id, start time or phone');
    }
    return { type: 'header', header: record as unknown as ManifestHeader };
  }
  if (record.complete === true) return { type: 'trailer', trailer: record as unknown as ManifestTrailer };
  const textFields = ['path', 'hash', 'category', 'object'] as const;
  const numberFields = ['size', 'mtime', 'mode'] as const;
  if (textFields.some((f) => typeof record[f] !== 'string') || numberFields.some((f) => !Number.isSafeInteger(record[f]))) {
    throw unreadable('an entry lacks path, size, mtime, mode, hash, category or object');
  }
  return { type: 'entry', entry: record as unknown as NewEntry };
}
