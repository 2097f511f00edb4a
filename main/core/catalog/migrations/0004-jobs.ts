import type { Migration } from './migration.ts';

// Long-running work (backup, restore, verify) with explicit states, as Kopia's uitask does:
// running → cancelling → cancelled, or → success / failed. The partial index finds the few
// unfinished jobs at start-up (a crash leaves them "running") without scanning the history.
export const migration0004Jobs: Migration = {
  version: 4,
  name: 'jobs',
  up(db) {
    db.exec(`
      CREATE TABLE jobs (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('backup', 'restore', 'verify')),
        device_id INTEGER REFERENCES devices(id) ON DELETE SET NULL,
        snapshot_id TEXT REFERENCES snapshots(id) ON DELETE SET NULL,
        state TEXT NOT NULL CHECK (state IN ('running', 'cancelling', 'cancelled', 'success', 'failed')),
        started_at INTEGER NOT NULL,
        finished_at INTEGER,
        error_kind TEXT,
        error_message TEXT
      ) STRICT;
      CREATE INDEX jobs_unfinished ON jobs (started_at) WHERE state IN ('running', 'cancelling');
    `);
  },
};
