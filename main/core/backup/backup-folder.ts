// Where things live inside a backup folder (see LAYOUT.md). Every path Vitre writes is built
// here from a content hash, a snapshot id or an encoded phone path — never from raw phone input.
import { join, relative, resolve, sep } from 'node:path';
import { VITRE_FOLDER } from '../catalog/open-catalog.ts';
import { BackupError } from './backup-error.ts';
import { encodeComponent } from './local-names.ts';

export const OBJECTS_FOLDER = 'objects';
export const PHONES_FOLDER = 'phones';
export const LATEST_FOLDER = 'latest';

/** "sha256:<hex>" → "objects/ab/<62 hex>" (relative to the backup folder). */
export function objectRelativePath(hash: string): string {
  const hex = hash.startsWith('sha256:') ? hash.slice('sha256:'.length) : hash;
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new BackupError('outside-backup', `"${hash}" is not a content hash Vitre writes.`);
  return `${OBJECTS_FOLDER}/${hex.slice(0, 2)}/${hex.slice(2)}`;
}

/** Where unfinished downloads are written before they are renamed into the object store. */
export function incomingFolder(backupFolder: string): string {
  return join(backupFolder, VITRE_FOLDER, 'incoming');
}

/** The folder of one phone: phones/<serial, encoded>. */
export function phoneFolder(backupFolder: string, serial: string): string {
  return join(backupFolder, PHONES_FOLDER, encodeComponent(serial === '' ? 'unknown' : serial));
}

export function latestFolder(backupFolder: string, serial: string): string {
  return join(phoneFolder(backupFolder, serial), LATEST_FOLDER);
}

/** Joins and checks that the result stays inside `root` (defence in depth behind the encoding). */
export function insideFolder(root: string, relativePath: string): string {
  const full = resolve(root, relativePath);
  const back = relative(resolve(root), full);
  if (back === '' || back.startsWith(`..${sep}`) || back === '..' || resolve(back) === back) {
    throw new BackupError('outside-backup', `Refusing to write "${relativePath}": it would land outside the backup folder.`);
  }
  return full;
}

/**
 * The stored file of an entry. The catalog and manifests can come from a copied (or tampered)
 * folder, so the path is rebuilt from the hash, never taken as written: no entry can make Vitre
 * read outside the object store.
 */
export function objectFile(backupFolder: string, entry: { hash: string; object: string }): string {
  const expected = objectRelativePath(entry.hash);
  if (entry.object !== expected) {
    throw new BackupError('outside-backup', `The record for this file points at "${entry.object}", not at its place in the object store; it was not used.`);
  }
  return join(backupFolder, expected);
}
