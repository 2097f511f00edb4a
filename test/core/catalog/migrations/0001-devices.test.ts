import { describe, expect, it } from 'vitest';
import { schemaVersion } from '../../../../main/core/catalog/migrate.ts';
import { catalogAtVersion, columnNames, isStrictTable, migrateTo, queryPlan } from '../catalog-support.ts';

describe('migration 1: devices', () => {
  it('creates a strict devices table on an empty catalog', () => {
    const db = catalogAtVersion(0);
    expect(schemaVersion(db)).toBe(0);
    expect(migrateTo(db, 1)).toEqual([1]);
    expect(schemaVersion(db)).toBe(1);
    expect(isStrictTable(db, 'devices')).toBe(true);
    expect(columnNames(db, 'devices')).toEqual(['id', 'serial', 'model', 'name', 'first_seen_at', 'last_seen_at']);
  });

  it('finds a phone by serial through the unique index, and refuses a duplicate serial', () => {
    const db = catalogAtVersion(1);
    const insert = db.prepare('INSERT INTO devices (serial, model, name, first_seen_at, last_seen_at) VALUES (?, ?, ?, 1, 1)');
    insert.run('R58M123', 'SM-G991B', 'Galaxy');
    expect(() => insert.run('R58M123', 'other', 'other')).toThrow(/UNIQUE/);
    expect(queryPlan(db, 'SELECT * FROM devices WHERE serial = ?', 'R58M123')).toMatch(/USING INDEX sqlite_autoindex_devices_1 \(serial=\?\)/);
  });

  it('refuses a value of the wrong type (STRICT)', () => {
    const db = catalogAtVersion(1);
    expect(() =>
      db.prepare(`INSERT INTO devices (serial, model, name, first_seen_at, last_seen_at) VALUES ('s', 'm', 'n', 'yesterday', 1)`).run(),
    ).toThrow(/cannot store TEXT value in INTEGER column/);
  });
});
