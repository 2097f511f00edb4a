// The activity log's tables, as numbered migrations (PRAGMA user_version). The log is append-only:
// triggers refuse UPDATE, and DELETE except below the retention anchor, so only a deliberate
// tamperer (who drops the triggers) can change history, and then the hash chain shows where.
import type Database from 'better-sqlite3';

export const MIGRATIONS: readonly string[] = [
  // 1: records, the retention anchor, and the indexes behind the Activity view's filters.
  `
  CREATE TABLE activity (
    id INTEGER PRIMARY KEY,
    time INTEGER NOT NULL,
    kind TEXT NOT NULL,
    verdict TEXT NOT NULL,
    reason TEXT NOT NULL,
    host TEXT NOT NULL,
    port INTEGER NOT NULL,
    protocol TEXT NOT NULL,
    method TEXT NOT NULL,
    url TEXT NOT NULL,
    status INTEGER NOT NULL,
    bytes_up INTEGER NOT NULL,
    bytes_down INTEGER NOT NULL,
    dns_ms REAL NOT NULL,
    connect_ms REAL NOT NULL,
    tls_ms REAL NOT NULL,
    first_byte_ms REAL NOT NULL,
    total_ms REAL NOT NULL,
    job TEXT,
    category TEXT,
    destination TEXT,
    module TEXT,
    pid INTEGER NOT NULL,
    thread INTEGER NOT NULL,
    detail TEXT NOT NULL,
    hash TEXT NOT NULL
  ) STRICT;
  CREATE INDEX activity_by_time ON activity (time);
  CREATE INDEX activity_by_host ON activity (host, time);
  CREATE INDEX activity_by_job ON activity (job, time);
  CREATE INDEX activity_by_destination ON activity (destination, time);
  CREATE INDEX activity_by_verdict ON activity (verdict, time);
  CREATE TABLE activity_anchor (
    first_id INTEGER PRIMARY KEY,
    prev_hash TEXT NOT NULL,
    pruned_at INTEGER NOT NULL
  ) STRICT;
  CREATE TRIGGER activity_no_update BEFORE UPDATE ON activity
  BEGIN SELECT RAISE(ABORT, 'the activity log is append-only'); END;
  CREATE TRIGGER activity_no_delete BEFORE DELETE ON activity
  WHEN OLD.id >= (SELECT COALESCE(MAX(first_id), 0) FROM activity_anchor)
  BEGIN SELECT RAISE(ABORT, 'the activity log is append-only; only retention removes old records'); END;
  `,
  // 2: the chain's head, rewritten with each batch, so that removing the newest records (which
  // leaves a shorter but consistent chain) is seen too.
  `
  CREATE TABLE activity_head (
    only INTEGER PRIMARY KEY CHECK (only = 1),
    last_id INTEGER NOT NULL,
    last_hash TEXT NOT NULL
  ) STRICT;
  INSERT INTO activity_head (only, last_id, last_hash) SELECT 1, id, hash FROM activity ORDER BY id DESC LIMIT 1;
  `,
];

export class ActivityLogTooNewError extends Error {
  readonly kind = 'activity-log-too-new';
  readonly permanent = true;
  constructor(found: number) {
    super(`The activity log was written by a newer Vitre (schema ${found}, this one knows ${MIGRATIONS.length}). Update Vitre to read it.`);
  }
}

export function migrate(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > MIGRATIONS.length) throw new ActivityLogTooNewError(version);
  for (let next = version; next < MIGRATIONS.length; next++) {
    db.transaction(() => {
      // Another process may have migrated between our read and this write lock.
      if ((db.pragma('user_version', { simple: true }) as number) > next) return;
      db.exec(MIGRATIONS[next] ?? '');
      db.pragma(`user_version = ${next + 1}`);
    }).immediate();
  }
}
