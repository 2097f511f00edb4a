// Change, add and delete files and messages on the phone, back up again: only the changes move;
// the older snapshot still restores the old state exactly, the new one the new state; a dry run
// lists exactly what a restore then changes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entriesByPath, openBackup, restoreSnapshot, runBackup, verifySnapshot, type BackupEvent, type BackupReport, type KnownEntry } from '../../../main/core/backup/index.ts';
import type { SimulatedPhone } from '../../../main/core/demo-phone/phone.ts';
import { startBackupPhone, temporaryFolder, type BackupPhone } from './support/backup-phone.ts';

const SD = '/storage/emulated/0';
const CHANGED = `${SD}/Documents/shopping list.txt`;
const TOUCHED = `${SD}/Documents/Notes/ideas.md`;
const DELETED = `${SD}/Download/readme.txt`;
const ADDED = `${SD}/DCIM/Camera/IMG_20991231_235959.jpg`;
const CATEGORIES = ['photos', 'documents', 'downloads', 'messages', 'calls'];

let before: BackupPhone;
let after: BackupPhone;
let folder: ReturnType<typeof temporaryFolder>;
let first: BackupReport;
let second: BackupReport;
const secondEvents: BackupEvent[] = [];
let firstEntries: Map<string, KnownEntry>;

function write(phone: SimulatedPhone, path: string, bytes: Uint8Array, mtime: number): void {
  const writer = phone.files.create(path, 0o100660);
  writer.write(bytes);
  writer.finish(mtime);
}

function readAll(phone: SimulatedPhone, path: string): Buffer {
  return Buffer.from(phone.files.read(path, 0, phone.files.stat(path).size));
}

beforeAll(async () => {
  folder = temporaryFolder('vitre-incremental-');
  before = await startBackupPhone({ seed: 7 });
  first = await runBackup({ device: before.device, folder: folder.path, categories: CATEGORIES });
  await before.close();
  // The same phone a day later: five more messages, and files changed, touched, added, deleted.
  after = await startBackupPhone({ seed: 7, messages: 65 });
  const files = after.phone.files;
  write(after.phone, CHANGED, Buffer.from('milk, eggs, bread, and now coffee\n'), files.stat(CHANGED).mtime + 60);
  write(after.phone, TOUCHED, readAll(after.phone, TOUCHED), files.stat(TOUCHED).mtime + 3600);
  write(after.phone, ADDED, readAll(after.phone, `${SD}/DCIM/Camera/${files.list(`${SD}/DCIM/Camera`)[0]!.name}`).subarray(0, 5000), 4_102_444_799);
  await after.device.shell(`rm '${DELETED}'`);
  second = await runBackup({ device: after.device, folder: folder.path, categories: CATEGORIES, onEvent: (e) => secondEvents.push(e) });
  const { db } = await openBackup(folder.path);
  firstEntries = entriesByPath(db, first.snapshotId);
  db.close();
});

afterAll(async () => {
  await after?.close();
  folder?.remove();
});

describe('an incremental backup', () => {
  it('moves only what changed: the changed and added files and the exports', () => {
    expect(second.state).toBe('complete');
    const stored = secondEvents.filter((e) => e.type === 'file-stored').map((e) => (e as { path: string }).path);
    expect(stored.sort()).toEqual([ADDED, CHANGED, 'Calls/calls.xml', 'Messages/sms.xml'].sort());
    const documents = secondEvents.find((e) => e.type === 'category-started' && e.category === 'downloads');
    expect(documents).toMatchObject({ deleted: 1 });
  });

  it('records the touched file with its new date, without transferring it', async () => {
    const { db } = await openBackup(folder.path);
    const entry = entriesByPath(db, second.snapshotId).get(TOUCHED)!;
    db.close();
    expect(entry.hash).toBe(firstEntries.get(TOUCHED)!.hash);
    expect(entry.mtime / 1000).toBe(after.phone.files.stat(TOUCHED).mtime);
  });

  it('keeps both snapshots verifiable, with the new messages only in the new one', async () => {
    for (const snapshot of [first, second]) expect((await verifySnapshot({ folder: folder.path, snapshotId: snapshot.snapshotId })).ok).toBe(true);
    const { db } = await openBackup(folder.path);
    const count = (id: string) => {
      const xml = readFileSync(join(folder.path, entriesByPath(db, id).get('Messages/sms.xml')!.object), 'utf8');
      return Number(/count="(\d+)"/.exec(xml)![1]);
    };
    expect(count(second.snapshotId) - count(first.snapshotId)).toBe(5);
    db.close();
  });

  it('restores the older snapshot exactly, changing just what the dry run listed', async () => {
    const dry = await restoreSnapshot({ folder: folder.path, snapshotId: first.snapshotId, device: after.device, dryRun: true });
    const listed = dry.actions.filter((a) => a.action !== 'unchanged').map((a) => a.target);
    expect(listed).toEqual(expect.arrayContaining([CHANGED, TOUCHED, DELETED]));
    const statOf = (path: string) => {
      try {
        const s = after.phone.files.stat(path);
        return `${s.size}:${s.mtime}`;
      } catch {
        return 'missing'; // not on the phone (yet)
      }
    };
    const targets = dry.actions.map((a) => a.target);
    const was = new Map(targets.map((t) => [t, statOf(t)]));
    const done = await restoreSnapshot({ folder: folder.path, snapshotId: first.snapshotId, device: after.device });
    expect(done.problems).toEqual([]);
    const changed = targets.filter((t) => statOf(t) !== was.get(t));
    expect(changed.sort()).toEqual(listed.sort());
    for (const [path, entry] of firstEntries) {
      if (!path.startsWith('/')) continue;
      expect(readAll(after.phone, path).equals(readFileSync(join(folder.path, entry.object))), path).toBe(true);
      expect(after.phone.files.stat(path).mtime, path).toBe(entry.mtime / 1000);
    }
    const again = await restoreSnapshot({ folder: folder.path, snapshotId: first.snapshotId, device: after.device, dryRun: true });
    expect(again.actions.filter((a) => a.action !== 'unchanged')).toEqual([]);
    expect(done.steps.join('\n')).toMatch(/SMS Backup & Restore/);
  });

  it('restores a selection of the newer snapshot', async () => {
    const done = await restoreSnapshot({ folder: folder.path, snapshotId: second.snapshotId, device: after.device, only: ['/sdcard/Documents'] });
    expect(done.actions.filter((a) => a.action !== 'unchanged').map((a) => a.target).sort()).toEqual([CHANGED, TOUCHED].sort());
    expect(readAll(after.phone, CHANGED).toString()).toBe('milk, eggs, bread, and now coffee\n');
    expect(after.phone.files.stat(TOUCHED).mtime).toBe(firstEntries.get(TOUCHED)!.mtime / 1000 + 3600);
  });
});
