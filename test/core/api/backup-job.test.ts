// What the Backup screen is told while a backup runs, from the engine's events (BackupJob).
import { describe, expect, it } from 'vitest';
import { BackupJob } from '../../../main/core/api/backup-job.ts';

const progress = (category: string, itemsDone: number, itemsTotal: number) =>
  ({ type: 'progress', category, itemsDone, itemsTotal, bytesDone: 0, bytesTotal: 0, bytesPerSecond: 0, etaSeconds: null }) as const;

describe('a backup job', () => {
  it("shows an export's items as they are read, and adds them to the whole only once their total is known", () => {
    const job = new BackupJob('job-1', '/backups', ['photos', 'messages']);
    job.apply({ type: 'category-started', category: 'photos', items: 10, unchanged: 0, toTransfer: 10, bytesToTransfer: 0, deleted: 0 });
    job.apply(progress('photos', 4, 10));
    job.apply(progress('messages', 300, 0));
    let shown = job.progress();
    expect(shown.categories.find((c) => c.category === 'messages')).toMatchObject({ phase: 'running', itemsDone: 300, itemsTotal: 0 });
    expect(shown.overall).toMatchObject({ itemsDone: 4, itemsTotal: 10 });
    job.apply({ type: 'category-finished', category: 'messages', state: 'ok', items: 300, filesTransferred: 1, bytesTransferred: 1000 });
    shown = job.progress();
    expect(shown.overall).toMatchObject({ itemsDone: 304, itemsTotal: 310 });
  });
});
