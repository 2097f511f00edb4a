// Verify re-hashes every stored object of a snapshot (on several threads, past the page cache):
// an intact backup passes with every object counted once; a stored copy changed on disk is
// named as damaged for every path that shares it, a deleted one as missing, and nothing else.
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entriesByPath, openBackup, runBackup, verifySnapshot, type BackupReport, type KnownEntry } from '../../../main/core/backup/index.ts';
import { startBackupPhone, temporaryFolder, type BackupPhone } from './support/backup-phone.ts';

const SD = '/storage/emulated/0';
const COPY = `${SD}/Documents/same-photo-again.jpg`;
let phone: BackupPhone;
let folder: ReturnType<typeof temporaryFolder>;
let backup: BackupReport;
let entries: Map<string, KnownEntry>;
let photo: string;

beforeAll(async () => {
  folder = temporaryFolder('vitre-verify-');
  phone = await startBackupPhone({ seed: 11, photos: 8, videos: 1 });
  const files = phone.phone.files;
  photo = `${SD}/DCIM/Camera/${files.list(`${SD}/DCIM/Camera`).find((entry) => entry.name.endsWith('.jpg'))!.name}`;
  // The same bytes at a second path: one stored object, two entries.
  const { size, mtime } = files.stat(photo);
  const writer = files.create(COPY, 0o100660);
  writer.write(files.read(photo, 0, size));
  writer.finish(mtime);
  backup = await runBackup({ device: phone.device, folder: folder.path, categories: ['photos', 'videos', 'documents', 'contacts'] });
  const { db } = await openBackup(folder.path);
  entries = entriesByPath(db, backup.snapshotId);
  db.close();
}, 60_000);

afterAll(async () => {
  await phone?.close();
  folder?.remove();
});

describe('verify', () => {
  it('passes an intact backup, hashing each stored object once, and reports progress to the end', async () => {
    const progress: [number, number][] = [];
    const report = await verifySnapshot({ folder: folder.path, onProgress: (done, total) => progress.push([done, total]) });
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    const objects = new Map([...entries.values()].map((entry) => [entry.object, entry.size]));
    expect(entries.get(photo)!.object).toBe(entries.get(COPY)!.object);
    expect(report.objectsChecked).toBe(objects.size);
    expect(report.bytesChecked).toBe([...objects.values()].reduce((sum, size) => sum + size, 0));
    expect(progress.at(-1)).toEqual([entries.size, entries.size]);
    expect(progress.map(([done]) => done)).toEqual([...progress.map(([done]) => done)].sort((a, b) => a - b));
  });

  it('names a stored copy changed on disk (for both paths that share it) and a deleted one, and nothing else', async () => {
    const damaged = join(folder.path, entries.get(photo)!.object);
    const bytes = readFileSync(damaged);
    bytes[bytes.length - 10]! ^= 0x01; // one bit, near the end of a file of several MiB
    chmodSync(damaged, 0o644);
    writeFileSync(damaged, bytes);
    const video = [...entries.values()].find((entry) => entry.category === 'videos')!;
    rmSync(join(folder.path, video.object));

    const report = await verifySnapshot({ folder: folder.path });
    expect(report.ok).toBe(false);
    const named = report.problems.map(({ path, kind }) => `${kind} ${path}`).sort();
    expect(named).toEqual([`damaged ${COPY}`, `damaged ${photo}`, `missing ${video.path}`].sort());
    expect(report.problems.find((problem) => problem.kind === 'missing')!.message).toMatch(/missing from the backup folder/);
  });
});
