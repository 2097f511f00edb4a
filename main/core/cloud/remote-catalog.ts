// The catalog copy on a destination: which snapshots it holds, encrypted like everything else, so
// listing them takes one download and a listing, and reveals nothing to the destination.
// Two computers uploading to one destination at once may each rewrite the catalog from what they
// read before the other wrote, and one snapshot drops out of it. Its manifest is still there (a
// manifest is uploaded before the catalog), so reading the catalog also lists the manifests, and
// any the catalog does not name are read and added; the next upload writes them back in.
import { decryptBytes, encryptBytes } from '../crypto/index.ts';
import { isNotFound } from '../destinations/destination-error.ts';
import { CloudError } from './cloud-error.ts';
import { CATALOG_NAME, download, SNAPSHOTS_PREFIX, snapshotPath, uploadBytes, type Repository } from './repository.ts';
import { parseManifestText } from './snapshot-manifest.ts';

export interface RemoteSnapshot {
  id: string;
  device: { serial: string; model: string; name: string };
  startedAt: number;
  completedAt: number;
  uploadedAt: number;
  entryCount: number;
  totalBytes: number;
  /** The categories uploaded; all of the local snapshot when left out. */
  categories?: string[];
}

interface CatalogFile {
  format: 'vitre-destination-catalog';
  version: 1;
  snapshots: RemoteSnapshot[];
}

/** Every snapshot on the destination, oldest first: the catalog's, and any it lost (see above). */
export async function readRemoteCatalog(repository: Repository, signal?: AbortSignal): Promise<RemoteSnapshot[]> {
  const listed = await readCatalogFile(repository, signal);
  const named = new Set(listed.map((snapshot) => snapshotPath(repository.key, snapshot.id)));
  const lost: RemoteSnapshot[] = [];
  for await (const manifest of repository.destination.list(SNAPSHOTS_PREFIX, { signal })) {
    if (named.has(manifest.name)) continue;
    const found = await snapshotFromManifest(repository, manifest.name, manifest.modified, signal);
    if (found && !listed.some((snapshot) => snapshot.id === found.id)) lost.push(found);
  }
  if (lost.length === 0) return listed;
  return [...listed, ...lost].sort((a, b) => a.startedAt - b.startedAt);
}

/**
 * The catalog line of the snapshot whose manifest is `name`, rebuilt from the manifest; undefined
 * if it cannot be read (a damaged file is reported by verifying the destination, not here).
 */
async function snapshotFromManifest(repository: Repository, name: string, modified: Date | undefined, signal?: AbortSignal): Promise<RemoteSnapshot | undefined> {
  try {
    const sealed = await download(repository.destination, name, signal);
    const text = new TextDecoder().decode(await decryptBytes(sealed, [repository.key.identity]));
    const { header, trailer, entries } = parseManifestText(text, `in ${name} on "${repository.destination.name}"`);
    return {
      id: header.snapshot, device: header.device, startedAt: header.startedAt, completedAt: trailer.completedAt,
      uploadedAt: modified?.getTime() ?? trailer.completedAt, entryCount: trailer.entryCount, totalBytes: trailer.totalBytes,
      categories: [...new Set(entries.map((entry) => entry.category))].sort(),
    };
  } catch (error) {
    if (signal?.aborted) throw error;
    return undefined;
  }
}

async function readCatalogFile(repository: Repository, signal?: AbortSignal): Promise<RemoteSnapshot[]> {
  let sealed: Buffer;
  try {
    sealed = await download(repository.destination, CATALOG_NAME, signal);
  } catch (error) {
    if (isNotFound(error)) return [];
    throw error;
  }
  const text = new TextDecoder().decode(await decryptBytes(sealed, [repository.key.identity]));
  let parsed: Partial<CatalogFile>;
  try {
    parsed = JSON.parse(text) as Partial<CatalogFile>;
  } catch (cause) {
    throw new CloudError('damaged', `The catalog copy on "${repository.destination.name}" is not readable; verify the destination.`, { cause });
  }
  if (parsed.format !== 'vitre-destination-catalog' || !Array.isArray(parsed.snapshots)) {
    throw new CloudError('damaged', `The catalog copy on "${repository.destination.name}" is not a Vitre catalog.`);
  }
  return parsed.snapshots;
}

/** Adds (or replaces) one snapshot in the catalog copy. */
export async function recordRemoteSnapshot(repository: Repository, snapshot: RemoteSnapshot, signal?: AbortSignal): Promise<void> {
  const snapshots = (await readRemoteCatalog(repository, signal)).filter((known) => known.id !== snapshot.id);
  snapshots.push(snapshot);
  snapshots.sort((a, b) => a.startedAt - b.startedAt);
  const file: CatalogFile = { format: 'vitre-destination-catalog', version: 1, snapshots };
  const sealed = await encryptBytes(new TextEncoder().encode(JSON.stringify(file)), [repository.key.recipient]);
  await uploadBytes(repository.destination, CATALOG_NAME, sealed, signal);
}
