import { describe, expect, it } from 'vitest';
import { schemaVersion } from '../../../../main/core/catalog/migrate.ts';
import { catalogAtVersion, columnNames, isStrictTable, migrateTo, queryPlan } from '../catalog-support.ts';

describe('migration 2: snapshots', () => {
  it('adds a strict snapshots table to a catalog at version 1, keeping its devices', () => {
    const db = catalogAtVersion(1);
    db.prepare(`INSERT INTO devices (serial, model, name, first_seen_at, last_seen_at) VALUES ('A1', 'Pixel 8', 'Pixel', 5, 5)`).run();
    expect(migrateTo(db, 2)).toEqual([2]);
    expect(schemaVersion(db)).toBe(2);
    expect(isStrictTable(db, 'snapshots')).toBe(true);
    expect(columnNames(db, 'snapshots')).toEqual([
      'id', 'device_id', 'state', 'started_at', 'completed_at', 'entry_count', 'total_bytes',
    ]);
    expect(db.prepare('SELECT serial FROM devices').all()).toEqual([{ serial: 'A1' }]);
  });

  it("lists a phone's snapshots through snapshots_by_device", () => {
    const db = catalogAtVersion(2);
    expect(queryPlan(db, 'SELECT * FROM snapshots WHERE device_id = ? ORDER BY started_at DESC', 1)).toMatch(
      /SEARCH snapshots USING INDEX snapshots_by_device \(device_id=\?\)/,
    );
  });

  it('refuses any change to a complete snapshot, and a complete snapshot without a completion time', () => {
    const db = catalogAtVersion(2);
    db.prepare(`INSERT INTO devices (serial, model, name, first_seen_at, last_seen_at) VALUES ('A1', 'm', 'n', 1, 1)`).run();
    expect(() => db.prepare(`INSERT INTO snapshots (id, device_id, state, started_at) VALUES ('s0', 1, 'complete', 1)`).run()).toThrow(
      /CHECK/,
    );
    db.prepare(`INSERT INTO snapshots (id, device_id, state, started_at, completed_at) VALUES ('s1', 1, 'complete', 1, 2)`).run();
    expect(() => db.prepare(`UPDATE snapshots SET total_bytes = 9 WHERE id = 's1'`).run()).toThrow('snapshot-complete');
    expect(() => db.prepare(`INSERT INTO snapshots (id, device_id, state, started_at) VALUES ('s2', 99, 'in-progress', 1)`).run()).toThrow(
      /FOREIGN KEY/,
    );
  });
});
