// Reading a snapshot back from a destination: which one (the newest in the catalog copy unless
// named) and its decrypted manifest.
import { decryptBytes, type RepositoryKey } from '../crypto/index.ts';
import type { Destination } from '../destinations/destination.ts';
import { isNotFound } from '../destinations/destination-error.ts';
import { CloudError } from './cloud-error.ts';
import { readRemoteCatalog } from './remote-catalog.ts';
import { download, snapshotPath } from './repository.ts';
import { parseManifestText, type SnapshotManifest } from './snapshot-manifest.ts';

export async function chooseRemoteSnapshot(destination: Destination, key: RepositoryKey, snapshotId?: string, signal?: AbortSignal): Promise<string> {
  if (snapshotId !== undefined) return snapshotId;
  const snapshots = await readRemoteCatalog({ destination, key }, signal);
  const newest = snapshots.at(-1);
  if (newest === undefined) throw new CloudError('no-snapshot', `"${destination.name}" holds no uploaded snapshot yet.`);
  return newest.id;
}

export async function readRemoteManifest(destination: Destination, key: RepositoryKey, snapshotId: string, signal?: AbortSignal): Promise<SnapshotManifest> {
  let sealed: Buffer;
  try {
    sealed = await download(destination, snapshotPath(key, snapshotId), signal);
  } catch (error) {
    if (!isNotFound(error)) throw error;
    throw new CloudError('no-snapshot', `"${destination.name}" holds no snapshot ${snapshotId}. See "vitre cloud snapshots --destination ${destination.name}".`, { cause: error });
  }
  const text = new TextDecoder().decode(await decryptBytes(sealed, [key.identity]));
  return parseManifestText(text, `of snapshot ${snapshotId} on "${destination.name}"`);
}
