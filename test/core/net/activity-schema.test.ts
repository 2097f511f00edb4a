// The activity log's migrations, each from the version before it, and the refusal of a log
// written by a newer Vitre.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GENESIS_HASH, ROW_COLUMNS, recordToRow } from '../../../main/core/net/activity-chain.ts';
import { ActivityLog } from '../../../main/core/net/activity-log.ts';
import { ActivityLogTooNewError, MIGRATIONS } from '../../../main/core/net/activity-schema.ts';
import { verifyActivityLog } from '../../../main/core/net/activity-verify.ts';
import { sampleRecord } from './sample-records.ts';

let file: string;

beforeEach(() => {
  file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vitre-schema-')), 'activity.sqlite');
});
afterEach(() => fs.rmSync(path.dirname(file), { recursive: true, force: true }));

describe('activity log migrations', () => {
  it('2 records the head of a log written at version 1, which then verifies', () => {
    const db = new Database(file);
    db.exec(MIGRATIONS[0] ?? '');
    db.pragma('user_version = 1');
    const columns = [...ROW_COLUMNS, 'hash'] as const;
    const insert = db.prepare(`INSERT INTO activity (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
    let previous = GENESIS_HASH;
    for (let id = 1; id <= 3; id++) {
      const row = recordToRow(id, sampleRecord(id), previous);
      insert.run(columns.map((column) => row[column]));
      previous = row.hash;
    }
    db.close();
    const log = new ActivityLog(file);
    expect(log.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(log.head()).toEqual({ lastId: 3, lastHash: previous });
    expect(verifyActivityLog(log)).toEqual({ ok: true, records: 3 });
    log.close();
  });

  it('answers the filters from indexes, not by scanning the log', () => {
    const log = new ActivityLog(file);
    const plan = (sql: string) => (log.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan("SELECT * FROM activity WHERE host = 'a' ORDER BY time DESC, id DESC LIMIT 500")).toContain('activity_by_host');
    expect(plan('SELECT * FROM activity WHERE time >= 1 AND time < 2 ORDER BY time DESC, id DESC LIMIT 500')).toContain('activity_by_time');
    expect(plan("SELECT * FROM activity WHERE job = 'j' ORDER BY time DESC, id DESC LIMIT 500")).toContain('activity_by_job');
    log.close();
  });

  it('refuses a log written by a newer Vitre', () => {
    const db = new Database(file);
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    expect(() => new ActivityLog(file)).toThrow(ActivityLogTooNewError);
  });
});
