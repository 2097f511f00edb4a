// A Vitre repository on a destination: what lives where, and opening it with the passphrase.
//
//   key.age              the repository key, sealed with the passphrase (crypto/README.md)
//   objects/<name>       one age file per distinct file content; name = keyed hash of its sha256
//   snapshots/<name>     one age file per uploaded snapshot: its manifest (JSON Lines)
//   catalog.age          age file: the list of uploaded snapshots (id, phone, dates, counts)
//
// Names are keyed hashes, so the destination learns sizes and counts, not contents, file names or
// snapshot ids. A manifest is uploaded only after all its objects, so a snapshot is visible only
// once complete.
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { CryptoError, createRepositoryKey, objectName, REPOSITORY_KEY_FILE_NAME, unlockRepositoryKey, type RepositoryKey } from '../crypto/index.ts';
import type { Destination } from '../destinations/destination.ts';
import { isNotFound } from '../destinations/destination-error.ts';
import { CloudError } from './cloud-error.ts';

export const OBJECTS_PREFIX = 'objects/';
export const SNAPSHOTS_PREFIX = 'snapshots/';
export const CATALOG_NAME = 'catalog.age';

export interface Repository {
  destination: Destination;
  key: RepositoryKey;
}

export interface OpenRepositoryOptions {
  /** Create the key when the destination has none (the first backup there). */
  create?: boolean;
  /** log2 of scrypt's N for a new key file (age's default 18; tests use less). */
  workFactor?: number;
  signal?: AbortSignal;
}

export interface OpenedRepository extends Repository {
  /** True when this call created key.age (and then read it back and opened it again). */
  created: boolean;
}

export function objectPath(key: RepositoryKey, contentHash: string): string {
  return `${OBJECTS_PREFIX}${objectName(key, contentHash)}`;
}

export function snapshotPath(key: RepositoryKey, snapshotId: string): string {
  return `${SNAPSHOTS_PREFIX}${objectName(key, `snapshot:${snapshotId}`)}`;
}

export async function hasRepository(destination: Destination, signal?: AbortSignal): Promise<boolean> {
  try {
    await destination.stat(REPOSITORY_KEY_FILE_NAME, { signal });
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}

/**
 * Opens the repository with the passphrase. An existing key that the passphrase does not open is
 * refused (CryptoError `wrong-passphrase`) before anything is written. A new key is written, read
 * back and opened again (the test-decrypt), so a passphrase that cannot open it is caught now.
 */
export async function openRepository(destination: Destination, passphrase: string, options: OpenRepositoryOptions = {}): Promise<OpenedRepository> {
  const { signal } = options;
  if (await hasRepository(destination, signal)) {
    const key = await unlockRepositoryKey(await download(destination, REPOSITORY_KEY_FILE_NAME, signal), passphrase);
    return { destination, key, created: false };
  }
  if (options.create !== true) {
    throw new CloudError('no-repository', `"${destination.name}" holds no Vitre backup yet (no ${REPOSITORY_KEY_FILE_NAME}). Back up to it first.`);
  }
  const created = await createRepositoryKey(passphrase, options.workFactor === undefined ? {} : { workFactor: options.workFactor });
  await destination.put(REPOSITORY_KEY_FILE_NAME, created.sealedKeyFile, { size: created.sealedKeyFile.byteLength, signal });
  const reopened = await unlockRepositoryKey(await download(destination, REPOSITORY_KEY_FILE_NAME, signal), passphrase).catch((cause: unknown) => {
    throw new CloudError('damaged', `The key file just written to "${destination.name}" does not open again; do not use this destination until it is checked.`, { cause });
  });
  if (reopened.recipientText !== created.recipientText) {
    throw new CloudError('damaged', `The key file read back from "${destination.name}" differs from the one written; another Vitre may be using it at the same time.`);
  }
  return { destination, key: created, created: true };
}

/** True when the error means the passphrase is wrong (for hosts that ask again). */
export function isWrongPassphrase(error: unknown): boolean {
  return error instanceof CryptoError && error.kind === 'wrong-passphrase';
}

export async function download(destination: Destination, name: string, signal?: AbortSignal): Promise<Buffer> {
  return buffer(await destination.get(name, { signal }));
}

export function uploadBytes(destination: Destination, name: string, bytes: Uint8Array, signal?: AbortSignal): Promise<unknown> {
  return destination.put(name, bytes, { size: bytes.byteLength, signal });
}

export function bytesOf(source: AsyncIterable<Uint8Array>): Promise<Buffer> {
  return buffer(Readable.from(source, { objectMode: false }));
}
