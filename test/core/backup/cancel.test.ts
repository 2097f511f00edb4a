// Cancelling a backup keeps what was finished; the next run resumes without transferring it
// again. Two backups into one folder at once are refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allSnapshots, openBackup, runBackup, verifySnapshot, type BackupEvent } from '../../../main/core/backup/index.ts';
import { startBackupPhone, temporaryFolder, type BackupPhone } from './support/backup-phone.ts';

let phone: BackupPhone;
let folder: ReturnType<typeof temporaryFolder>;

beforeAll(async () => {
  phone = await startBackupPhone({ photos: 40 });
  folder = temporaryFolder('vitre-cancel-');
});

afterAll(async () => {
  await phone?.close();
  folder?.remove();
});

describe('cancel and resume', () => {
  it('stops on AbortSignal with the finished files kept, and the rerun resumes', async () => {
    const controller = new AbortController();
    const first: string[] = [];
    const progress: BackupEvent[] = [];
    const cancelled = await runBackup({
      device: phone.device,
      folder: folder.path,
      categories: ['photos'],
      concurrency: 2,
      signal: controller.signal,
      onEvent: (event) => {
        if (event.type === 'progress') {
          progress.push(event);
          if (event.itemsDone >= 3) controller.abort();
        }
        if (event.type === 'file-stored') first.push(event.path);
      },
    });
    expect(cancelled.state).toBe('cancelled');
    expect(cancelled.message).toMatch(/cancelled/);
    expect(first.length).toBeGreaterThanOrEqual(3);
    expect(progress.some((e) => e.type === 'progress' && e.bytesPerSecond > 0)).toBe(true);
    const { db } = await openBackup(folder.path);
    expect(allSnapshots(db).map((s) => s.state)).toEqual(['abandoned']);
    db.close();

    const again: string[] = [];
    const resumed = await runBackup({ device: phone.device, folder: folder.path, categories: ['photos'], onEvent: (e) => e.type === 'file-stored' && again.push(e.path) });
    expect(resumed.state).toBe('complete');
    expect(again.filter((path) => first.includes(path))).toEqual([]);
    expect(again.length + first.length).toBe(40);
    expect((await verifySnapshot({ folder: folder.path })).ok).toBe(true);
  });

  it('refuses a second backup into a folder another backup is writing', async () => {
    const one = runBackup({ device: phone.device, folder: folder.path, categories: ['photos', 'documents'] });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await expect(runBackup({ device: phone.device, folder: folder.path, categories: ['documents'] })).rejects.toMatchObject({ kind: 'busy' });
    expect((await one).state).toBe('complete');
  });
});
