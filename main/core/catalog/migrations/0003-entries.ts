import type { Migration } from './migration.ts';

// What one snapshot holds: one row per phone path. `object` is where the content is stored,
// relative to the backup folder; `hash` ("sha256:<hex>") finds content already stored, so a file
// that did not change, or moved, is not copied again (entries_by_hash). Entries of a complete
// snapshot cannot be added or changed (the snapshot is immutable).
export const migration0003Entries: Migration = {
  version: 3,
  name: 'entries',
  up(db) {
    db.exec(`
      CREATE TABLE entries (
        snapshot_id TEXT NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,
        path TEXT NOT NULL,
        size INTEGER NOT NULL CHECK (size >= 0),
        mtime INTEGER NOT NULL,
        mode INTEGER NOT NULL,
        hash TEXT NOT NULL,
        category TEXT NOT NULL,
        object TEXT NOT NULL,
        PRIMARY KEY (snapshot_id, path)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX entries_by_hash ON entries (hash);
      CREATE TRIGGER entries_insert_into_open_snapshot_only
        BEFORE INSERT ON entries
        WHEN (SELECT state FROM snapshots WHERE id = NEW.snapshot_id) = 'complete'
        BEGIN SELECT RAISE(ABORT, 'snapshot-complete'); END;
      CREATE TRIGGER entries_update_in_open_snapshot_only
        BEFORE UPDATE ON entries
        WHEN (SELECT state FROM snapshots WHERE id = OLD.snapshot_id) = 'complete'
        BEGIN SELECT RAISE(ABORT, 'snapshot-complete'); END;
    `);
  },
};
