import type { Migration } from './migration.ts';

// A phone Vitre has backed up. `serial` is adb's serial number (ro.serialno), the one identity a
// phone keeps across USB and Wi-Fi connections.
export const migration0001Devices: Migration = {
  version: 1,
  name: 'devices',
  up(db) {
    db.exec(`
      CREATE TABLE devices (
        id INTEGER PRIMARY KEY,
        serial TEXT NOT NULL UNIQUE,
        model TEXT NOT NULL,
        name TEXT NOT NULL,
        first_seen_at INTEGER NOT NULL,
        last_seen_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
