// Backs up one category of phone files: plan against what the backup holds, record unchanged
// files at no cost, settle files in doubt with the phone's own hash, pull the rest a few at a
// time. A file that fails is a per-item problem; a phone or disk that fails stops the backup.
import type { Category, PhoneFile } from '../categories/category.ts';
import { printableName } from '../categories/phone-names.ts';
import { shellQuote } from '../categories/content-query.ts';
import type { NewEntry } from '../catalog/entries.ts';
import { ProgressCounter } from './backup-events.ts';
import { categoryContext, isItemError, reportProblem, throwIfCancelled, type BackupRun, type CategoryOutcome } from './backup-run.ts';
import { planCategory, type KnownEntry, type PlannedItem } from './planner.ts';
import { runPool } from './pool.ts';
import { pullIntoStore } from './pull-file.ts';

/** Bytes of files being pulled at once (see pool.ts): many small files, or a few large ones. */
const BYTES_IN_FLIGHT = 32 * 1024 * 1024;

function entryFor(category: string, file: PhoneFile, stored: { hash: string; object: string }): NewEntry {
  return { path: file.path, size: file.size, mtime: file.mtime * 1000, mode: file.mode, hash: stored.hash, category, object: stored.object };
}

/** The phone's sha256 of a file (toybox sha256sum), or undefined if the phone cannot say. */
async function phoneHash(run: BackupRun, path: string): Promise<string | undefined> {
  try {
    const result = await run.device.shell(`sha256sum ${shellQuote(path)}`, run.signal ? { signal: run.signal } : {});
    const match = /^([0-9a-f]{64})\s/.exec(result.stdout);
    return match ? `sha256:${match[1]}` : undefined;
  } catch (error) {
    if (isItemError(error)) return undefined;
    throw error;
  }
}

export async function backUpFiles(run: BackupRun, category: Category): Promise<CategoryOutcome> {
  const name = category.name;
  const listing = (await category.listFiles!(categoryContext(run))).filter((file) => !run.inSnapshot.has(file.path));
  throwIfCancelled(run);
  const previousHere = [...run.previous.values()].filter((entry) => entry.category === name && entry.path.startsWith('/'));
  const plan = planCategory(name, listing, (path) => run.known.get(path), previousHere);
  const unchanged = plan.items.length - plan.transferItems;
  run.emit({ type: 'category-started', category: name, items: plan.items.length, unchanged, toTransfer: plan.transferItems, bytesToTransfer: plan.transferBytes, deleted: plan.deleted.length });
  const counter = new ProgressCounter(name, plan.items.length, plan.transferBytes, run.emit);
  const outcome: CategoryOutcome = { category: name, state: 'ok', items: plan.items.length, filesTransferred: 0, bytesTransferred: 0 };
  const toSettle: PlannedItem[] = [];
  const unchangedEntries: NewEntry[] = [];
  for (const item of plan.items) {
    run.inSnapshot.add(item.file.path);
    if (item.action === 'unchanged') unchangedEntries.push(entryFor(name, item.file, item.previous));
    else toSettle.push(item);
  }
  run.recorder.recordStored(unchangedEntries);
  counter.state.itemsDone += unchangedEntries.length;
  const limits = { maxItems: run.concurrency, maxBytes: BYTES_IN_FLIGHT, sizeOf: (item: PlannedItem) => item.file.size };
  await runPool(toSettle, limits, async (item) => {
    throwIfCancelled(run);
    await settle(run, name, item, counter, outcome);
    counter.itemDone();
  });
  counter.flush();
  return outcome;
}

async function settle(run: BackupRun, category: string, item: PlannedItem, counter: ProgressCounter, outcome: CategoryOutcome): Promise<void> {
  if (item.action === 'check' && (await phoneHash(run, item.file.path)) === item.previous.hash) {
    // Same bytes, new date (the file was touched): record the new date, move nothing.
    await run.recorder.add(entryFor(category, item.file, item.previous as KnownEntry));
    counter.addBytes(item.file.size);
    return;
  }
  let counted = 0;
  try {
    const stored = await pullIntoStore(run.device, run.store, item.file, {
      ...(run.signal ? { signal: run.signal } : {}),
      onBytes: (bytes) => {
        counted += bytes;
        counter.addBytes(bytes);
      },
    });
    outcome.filesTransferred += 1;
    outcome.bytesTransferred += stored.size;
    run.filesTransferred += 1;
    run.bytesTransferred += stored.size;
    await run.recorder.add(entryFor(category, item.file, stored), true);
  } catch (error) {
    if (!isItemError(error)) throw error;
    run.inSnapshot.delete(item.file.path);
    counter.addBytes(Math.max(0, item.file.size - counted));
    reportProblem(run, {
      category,
      path: printableName(item.file.path),
      kind: error.name === 'BackupError' ? 'size-mismatch' : 'read-failed',
      message: error.message,
    });
  }
}
