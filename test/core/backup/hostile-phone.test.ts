// A hostile phone (names with '/', NUL, '..', control characters, Windows-reserved and
// case-colliding names, symlinks pointing out, a file whose size lies) and a failing transport
// (connection dropped, corrupted packet): nothing is written outside the backup folder, each bad
// item ends with a clear per-item error, the rest completes, and earlier snapshots stay intact.
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allSnapshots, decodeComponent, entriesByPath, latestFolder, openBackup, runBackup, verifySnapshot, type BackupReport } from '../../../main/core/backup/index.ts';
import { hostileFileNames, HOSTILE_LINKS, LYING_FILE } from '../../../main/core/demo-phone/content/hostile-names.ts';
import { startBackupPhone, temporaryFolder, type BackupPhone } from './support/backup-phone.ts';

const HOSTILE = 'custom:/sdcard/Hostile';
let phone: BackupPhone;
let parent: ReturnType<typeof temporaryFolder>;
let folder: string;
let report: BackupReport;
let serial: string;

/** Every path under `root` (files, folders, links), relative. */
function walk(root: string): string[] {
  const out: string[] = [];
  const visit = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      out.push(relative(root, full));
      if (lstatSync(full).isDirectory()) visit(full);
    }
  };
  visit(root);
  return out;
}

beforeAll(async () => {
  phone = await startBackupPhone({ faults: { hostileNames: true } });
  parent = temporaryFolder('vitre-hostile-');
  folder = join(parent.path, 'backup');
  serial = (await phone.device.facts()).serial;
  report = await runBackup({ device: phone.device, folder, categories: ['documents', HOSTILE] });
});

afterAll(async () => {
  await phone?.close();
  parent?.remove();
});

describe('a hostile phone', () => {
  it('writes nothing outside the backup folder and creates no symbolic link', () => {
    expect(readdirSync(parent.path)).toEqual(['backup']);
    for (const path of walk(folder)) expect(lstatSync(join(folder, path)).isSymbolicLink(), path).toBe(false);
  });

  it('ends each bad item with a clear per-item error and completes the rest', () => {
    expect(report.state).toBe('complete');
    const byKind = (kind: string) => report.problems.filter((p) => p.kind === kind).map((p) => p.path);
    expect(byKind('impossible-name')).toEqual(expect.arrayContaining([expect.stringMatching(/Hostile\/a\/b$/), expect.stringMatching(/nul\\u0000name$/)]));
    expect(byKind('symlink-skipped').length).toBe(HOSTILE_LINKS.length);
    expect(byKind('size-mismatch')).toEqual([expect.stringMatching(new RegExp(`${LYING_FILE}$`))]);
    for (const problem of report.problems) expect(problem.message.length).toBeGreaterThan(30);
    expect(report.categories.find((c) => c.category === 'documents')).toMatchObject({ state: 'ok', filesTransferred: 4 });
  });

  it('keeps every other hostile name, mapped reversibly in the browsable tree', () => {
    const tree = join(latestFolder(folder, serial), 'Internal storage', 'Hostile');
    const local = readdirSync(tree);
    const possible = hostileFileNames().filter((n) => n !== '..' && !n.includes('/') && !n.includes('\0'));
    expect(local.length).toBe(possible.length);
    expect(new Set(local.map((n) => n.toLowerCase())).size).toBe(local.length); // safe on case-insensitive disks
    for (const name of local) expect(name).not.toMatch(/[<>:"\\|?*\x00-\x1f]|[. ]$/);
    const decoded = local.map(decodeComponent);
    expect([...decoded].sort()).toEqual([...possible].sort());
    expect(decoded).toEqual(expect.arrayContaining(['CON', 'nul.txt', 'file:name?.jpg', 'trailing.', 'line\nbreak.txt', 'Photo.jpg', 'photo.jpg', 'PHOTO.JPG']));
    const photo = phone.phone.files.read('/storage/emulated/0/Hostile/PHOTO.JPG', 0, 10_000);
    expect(readFileSync(join(tree, local.find((n) => decodeComponent(n) === 'PHOTO.JPG')!)).equals(Buffer.from(photo))).toBe(true);
  });

  it('leaves an earlier snapshot intact after a dropped connection, and the rerun resumes', async () => {
    let good = (_folder: string) => '';
    const dropping = await startBackupPhone({ seed: 3, faults: { dropAfterBytes: 40_000_000 } });
    const droppedFolder = join(parent.path, 'dropped');
    const categories = ['documents', 'photos', 'videos'];
    try {
      const first = await runBackup({ device: dropping.device, folder: droppedFolder, categories: ['documents'] });
      expect(first.state).toBe('complete');
      good = () => first.snapshotId;
      await expect(runBackup({ device: dropping.device, folder: droppedFolder, categories })).rejects.toMatchObject({ kind: 'disconnected' });
    } finally {
      await dropping.close();
    }
    expect((await verifySnapshot({ folder: droppedFolder, snapshotId: good(droppedFolder) })).ok).toBe(true);
    expect(readdirSync(join(droppedFolder, '.vitre', 'incoming'))).toEqual([]);
    const { db } = await openBackup(droppedFolder);
    const unfinished = allSnapshots(db).filter((s) => s.state !== 'complete');
    const finishedBefore = new Set(unfinished.flatMap((s) => [...entriesByPath(db, s.id).keys()]));
    db.close();
    expect(finishedBefore.size).toBeGreaterThan(0);
    // The same phone, back with a healthy connection: nothing recorded before the drop moves again.
    const healthy = await startBackupPhone({ seed: 3 });
    try {
      const stored: string[] = [];
      const resumed = await runBackup({ device: healthy.device, folder: droppedFolder, categories, onEvent: (e) => e.type === 'file-stored' && stored.push(e.path) });
      expect(resumed.state).toBe('complete');
      expect(stored.filter((path) => finishedBefore.has(path))).toEqual([]);
      expect(stored.length + finishedBefore.size).toBe(resumed.entries);
      expect((await verifySnapshot({ folder: droppedFolder })).ok).toBe(true);
    } finally {
      await healthy.close();
    }
  });

  it('fails cleanly on a corrupted packet, and a healthy run then completes', async () => {
    const broken = await startBackupPhone({ faults: { corruptPacket: 60 } });
    const brokenFolder = join(parent.path, 'corrupt');
    try {
      await expect(runBackup({ device: broken.device, folder: brokenFolder, categories: ['photos'] })).rejects.toMatchObject({ kind: expect.stringMatching(/protocol|disconnected/) });
    } finally {
      await broken.close();
    }
    const healthy = await startBackupPhone();
    try {
      const rerun = await runBackup({ device: healthy.device, folder: brokenFolder, categories: ['photos'] });
      expect(rerun.state).toBe('complete');
      expect((await verifySnapshot({ folder: brokenFolder })).ok).toBe(true);
    } finally {
      await healthy.close();
    }
  });
});
