// Batched writes: the guard hands each record over synchronously and goes on; records reach SQLite
// in one transaction per batch (every 100 ms, or at once when 1,000 are waiting), and whatever is
// left is written synchronously when the process or thread exits.
import type { ActivityLog } from './activity-log.ts';
import type { ActivityRecord } from './activity-record.ts';

export interface WriterOptions {
  flushMs?: number;
  maxBatch?: number;
}

export class ActivityWriter {
  #log: ActivityLog;
  #queue: ActivityRecord[] = [];
  #timer: NodeJS.Timeout | undefined;
  #flushMs: number;
  #maxBatch: number;

  constructor(log: ActivityLog, options: WriterOptions = {}) {
    this.#log = log;
    this.#flushMs = options.flushMs ?? 100;
    this.#maxBatch = options.maxBatch ?? 1000;
  }

  add(record: ActivityRecord): void {
    this.#queue.push(record);
    if (this.#queue.length >= this.#maxBatch) {
      this.flush();
    } else if (this.#timer === undefined) {
      this.#timer = setTimeout(() => this.flush(), this.#flushMs);
      // A pending flush must not keep a finished process alive: the exit hook writes the rest.
      this.#timer.unref();
    }
  }

  flush(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#queue.length === 0) return;
    const batch = this.#queue;
    this.#queue = [];
    try {
      this.#log.append(batch);
    } catch (error) {
      // The log is busy beyond its 10 s timeout or the disk is full: keep the records for the next
      // flush rather than lose them, and say so once per failure.
      this.#queue = batch.concat(this.#queue);
      process.emitWarning(`Vitre could not write ${batch.length} activity records yet: ${String(error)}`);
    }
  }

  get pending(): number {
    return this.#queue.length;
  }
}
