// Records entries in the catalog only once their data is durable: the object renames are synced
// (their folders fsynced) first, then one transaction adds the batch. A crash before that loses
// only the batch's records; the objects stay and the next run stores them again for free.
import { addEntries, type NewEntry } from '../catalog/entries.ts';
import type { CatalogDb } from '../catalog/open-catalog.ts';
import type { BackupEvent } from './backup-events.ts';
import type { ObjectStore } from './object-store.ts';

const BATCH_ENTRIES = 500;
const BATCH_MS = 500;

export class EntryRecorder {
  readonly #db: CatalogDb;
  readonly #snapshotId: string;
  readonly #store: ObjectStore;
  readonly #emit: (event: BackupEvent) => void;
  #pending: NewEntry[] = [];
  #stored: BackupEvent[] = [];
  #lastFlush = Date.now();
  #flushing: Promise<void> = Promise.resolve();
  count = 0;

  constructor(db: CatalogDb, snapshotId: string, store: ObjectStore, emit: (event: BackupEvent) => void) {
    this.#db = db;
    this.#snapshotId = snapshotId;
    this.#store = store;
    this.#emit = emit;
  }

  /** Queues an entry; `transferred` marks one whose data was just stored (reported once durable). */
  async add(entry: NewEntry, transferred = false): Promise<void> {
    this.#pending.push(entry);
    if (transferred) this.#stored.push({ type: 'file-stored', category: entry.category, path: entry.path, size: entry.size, hash: entry.hash });
    if (this.#pending.length >= BATCH_ENTRIES || (transferred && Date.now() - this.#lastFlush >= BATCH_MS)) await this.flush();
  }

  /**
   * Records entries whose data is already durable (unchanged files pointing at stored objects) in
   * one transaction: one commit for 50,000 unchanged files instead of one per batch.
   */
  recordStored(entries: readonly NewEntry[]): void {
    if (entries.length > 0) this.count += addEntries(this.#db, this.#snapshotId, entries);
  }

  /** Makes everything queued durable and recorded. */
  flush(): Promise<void> {
    this.#flushing = this.#flushing.then(() => this.#flushNow());
    return this.#flushing;
  }

  async #flushNow(): Promise<void> {
    this.#lastFlush = Date.now();
    if (this.#pending.length === 0) return;
    const batch = this.#pending;
    const stored = this.#stored;
    this.#pending = [];
    this.#stored = [];
    await this.#store.syncFolders();
    this.count += addEntries(this.#db, this.#snapshotId, batch);
    for (const event of stored) this.#emit(event);
  }
}
