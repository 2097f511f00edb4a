// The completed local snapshot a cloud upload starts from (its manifest, LAYOUT.md), and the same
// manifest format as uploaded: header, one line per entry, trailer. A category selection uploads
// a manifest of just those entries, with the trailer's counts made to match.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { MANIFEST_FOLDER, manifestPath, readManifest, type ManifestHeader, type ManifestTrailer } from '../catalog/manifest.ts';
import type { NewEntry } from '../catalog/entries.ts';
import { CloudError } from './cloud-error.ts';

export interface SnapshotManifest {
  header: ManifestHeader;
  entries: NewEntry[];
  trailer: ManifestTrailer;
}

/** The id of the newest complete snapshot in the backup folder. */
export async function latestLocalSnapshotId(backupFolder: string): Promise<string> {
  let names: string[];
  try {
    names = (await fs.readdir(path.join(backupFolder, MANIFEST_FOLDER))).filter((name) => name.endsWith('.jsonl'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    names = [];
  }
  let newest: ManifestHeader | undefined;
  for (const name of names) {
    for await (const line of readManifest(path.join(backupFolder, MANIFEST_FOLDER, name))) {
      if (line.type === 'header' && (newest === undefined || line.header.startedAt > newest.startedAt)) newest = line.header;
      break;
    }
  }
  if (newest === undefined) throw new CloudError('no-snapshot', `${backupFolder} holds no complete snapshot yet. Back the phone up into it first.`);
  return newest.snapshot;
}

export async function readLocalSnapshot(backupFolder: string, snapshotId: string): Promise<SnapshotManifest> {
  const file = manifestPath(backupFolder, snapshotId);
  try {
    await fs.access(file);
  } catch (cause) {
    throw new CloudError('no-snapshot', `There is no complete snapshot ${snapshotId} in ${backupFolder}. See "vitre snapshots".`, { cause });
  }
  let header: ManifestHeader | undefined;
  let trailer: ManifestTrailer | undefined;
  const entries: NewEntry[] = [];
  for await (const line of readManifest(file)) {
    if (line.type === 'header') header = line.header;
    else if (line.type === 'entry') entries.push(line.entry);
    else trailer = line.trailer;
  }
  if (header === undefined || trailer === undefined) {
    throw new CloudError('no-snapshot', `The manifest of snapshot ${snapshotId} is incomplete; back the phone up again.`);
  }
  return { header, entries, trailer };
}

/** Just the entries of these categories, with counts to match. */
export function selectCategories(manifest: SnapshotManifest, categories: readonly string[] | undefined): SnapshotManifest {
  if (categories === undefined) return manifest;
  const wanted = new Set(categories);
  const entries = manifest.entries.filter((entry) => wanted.has(entry.category));
  const totalBytes = entries.reduce((sum, entry) => sum + entry.size, 0);
  return { header: manifest.header, entries, trailer: { ...manifest.trailer, entryCount: entries.length, totalBytes } };
}

export function manifestText(manifest: SnapshotManifest): string {
  const lines = [JSON.stringify(manifest.header), ...manifest.entries.map((entry) => JSON.stringify(entry)), JSON.stringify(manifest.trailer)];
  return `${lines.join('\n')}\n`;
}

export function parseManifestText(text: string, where: string): SnapshotManifest {
  const damaged = (why: string) => new CloudError('damaged', `The snapshot list ${where} cannot be read (${why}); the destination copy may be damaged.`);
  const lines = text.split('\n').filter((line) => line !== '');
  let records: Record<string, unknown>[];
  try {
    records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  } catch {
    // The manifest decrypted (so it is what Vitre wrote) but is not JSON: say so, not the parser's detail.
    throw damaged('not JSON Lines');
  }
  const header = records[0];
  const trailer = records.at(-1);
  if (header?.format !== 'vitre-manifest' || trailer?.complete !== true || records.length < 2) throw damaged('no header or trailer');
  const entries = records.slice(1, -1) as unknown as NewEntry[];
  if (entries.some((entry) => typeof entry.path !== 'string' || typeof entry.hash !== 'string' || !Number.isSafeInteger(entry.mtime))) {
    throw damaged('an entry lacks its path, hash or date');
  }
  return { header: header as unknown as ManifestHeader, entries, trailer: trailer as unknown as ManifestTrailer };
}
