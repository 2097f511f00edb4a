import { describe, expect, it } from 'vitest';
import { idBounds, matches, parseWhere, SqlError } from '../../../../../main/core/demo-phone/content/providers/where-clause.ts';

const row = { _id: 42, thread_id: 7, type: 1, address: '+15550001', body: "it's, fine", subject: null };

describe('--where expressions of the simulated providers', () => {
  it('evaluates the forms a backup tool pages with', () => {
    expect(matches(parseWhere('_id>41'), row)).toBe(true);
    expect(matches(parseWhere('_id > 42'), row)).toBe(false);
    expect(matches(parseWhere("_id>=42 AND thread_id=7 AND address='+15550001'"), row)).toBe(true);
    expect(matches(parseWhere("body='it''s, fine'"), row)).toBe(true);
    expect(matches(parseWhere('type=2 OR (thread_id=7 AND NOT _id<10)'), row)).toBe(true);
    expect(matches(parseWhere('subject IS NULL AND body IS NOT NULL'), row)).toBe(true);
    expect(matches(parseWhere("address LIKE '+1555%'"), row)).toBe(true);
    expect(matches(parseWhere('type IN (2, 3)'), row)).toBe(false);
    expect(matches(parseWhere('type NOT IN (2, 3)'), row)).toBe(true);
    expect(matches(parseWhere('subject = NULL'), row)).toBe(false);
  });

  it('narrows the _id range from top-level AND terms only', () => {
    expect(idBounds(parseWhere('_id>100 AND _id<=200 AND type=1'), 1000)).toEqual({ low: 101, high: 200 });
    expect(idBounds(parseWhere('_id=5'), 1000)).toEqual({ low: 5, high: 5 });
    expect(idBounds(parseWhere('_id>100 OR type=1'), 1000)).toEqual({ low: 1, high: 1000 });
    expect(idBounds(undefined, 9)).toEqual({ low: 1, high: 9 });
  });

  it('rejects broken SQL with SQLite-style messages', () => {
    expect(() => parseWhere('_id >')).toThrow(new SqlError('incomplete input'));
    expect(() => parseWhere('_id > 5 5')).toThrow(new SqlError('near "5": syntax error'));
    expect(() => parseWhere("body='open")).toThrow(SqlError);
  });
});
