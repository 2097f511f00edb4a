// A backup folder on a disk that fills up mid-backup (a real, small tmpfs: files are written past
// the page cache there too): the run fails as "the disk is full" with what to do, gives back the
// space its unfinished download took, leaves the earlier snapshot whole, and once there is room
// the next run completes. Mounting needs root, as the test setup has (CI runs as root).
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackupError } from '../../../main/core/backup/backup-error.ts';
import { incomingFolder } from '../../../main/core/backup/backup-folder.ts';
import { runBackup, verifySnapshot, type BackupReport } from '../../../main/core/backup/index.ts';
import { startBackupPhone, type BackupPhone } from './support/backup-phone.ts';

const SD = '/storage/emulated/0';
const BIG = `${SD}/Documents/scan-archive.bin`;
const mountPoint = mkdtempSync(join(tmpdir(), 'vitre-full-disk-'));
let phone: BackupPhone;
let first: BackupReport;
let bigBytes: Buffer;

function usedBytes(): number {
  const stats = statfsSync(mountPoint);
  return (stats.blocks - stats.bfree) * stats.bsize;
}

beforeAll(async () => {
  if (process.getuid?.() !== 0) throw new Error('this test mounts a small tmpfs: run it as root (CI does)');
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=24m,mode=0700', 'vitre-full-disk', mountPoint]);
  phone = await startBackupPhone({ seed: 5, photos: 0, videos: 0 });
  first = await runBackup({ device: phone.device, folder: mountPoint, categories: ['documents'] });
  // More than the disk has left: the backup runs out of room in the middle of this file.
  bigBytes = randomBytes(40 * 1024 * 1024);
  const writer = phone.phone.files.create(BIG, 0o100660);
  writer.write(bigBytes);
  writer.finish(1_700_000_000);
}, 60_000);

afterAll(async () => {
  await phone?.close();
  try {
    execFileSync('umount', [mountPoint]);
  } finally {
    rmSync(mountPoint, { recursive: true, force: true });
  }
});

describe('a backup folder whose disk fills up', () => {
  it('fails the run as a full disk, saying what to do, and gives back the space it took', async () => {
    expect(first.state).toBe('complete');
    const before = usedBytes();
    const failure = await runBackup({ device: phone.device, folder: mountPoint, categories: ['documents'] }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(BackupError);
    expect(failure).toMatchObject({ kind: 'write-failed', message: expect.stringMatching(/the disk is full\. Free some space/) });
    expect(readdirSync(incomingFolder(mountPoint)).filter((name) => name.endsWith('.partial') && !name.includes('exports'))).toEqual([]);
    // The catalog may have grown by a few pages; the 40 MB download is gone.
    expect(usedBytes() - before).toBeLessThan(2 * 1024 * 1024);
  }, 60_000);

  it('leaves the earlier snapshot whole', async () => {
    const report = await verifySnapshot({ folder: mountPoint, snapshotId: first.snapshotId });
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.entries).toBe(first.entries);
  });

  it('completes once there is room, with the big file byte for byte', async () => {
    execFileSync('mount', ['-o', 'remount,size=128m', mountPoint]);
    const report = await runBackup({ device: phone.device, folder: mountPoint, categories: ['documents'] });
    expect(report.state).toBe('complete');
    expect(report.entries).toBe(first.entries + 1);
    const verified = await verifySnapshot({ folder: mountPoint });
    expect(verified.ok).toBe(true);
    const tree = readdirSync(mountPoint, { recursive: true, withFileTypes: true }).find((entry) => entry.name === 'scan-archive.bin');
    expect(tree).toBeDefined();
    expect(readFileSync(join(tree!.parentPath, tree!.name)).equals(bigBytes)).toBe(true);
  }, 60_000);
});
