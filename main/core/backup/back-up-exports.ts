// Backs up a category Vitre writes itself (contacts.vcf, sms.xml, calls.xml, notes.json,
// apps.json): the file is written in the backup folder's incoming area, stored by its hash and
// recorded under its logical name ("Contacts/contacts.vcf"), dated with the backup's time.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Category } from '../categories/category.ts';
import { DeviceError } from '../device/index.ts';
import { BackupError } from './backup-error.ts';
import { ProgressCounter } from './backup-events.ts';
import { categoryContext, type BackupRun, type CategoryOutcome } from './backup-run.ts';
import { makeFolder } from '../files/make-folder.ts';

const FILE_MODE = 0o100644;

export async function backUpExports(run: BackupRun, category: Category): Promise<CategoryOutcome> {
  const folder = join(run.exportFolder, category.name);
  await makeFolder(folder);
  const outcome: CategoryOutcome = { category: category.name, state: 'ok', items: 0, filesTransferred: 0, bytesTransferred: 0 };
  // Items count up as the export reads them; the total is known only when it is done.
  run.exportProgress = new ProgressCounter(category.name, 0, 0, run.emit);
  try {
    const result = await category.exportTo!(categoryContext(run), folder, run.backupDate);
    if (run.exportProgress.state.itemsDone > 0) run.exportProgress.flush();
    if (result.state !== 'ok') return { ...outcome, state: result.state, ...(result.message ? { message: result.message } : {}) };
    for (const file of result.files) {
      const stored = await run.store.storeFile(file.file);
      outcome.items += file.items;
      outcome.filesTransferred += 1;
      outcome.bytesTransferred += stored.size;
      run.filesTransferred += 1;
      run.bytesTransferred += stored.size;
      run.inSnapshot.add(file.name);
      await run.recorder.add(
        { path: file.name, size: stored.size, mtime: run.backupDate, mode: FILE_MODE, hash: stored.hash, category: category.name, object: stored.object },
        true,
      );
    }
    return outcome;
  } catch (error) {
    // The phone or the disk failing stops the whole backup; anything else (output the phone
    // garbled, a provider crashing) fails this category only.
    if (error instanceof DeviceError || error instanceof BackupError || (error as NodeJS.ErrnoException).code !== undefined) throw error;
    return { ...outcome, state: 'failed', message: `${category.name}: ${(error as Error).message}` };
  } finally {
    run.exportProgress = undefined;
    await rm(folder, { recursive: true, force: true });
  }
}
