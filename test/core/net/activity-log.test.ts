import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ActivityLog, openActivityLog, pruneActivity } from '../../../main/core/net/activity-log.ts';
import { rowHash, type ActivityRow } from '../../../main/core/net/activity-chain.ts';
import { queryActivity } from '../../../main/core/net/activity-query.ts';
import { verifyActivityLog } from '../../../main/core/net/activity-verify.ts';
import { ActivityWriter } from '../../../main/core/net/activity-writer.ts';
import { applyRetention } from '../../../main/core/net/egress-guard.ts';
import { defaultPolicySettings } from '../../../main/core/net/policy.ts';
import { sampleRecord } from './sample-records.ts';

let home: string;
let log: ActivityLog;

beforeEach(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'vitre-log-'));
  log = openActivityLog(home);
  log.append(Array.from({ length: 20 }, (_, i) => sampleRecord(i)));
});
afterEach(() => {
  log.close();
  fs.rmSync(home, { recursive: true, force: true });
});

/** The tamperer: opens the file directly and removes the append-only triggers first. */
function tamper(sql: string, ...params: unknown[]): void {
  const db = new Database(log.file);
  db.exec('DROP TRIGGER IF EXISTS activity_no_update; DROP TRIGGER IF EXISTS activity_no_delete;');
  db.prepare(sql).run(...params);
  db.close();
}

describe('the activity log', () => {
  it('stores records in the data folder and reads them back unchanged', () => {
    expect(fs.existsSync(path.join(home, 'activity.sqlite'))).toBe(true);
    const [first] = queryActivity(log, { order: 'oldest-first', limit: 1 });
    const { id, hash, ...stored } = first!;
    expect(id).toBe(1);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored).toEqual(sampleRecord(0));
  });

  it('verifies an untouched log', () => {
    expect(verifyActivityLog(log)).toEqual({ ok: true, records: 20 });
  });

  it('refuses updates and deletes: it is append-only', () => {
    expect(() => log.db.prepare("UPDATE activity SET host = 'x' WHERE id = 3").run()).toThrow(/append-only/);
    expect(() => log.db.prepare('DELETE FROM activity WHERE id = 3').run()).toThrow(/append-only/);
  });

  it('names an edited record', () => {
    tamper("UPDATE activity SET bytes_up = 1 WHERE id = 5");
    expect(verifyActivityLog(log)).toMatchObject({ ok: false, firstBadId: 5, problem: 'edited-or-inserted' });
  });

  it('names a deleted record', () => {
    tamper('DELETE FROM activity WHERE id = 7');
    expect(verifyActivityLog(log)).toMatchObject({ ok: false, firstBadId: 7, problem: 'deleted' });
  });

  it('names an inserted record, before the first or after the last', () => {
    const copy = log.db.prepare('SELECT * FROM activity WHERE id = 3').get() as Record<string, unknown>;
    tamper(`INSERT INTO activity (${Object.keys(copy).join(', ')}) VALUES (${Object.keys(copy).map(() => '?').join(', ')})`, ...Object.values({ ...copy, id: 21 }));
    expect(verifyActivityLog(log)).toMatchObject({ ok: false, firstBadId: 21 });
    tamper(`INSERT INTO activity (${Object.keys(copy).join(', ')}) VALUES (${Object.keys(copy).map(() => '?').join(', ')})`, ...Object.values({ ...copy, id: 0 }));
    expect(verifyActivityLog(log)).toMatchObject({ ok: false, firstBadId: 0, problem: 'edited-or-inserted' });
  });

  it('names the newest records when they are deleted', () => {
    tamper('DELETE FROM activity WHERE id >= 19');
    expect(verifyActivityLog(log)).toMatchObject({ ok: false, firstBadId: 19, problem: 'deleted' });
  });

  it('names a record appended by someone who recomputed its hash', () => {
    const last = log.db.prepare('SELECT * FROM activity WHERE id = 20').get() as ActivityRow;
    const { hash: _hash, ...content } = { ...last, id: 21, url: 'https://evil.example.com/' };
    const forged = { ...content, hash: rowHash(last.hash, content) };
    const columns = Object.keys(forged);
    tamper(`INSERT INTO activity (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`, ...Object.values(forged));
    expect(verifyActivityLog(log)).toMatchObject({ ok: false, firstBadId: 21, problem: 'edited-or-inserted' });
  });

  it('keeps one chain when several connections (processes, workers) append in turn', () => {
    const other = new ActivityLog(log.file);
    for (let i = 0; i < 10; i++) (i % 2 === 0 ? log : other).append([sampleRecord(100 + i), sampleRecord(200 + i)]);
    other.close();
    expect(verifyActivityLog(log)).toEqual({ ok: true, records: 40 });
  });

  it('prunes by retention and still verifies from the anchor', () => {
    const removed = pruneActivity(log, sampleRecord(8).time);
    expect(removed).toBe(8);
    expect(verifyActivityLog(log)).toEqual({ ok: true, records: 12 });
    log.append([sampleRecord(30)]);
    expect(verifyActivityLog(log)).toEqual({ ok: true, records: 13 });
    tamper('DELETE FROM activity WHERE id = 9');
    expect(verifyActivityLog(log)).toMatchObject({ ok: false, firstBadId: 9, problem: 'deleted' });
  });

  it('applies the retention setting in days, and keeps everything at 0', () => {
    const now = sampleRecord(10).time + 86_400_000;
    expect(applyRetention(log, { ...defaultPolicySettings(), activityRetentionDays: 0 }, now)).toBe(0);
    expect(applyRetention(log, { ...defaultPolicySettings(), activityRetentionDays: 1 }, now)).toBe(10);
    expect(verifyActivityLog(log)).toEqual({ ok: true, records: 10 });
  });

  it('batches writes and writes the rest on flush', () => {
    const writer = new ActivityWriter(log, { flushMs: 60_000, maxBatch: 5 });
    for (let i = 0; i < 7; i++) writer.add(sampleRecord(50 + i));
    expect(writer.pending).toBe(2);
    expect(log.lastId()).toBe(25);
    writer.flush();
    expect(log.lastId()).toBe(27);
    expect(verifyActivityLog(log).ok).toBe(true);
  });
});
