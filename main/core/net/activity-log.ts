// The activity log: one SQLite file in the data folder that every Vitre process and thread appends
// to. Appends take the write lock (BEGIN IMMEDIATE), read the chain's tail and chain the batch to
// it, so concurrent writers (a child process, a worker) still produce one linear chain.
import Database from 'better-sqlite3';
import * as path from 'node:path';
import type { ActivityRecord } from './activity-record.ts';
import { GENESIS_HASH, ROW_COLUMNS, recordToRow, type ActivityRow } from './activity-chain.ts';
import { migrate } from './activity-schema.ts';
import { makeFolderSync } from '../files/make-folder.ts';

export const ACTIVITY_FILE = 'activity.sqlite';

export type AppendListener = (lastId: number) => void;

export class ActivityLog {
  readonly db: Database.Database;
  readonly file: string;
  #insert: Database.Statement;
  #tail: Database.Statement;
  #anchor: Database.Statement;
  #setHead: Database.Statement;
  #listeners = new Set<AppendListener>();
  #columns: readonly (keyof ActivityRow)[];

  constructor(file: string) {
    makeFolderSync(path.dirname(file));
    this.file = file;
    this.db = new Database(file);
    // WAL lets the Activity view read while the guard writes; several processes share the file.
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 10000');
    this.db.pragma('synchronous = NORMAL');
    try {
      migrate(this.db);
    } catch (error) {
      this.db.close();
      throw error;
    }
    const columns = [...ROW_COLUMNS, 'hash'] as const;
    this.#columns = columns;
    // Positional parameters: binding by name cost a measurable share of each append.
    this.#insert = this.db.prepare(`INSERT INTO activity (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
    this.#tail = this.db.prepare('SELECT id, hash FROM activity ORDER BY id DESC LIMIT 1');
    this.#setHead = this.db.prepare(
      `INSERT INTO activity_head (only, last_id, last_hash) VALUES (1, ?, ?)
       ON CONFLICT (only) DO UPDATE SET last_id = excluded.last_id, last_hash = excluded.last_hash`,
    );
    this.#anchor = this.db.prepare('SELECT first_id AS firstId, prev_hash AS prevHash FROM activity_anchor ORDER BY first_id DESC LIMIT 1');
  }

  /** Appends records in one transaction, chained to the current tail. Returns the last id. */
  append(records: readonly ActivityRecord[]): number {
    if (records.length === 0) return this.lastId();
    const write = this.db.transaction((batch: readonly ActivityRecord[]) => {
      let { id, hash } = this.#chainTail();
      for (const record of batch) {
        id += 1;
        const row = recordToRow(id, record, hash);
        this.#insert.run(this.#columns.map((column) => row[column]));
        hash = row.hash;
      }
      this.#setHead.run(id, hash);
      return id;
    });
    const lastId = write.immediate(records);
    for (const listener of this.#listeners) listener(lastId);
    return lastId;
  }

  lastId(): number {
    return this.#chainTail().id;
  }

  /** Called after each append in this process (other processes are seen by polling). */
  onAppend(listener: AppendListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Where the chain starts: after the retention anchor, or at the genesis hash. */
  chainStart(): { firstId: number; prevHash: string } {
    const anchor = this.#anchor.get() as { firstId: number; prevHash: string } | undefined;
    return anchor ?? { firstId: 1, prevHash: GENESIS_HASH };
  }

  /** The newest record as of the last append, or undefined for a log never written. */
  head(): { lastId: number; lastHash: string } | undefined {
    return this.db.prepare('SELECT last_id AS lastId, last_hash AS lastHash FROM activity_head').get() as
      | { lastId: number; lastHash: string }
      | undefined;
  }

  close(): void {
    this.#listeners.clear();
    this.db.close();
  }

  #chainTail(): { id: number; hash: string } {
    const tail = this.#tail.get() as Pick<ActivityRow, 'id' | 'hash'> | undefined;
    if (tail !== undefined) return tail;
    const start = this.chainStart();
    return { id: start.firstId - 1, hash: start.prevHash };
  }
}

export function openActivityLog(home: string): ActivityLog {
  return new ActivityLog(path.join(home, ACTIVITY_FILE));
}

/**
 * Retention: removes records that started before `keepSince` (ms since the epoch). The chain
 * stays verifiable because an anchor row remembers where it now starts and the hash it continues.
 * Returns how many records were removed.
 */
export function pruneActivity(log: ActivityLog, keepSince: number): number {
  const prune = log.db.transaction(() => {
    const firstKept = log.db.prepare('SELECT MIN(id) AS id FROM activity WHERE time >= ?').get(keepSince) as { id: number | null };
    const cut = firstKept.id ?? log.lastId() + 1;
    const start = log.chainStart();
    if (cut <= start.firstId) return 0;
    const before = log.db.prepare('SELECT hash FROM activity WHERE id = ?').get(cut - 1) as { hash: string } | undefined;
    if (before === undefined) return 0;
    log.db.prepare('INSERT INTO activity_anchor (first_id, prev_hash, pruned_at) VALUES (?, ?, ?)').run(cut, before.hash, Date.now());
    return log.db.prepare('DELETE FROM activity WHERE id < ?').run(cut).changes;
  });
  return prune.immediate();
}
