// Two computers backing up to one destination (a folder destination: a real filesystem, as a
// shared drive would be). Each rewrites the catalog copy from what it read, so uploads at the same
// moment can drop one snapshot from it; the snapshot's manifest is still there, and the catalog
// as read lists it again, and the next upload writes it back.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptBytes, type RepositoryKey } from '../../../main/core/crypto/index.ts';
import { openCloudDestination, openRepository, readRemoteCatalog, uploadSnapshot, type CloudDestination, type StoredDestination } from '../../../main/core/cloud/index.ts';
import { temporaryFolder } from '../backup/support/backup-phone.ts';
import { writeBackupFolder } from './support/backup-folder.ts';

const CONSENT = { by: 'test', at: '', shown: '' };
const PASSPHRASE = 'two computers, one drive 51c0';
let work: ReturnType<typeof temporaryFolder>;

beforeAll(() => {
  work = temporaryFolder('vitre-two-computers-');
});
afterAll(() => work?.remove());

/** A computer: its own backup folder with one snapshot, and the shared destination opened from it. */
async function computer(name: string, drive: string, snapshots: string[]): Promise<{ destination: CloudDestination; key: RepositoryKey; folder: string }> {
  const folder = path.join(work.path, name);
  for (const [index, snapshot] of snapshots.entries()) {
    writeBackupFolder(folder, [{ path: `/storage/emulated/0/DCIM/${name}-${index}.jpg`, size: 50_000 + index, category: 'photos' }, { path: `/storage/emulated/0/Documents/${name}.pdf`, size: 9_000, category: 'documents' }], snapshot);
  }
  const settings: StoredDestination = { kind: 'folder', name: 'Shared drive', path: drive, addedAt: '', consent: CONSENT };
  const destination = openCloudDestination(settings, undefined);
  const { key } = await openRepository(destination.storage, PASSPHRASE, { create: true, workFactor: 10 });
  return { destination, key, folder };
}

async function catalogFileIds(drive: string, key: RepositoryKey): Promise<string[]> {
  const text = new TextDecoder().decode(await decryptBytes(fs.readFileSync(path.join(drive, 'catalog.age')), [key.identity]));
  return (JSON.parse(text) as { snapshots: { id: string }[] }).snapshots.map((snapshot) => snapshot.id).sort();
}

describe('two computers backing up to one destination', () => {
  it('lists a snapshot the catalog copy lost to the other computer’s write, and the next upload writes it back', async () => {
    const drive = path.join(work.path, 'drive');
    fs.mkdirSync(drive);
    const laptop = await computer('laptop', drive, ['laptop-1']);
    const desktop = await computer('desktop', drive, ['desktop-1']);
    try {
      await uploadSnapshot({ backupFolder: laptop.folder, snapshotId: 'laptop-1', destination: laptop.destination, key: laptop.key });
      // The laptop read the catalog before the desktop recorded its snapshot, and wrote last.
      const laptopsView = fs.readFileSync(path.join(drive, 'catalog.age'));
      await uploadSnapshot({ backupFolder: desktop.folder, snapshotId: 'desktop-1', destination: desktop.destination, key: desktop.key });
      fs.writeFileSync(path.join(drive, 'catalog.age'), laptopsView);
      expect(await catalogFileIds(drive, laptop.key)).toEqual(['laptop-1']);

      const listed = await readRemoteCatalog({ destination: laptop.destination.storage, key: laptop.key });
      expect(listed.map((snapshot) => snapshot.id).sort()).toEqual(['desktop-1', 'laptop-1']);
      expect(listed.find((snapshot) => snapshot.id === 'desktop-1')).toMatchObject({ entryCount: 2, totalBytes: 59_000, categories: ['documents', 'photos'], device: { model: 'Pixel' } });

      writeBackupFolder(laptop.folder, [{ path: '/storage/emulated/0/DCIM/laptop-new.jpg', size: 70_000, category: 'photos' }], 'laptop-2');
      await uploadSnapshot({ backupFolder: laptop.folder, snapshotId: 'laptop-2', destination: laptop.destination, key: laptop.key });
      expect(await catalogFileIds(drive, laptop.key)).toEqual(['desktop-1', 'laptop-1', 'laptop-2']);
    } finally {
      await laptop.destination.close();
      await desktop.destination.close();
    }
  }, 60_000);

  it('keeps both snapshots when both upload at the same moment', async () => {
    const drive = path.join(work.path, 'drive-at-once');
    fs.mkdirSync(drive);
    const first = await computer('first', drive, ['first-1']);
    const second = await computer('second', drive, ['second-1']);
    try {
      await Promise.all([
        uploadSnapshot({ backupFolder: first.folder, snapshotId: 'first-1', destination: first.destination, key: first.key }),
        uploadSnapshot({ backupFolder: second.folder, snapshotId: 'second-1', destination: second.destination, key: second.key }),
      ]);
      const listed = await readRemoteCatalog({ destination: first.destination.storage, key: first.key });
      expect(listed.map((snapshot) => snapshot.id).sort()).toEqual(['first-1', 'second-1']);
    } finally {
      await first.destination.close();
      await second.destination.close();
    }
  }, 60_000);
});
