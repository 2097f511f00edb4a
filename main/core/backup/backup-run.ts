// The state one backup run shares between its categories.
import type { Category, CategoryContext, ItemProblem } from '../categories/category.ts';
import type { CatalogDb } from '../catalog/open-catalog.ts';
import { isDeviceError, type Device } from '../device/index.ts';
import { BackupError } from './backup-error.ts';
import type { BackupEvent, ProgressCounter } from './backup-events.ts';
import type { EntryRecorder } from './entry-recorder.ts';
import type { ObjectStore } from './object-store.ts';
import type { KnownEntry } from './planner.ts';

export interface BackupRun {
  device: Device;
  db: CatalogDb;
  store: ObjectStore;
  recorder: EntryRecorder;
  snapshotId: string;
  signal?: AbortSignal;
  concurrency: number;
  emit: (event: BackupEvent) => void;
  /** What the backup already holds, by path: an interrupted run's entries over the last complete snapshot's. */
  known: Map<string, KnownEntry>;
  /** The last complete snapshot's entries, by path (to report deletions). */
  previous: Map<string, KnownEntry>;
  /** Paths already in this snapshot (a file two categories both cover is stored once). */
  inSnapshot: Set<string>;
  problems: ItemProblem[];
  filesTransferred: number;
  bytesTransferred: number;
  backupDate: number;
  /** Where exports are written before they are stored. */
  exportFolder: string;
  /** The progress of the export running now, if one is (back-up-exports.ts). */
  exportProgress?: ProgressCounter | undefined;
}

export interface CategoryOutcome {
  category: string;
  state: 'ok' | 'not-available' | 'not-allowed' | 'failed';
  items: number;
  filesTransferred: number;
  bytesTransferred: number;
  message?: string;
}

const contexts = new WeakMap<BackupRun, CategoryContext>();

/** One context for the whole run (see CategoryContext). */
export function categoryContext(run: BackupRun): CategoryContext {
  let context = contexts.get(run);
  if (!context) {
    context = {
      device: run.device,
      ...(run.signal ? { signal: run.signal } : {}),
      onProblem: (problem) => reportProblem(run, problem),
      onItem: () => run.exportProgress?.itemDone(),
    };
    contexts.set(run, context);
  }
  return context;
}

export function reportProblem(run: BackupRun, problem: ItemProblem): void {
  run.problems.push(problem);
  run.emit({ type: 'problem', ...problem });
}

/** Errors about one item (the rest of the backup goes on), as opposed to the phone or disk failing. */
export function isItemError(error: unknown): error is Error {
  if (isDeviceError(error, 'not-found') || isDeviceError(error, 'refused')) return true;
  return error instanceof BackupError && error.kind === 'size-mismatch';
}

export function throwIfCancelled(run: BackupRun): void {
  if (run.signal?.aborted) throw new BackupError('cancelled', 'The backup was cancelled. Run it again to continue where it stopped.');
}

export type { Category };
