import { describe, expect, it } from 'vitest';
import { schemaVersion } from '../../../../main/core/catalog/migrate.ts';
import { catalogAtVersion, columnNames, isStrictTable, migrateTo, queryPlan } from '../catalog-support.ts';

describe('migration 4: jobs', () => {
  it('adds a strict jobs table to a catalog at version 3, keeping its entries', () => {
    const db = catalogAtVersion(3);
    db.exec(`
      INSERT INTO devices (serial, model, name, first_seen_at, last_seen_at) VALUES ('A1', 'm', 'n', 1, 1);
      INSERT INTO snapshots (id, device_id, state, started_at) VALUES ('s', 1, 'in-progress', 1);
      INSERT INTO entries (snapshot_id, path, size, mtime, mode, hash, category, object)
        VALUES ('s', '/sdcard/a', 1, 1, 1, 'sha256:aa', 'files', 'objects/aa');
    `);
    expect(migrateTo(db, 4)).toEqual([4]);
    expect(schemaVersion(db)).toBe(4);
    expect(isStrictTable(db, 'jobs')).toBe(true);
    expect(columnNames(db, 'jobs')).toEqual([
      'id', 'kind', 'device_id', 'snapshot_id', 'state', 'started_at', 'finished_at', 'error_kind', 'error_message',
    ]);
    expect(db.prepare('SELECT count(*) AS n FROM entries').get()).toEqual({ n: 1 });
  });

  it('finds unfinished jobs through the partial index jobs_unfinished', () => {
    const db = catalogAtVersion(4);
    expect(
      queryPlan(db, `SELECT * FROM jobs WHERE state IN ('running', 'cancelling') ORDER BY started_at`),
    ).toMatch(/USING INDEX jobs_unfinished/);
  });

  it('accepts only the five job states', () => {
    const db = catalogAtVersion(4);
    const insert = db.prepare(`INSERT INTO jobs (kind, state, started_at) VALUES ('backup', ?, 1)`);
    for (const state of ['running', 'cancelling', 'cancelled', 'success', 'failed']) insert.run(state);
    expect(() => insert.run('paused')).toThrow(/CHECK/);
  });
});
