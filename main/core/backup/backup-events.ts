// What a running backup reports. Hosts render these: a progress bar on a terminal, one JSON line
// each with --json, the app's backup screen. The engine never formats text for a screen.
import type { CategoryState, ItemProblem } from '../categories/category.ts';

export interface CategoryProgress {
  category: string;
  /** Items settled (stored, found unchanged, or failed) out of all the category holds. */
  itemsDone: number;
  itemsTotal: number;
  /** Bytes transferred out of the bytes planned for transfer (unchanged files move nothing). */
  bytesDone: number;
  bytesTotal: number;
  bytesPerSecond: number;
  /** Seconds left at the current rate; null until there is a rate. */
  etaSeconds: number | null;
}

export type BackupEvent =
  | { type: 'started'; snapshotId: string; phone: { serial: string; model: string }; categories: string[]; resuming: boolean }
  | { type: 'category-started'; category: string; items: number; unchanged: number; toTransfer: number; bytesToTransfer: number; deleted: number }
  | ({ type: 'progress' } & CategoryProgress)
  /** A file's data is on disk and recorded in the snapshot. */
  | { type: 'file-stored'; category: string; path: string; size: number; hash: string }
  | ({ type: 'problem' } & ItemProblem)
  | { type: 'category-finished'; category: string; state: CategoryState; items: number; filesTransferred: number; bytesTransferred: number; message?: string }
  | { type: 'finished'; snapshotId: string; state: 'complete' | 'cancelled' | 'failed'; entries: number; filesTransferred: number; bytesTransferred: number; problems: number; seconds: number; message?: string };

const EMIT_EVERY_MS = 250;

/** Counts one category's progress and emits `progress` events, at most four a second. */
export class ProgressCounter {
  readonly #emit: (event: BackupEvent) => void;
  readonly #startedAt = Date.now();
  #lastEmit = 0;
  readonly state: CategoryProgress;

  constructor(category: string, itemsTotal: number, bytesTotal: number, emit: (event: BackupEvent) => void) {
    this.#emit = emit;
    this.state = { category, itemsDone: 0, itemsTotal, bytesDone: 0, bytesTotal, bytesPerSecond: 0, etaSeconds: null };
  }

  addBytes(bytes: number): void {
    this.state.bytesDone += bytes;
    this.#maybeEmit();
  }

  itemDone(): void {
    this.state.itemsDone += 1;
    this.#maybeEmit();
  }

  /** Emits the final figures regardless of the rate limit. */
  flush(): void {
    this.#maybeEmit(true);
  }

  #maybeEmit(force = false): void {
    const now = Date.now();
    if (!force && now - this.#lastEmit < EMIT_EVERY_MS) return;
    this.#lastEmit = now;
    const seconds = (now - this.#startedAt) / 1000;
    const rate = seconds > 0 ? this.state.bytesDone / seconds : 0;
    this.state.bytesPerSecond = Math.round(rate);
    const left = Math.max(0, this.state.bytesTotal - this.state.bytesDone);
    this.state.etaSeconds = rate > 0 ? Math.round(left / rate) : null;
    this.#emit({ type: 'progress', ...this.state });
  }
}
