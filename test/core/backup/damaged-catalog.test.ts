// A backup folder whose catalog is damaged (a disk error, a copy cut short) still opens: the
// damaged database is kept beside under another name, never deleted, and the catalog is rebuilt
// from the snapshot manifests, so snapshots, verify and the next backup carry on as before.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allSnapshots, openBackup, runBackup, verifySnapshot } from '../../../main/core/backup/index.ts';
import { MANIFEST_FOLDER } from '../../../main/core/catalog/manifest.ts';
import { catalogPath } from '../../../main/core/catalog/open-catalog.ts';
import { startBackupPhone, temporaryFolder, type BackupPhone } from './support/backup-phone.ts';

let phone: BackupPhone;
let scratch: ReturnType<typeof temporaryFolder>;

beforeAll(async () => {
  phone = await startBackupPhone({ photos: 8 });
  scratch = temporaryFolder('vitre-damaged-catalog-');
});

afterAll(async () => {
  await phone?.close();
  scratch?.remove();
});

async function backedUp(name: string): Promise<{ folder: string; snapshots: string[] }> {
  const folder = join(scratch.path, name);
  const report = await runBackup({ device: phone.device, folder, categories: ['photos', 'contacts'] });
  expect(report.state).toBe('complete');
  const { db } = await openBackup(folder);
  const snapshots = allSnapshots(db).map((snapshot) => snapshot.id);
  db.close();
  return { folder, snapshots };
}

const damages = [
  ['cut short', (file: string) => truncateSync(file, 5_000)],
  ['overwritten with other bytes', (file: string) => writeFileSync(file, Buffer.alloc(64 * 1024, 0x5a))],
] as const;

describe.each(damages)('a catalog %s', (label, damage) => {
  it('is kept aside and rebuilt from the manifests; verify passes and the next backup copies nothing again', async () => {
    const { folder, snapshots } = await backedUp(label.replace(/ /g, '-'));
    damage(catalogPath(folder));
    const damagedBytes = readFileSync(catalogPath(folder));

    const opened = await openBackup(folder);
    expect(opened.rebuilt).toBe(true);
    expect(opened.damagedCatalog).toMatch(/catalog\.sqlite\.damaged-/);
    expect(readFileSync(opened.damagedCatalog!).equals(damagedBytes)).toBe(true);
    expect(allSnapshots(opened.db).map((snapshot) => snapshot.id)).toEqual(snapshots);
    opened.db.close();

    expect((await verifySnapshot({ folder })).ok).toBe(true);
    // Photos known from the rebuilt catalog are not pulled again (contacts are read afresh every time).
    const again = await runBackup({ device: phone.device, folder, categories: ['photos'] });
    expect(again).toMatchObject({ state: 'complete', bytesTransferred: 0 });
  });
});

describe('a damaged catalog while another backup writes to the folder', () => {
  it('is left where it is, and reading says to try again once that backup has finished', async () => {
    const { folder } = await backedUp('busy');
    truncateSync(catalogPath(folder), 5_000);
    const writer = spawn('sleep', ['30']); // a live process holding the folder's backup lock
    try {
      writeFileSync(join(folder, '.vitre', 'backup.lock'), `${writer.pid}\n`);
      await expect(openBackup(folder)).rejects.toMatchObject({ kind: 'busy', message: expect.stringMatching(new RegExp(`reads as damaged while another Vitre backup \\(process ${writer.pid}\\) is writing to it`)) });
      expect(readdirSync(join(folder, '.vitre')).filter((name) => name.includes('damaged'))).toEqual([]);
    } finally {
      writer.kill();
    }
  });
});

describe('a damaged catalog with no complete snapshot to rebuild from', () => {
  it('is kept aside; reading says so, and a backup starts a new catalog', async () => {
    const { folder } = await backedUp('no-manifests');
    rmSync(join(folder, MANIFEST_FOLDER), { recursive: true });
    truncateSync(catalogPath(folder), 5_000);

    await expect(openBackup(folder)).rejects.toMatchObject({ kind: 'not-a-backup', message: expect.stringMatching(/catalog of .* is damaged \(kept as .*\) and the folder has no snapshot manifests/) });
    const kept = readdirSync(join(folder, '.vitre')).filter((name) => name.startsWith('catalog.sqlite.damaged-'));
    expect(kept.length).toBe(1);
    expect(existsSync(catalogPath(folder))).toBe(false);

    const fresh = await runBackup({ device: phone.device, folder, categories: ['contacts'] });
    expect(fresh.state).toBe('complete');
  });
});
