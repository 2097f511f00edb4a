// A backup folder on a disk that fills up mid-backup — real, small filesystems: tmpfs, and ext4
// in a file mounted through a loop device (files are written past the page cache on both): the
// run fails as "the disk is full" with what to do, gives back the space its unfinished download
// took, leaves the earlier snapshot whole, and once there is room the next run completes.
// Mounting needs root, as the test setup has (CI runs as root).
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackupError } from '../../../main/core/backup/backup-error.ts';
import { incomingFolder } from '../../../main/core/backup/backup-folder.ts';
import { runBackup, verifySnapshot, type BackupReport } from '../../../main/core/backup/index.ts';
import { startBackupPhone, type BackupPhone } from './support/backup-phone.ts';

const SD = '/storage/emulated/0';
const BIG = `${SD}/Documents/scan-archive.bin`;
const MB = 1024 * 1024;

/** Mounts a 64 MiB filesystem of `kind` at a new folder; returns it and how to take it away. */
function mountSmallDisk(kind: 'tmpfs' | 'ext4'): { folder: string; remove(): void } {
  const root = mkdtempSync(join(tmpdir(), `vitre-full-${kind}-`));
  const folder = join(root, 'disk');
  execFileSync('mkdir', [folder]);
  if (kind === 'tmpfs') {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64m,mode=0700', 'vitre-full-disk', folder]);
  } else {
    const image = join(root, 'disk.img');
    execFileSync('truncate', ['-s', '64M', image]);
    execFileSync('mkfs.ext4', ['-q', '-F', image]);
    execFileSync('mount', ['-o', 'loop', image, folder]);
  }
  return {
    folder,
    remove() {
      try {
        execFileSync('umount', [folder]);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
  };
}

describe.each(['tmpfs', 'ext4'] as const)('a backup folder whose disk fills up (%s)', (kind) => {
  let disk: ReturnType<typeof mountSmallDisk>;
  let phone: BackupPhone;
  let first: BackupReport;
  let bigBytes: Buffer;
  const filler = () => join(disk.folder, 'someone-elses-file');
  const usedBytes = () => {
    const stats = statfsSync(disk.folder);
    return (stats.blocks - stats.bfree) * stats.bsize;
  };

  beforeAll(async () => {
    if (process.getuid?.() !== 0) throw new Error('this test mounts small filesystems: run it as root (CI does)');
    disk = mountSmallDisk(kind);
    phone = await startBackupPhone({ seed: 5, photos: 0, videos: 0 });
    first = await runBackup({ device: phone.device, folder: disk.folder, categories: ['documents'] });
    // Someone else's file leaves ~16 MB free: the 40 MB file below runs out of room mid-way.
    const free = statfsSync(disk.folder).bavail * statfsSync(disk.folder).bsize;
    writeFileSync(filler(), Buffer.alloc(free - 16 * MB));
    bigBytes = randomBytes(40 * MB);
    const writer = phone.phone.files.create(BIG, 0o100660);
    writer.write(bigBytes);
    writer.finish(1_700_000_000);
  }, 60_000);

  afterAll(async () => {
    await phone?.close();
    disk?.remove();
  });

  it('fails the run as a full disk, saying what to do, and gives back the space it took', async () => {
    expect(first.state).toBe('complete');
    const before = usedBytes();
    const failure = await runBackup({ device: phone.device, folder: disk.folder, categories: ['documents'] }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(BackupError);
    expect(failure).toMatchObject({ kind: 'write-failed', message: expect.stringMatching(/the disk is full\. Free some space/) });
    expect(readdirSync(incomingFolder(disk.folder)).filter((name) => name.endsWith('.partial') && !name.includes('exports'))).toEqual([]);
    // The catalog may have grown by a few pages; the download is gone.
    expect(usedBytes() - before).toBeLessThan(2 * MB);
  }, 60_000);

  it('leaves the earlier snapshot whole', async () => {
    const report = await verifySnapshot({ folder: disk.folder, snapshotId: first.snapshotId });
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.entries).toBe(first.entries);
  });

  it('completes once there is room, with the big file byte for byte', async () => {
    rmSync(filler());
    const report = await runBackup({ device: phone.device, folder: disk.folder, categories: ['documents'] });
    expect(report.state).toBe('complete');
    expect(report.entries).toBe(first.entries + 1);
    const verified = await verifySnapshot({ folder: disk.folder });
    expect(verified.ok).toBe(true);
    const tree = readdirSync(disk.folder, { recursive: true, withFileTypes: true }).find((entry) => entry.name === 'scan-archive.bin');
    expect(tree).toBeDefined();
    expect(readFileSync(join(tree!.parentPath, tree!.name)).equals(bigBytes)).toBe(true);
  }, 60_000);
});
