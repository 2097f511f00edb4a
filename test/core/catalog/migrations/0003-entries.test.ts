import { describe, expect, it } from 'vitest';
import { schemaVersion } from '../../../../main/core/catalog/migrate.ts';
import { catalogAtVersion, columnNames, isStrictTable, migrateTo, queryPlan } from '../catalog-support.ts';
import type { CatalogDb } from '../../../../main/core/catalog/open-catalog.ts';

function withSnapshots(db: CatalogDb): void {
  db.exec(`
    INSERT INTO devices (serial, model, name, first_seen_at, last_seen_at) VALUES ('A1', 'm', 'n', 1, 1);
    INSERT INTO snapshots (id, device_id, state, started_at) VALUES ('open', 1, 'in-progress', 1);
    INSERT INTO snapshots (id, device_id, state, started_at, completed_at) VALUES ('done', 1, 'complete', 1, 2);
  `);
}

const INSERT = `INSERT INTO entries (snapshot_id, path, size, mtime, mode, hash, category, object)
  VALUES (?, ?, 10, 1, 33188, 'sha256:aa', 'photos', 'objects/aa')`;

describe('migration 3: entries', () => {
  it('adds a strict entries table to a catalog at version 2, keeping its snapshots', () => {
    const db = catalogAtVersion(2);
    withSnapshots(db);
    expect(migrateTo(db, 3)).toEqual([3]);
    expect(schemaVersion(db)).toBe(3);
    expect(isStrictTable(db, 'entries')).toBe(true);
    expect(columnNames(db, 'entries')).toEqual(['snapshot_id', 'path', 'size', 'mtime', 'mode', 'hash', 'category', 'object']);
    expect(db.prepare('SELECT count(*) AS n FROM snapshots').get()).toEqual({ n: 2 });
  });

  it('looks entries up by (snapshot, path) through the primary key and by content hash through entries_by_hash', () => {
    const db = catalogAtVersion(3);
    expect(queryPlan(db, 'SELECT * FROM entries WHERE snapshot_id = ? AND path = ?', 'a', 'b')).toMatch(
      /SEARCH entries USING PRIMARY KEY \(snapshot_id=\? AND path=\?\)/,
    );
    expect(queryPlan(db, 'SELECT object FROM entries WHERE hash = ? LIMIT 1', 'sha256:aa')).toMatch(
      /SEARCH entries USING (COVERING )?INDEX entries_by_hash \(hash=\?\)/,
    );
  });

  it('accepts entries into an open snapshot and refuses them in a complete one', () => {
    const db = catalogAtVersion(3);
    withSnapshots(db);
    db.prepare(INSERT).run('open', '/sdcard/DCIM/a.jpg');
    expect(() => db.prepare(INSERT).run('done', '/sdcard/DCIM/a.jpg')).toThrow('snapshot-complete');
  });

  it('removes the entries with their snapshot', () => {
    const db = catalogAtVersion(3);
    withSnapshots(db);
    db.prepare(INSERT).run('open', '/sdcard/a');
    db.prepare(`DELETE FROM snapshots WHERE id = 'open'`).run();
    expect(db.prepare('SELECT count(*) AS n FROM entries').get()).toEqual({ n: 0 });
  });
});
