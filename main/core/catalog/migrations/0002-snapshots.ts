import type { Migration } from './migration.ts';

// One backup run's picture of a phone. Its id is a text id chosen at creation (also the name of its
// manifest file), so a catalog rebuilt from the folder keeps the same ids. A complete snapshot is
// immutable: the triggers refuse any change to it (deleting it whole, to prune, stays allowed).
export const migration0002Snapshots: Migration = {
  version: 2,
  name: 'snapshots',
  up(db) {
    db.exec(`
      CREATE TABLE snapshots (
        id TEXT PRIMARY KEY,
        device_id INTEGER NOT NULL REFERENCES devices(id),
        state TEXT NOT NULL CHECK (state IN ('in-progress', 'complete', 'abandoned')),
        started_at INTEGER NOT NULL,
        completed_at INTEGER,
        entry_count INTEGER NOT NULL DEFAULT 0,
        total_bytes INTEGER NOT NULL DEFAULT 0,
        CHECK ((state = 'complete') = (completed_at IS NOT NULL))
      ) STRICT;
      CREATE INDEX snapshots_by_device ON snapshots (device_id, started_at);
      CREATE TRIGGER snapshots_complete_are_immutable
        BEFORE UPDATE ON snapshots
        WHEN OLD.state = 'complete'
        BEGIN SELECT RAISE(ABORT, 'snapshot-complete'); END;
    `);
  },
};
