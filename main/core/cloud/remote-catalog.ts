// The catalog copy on a destination: which snapshots it holds, encrypted like everything else, so
// listing them takes one download and reveals nothing to the destination.
import { decryptBytes, encryptBytes } from '../crypto/index.ts';
import { isNotFound } from '../destinations/destination-error.ts';
import { CloudError } from './cloud-error.ts';
import { CATALOG_NAME, download, uploadBytes, type Repository } from './repository.ts';

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

export async function readRemoteCatalog(repository: Repository, signal?: AbortSignal): Promise<RemoteSnapshot[]> {
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
