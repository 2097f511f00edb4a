// The planner is pure: a listing and what the backup holds in, a plan out.
import { describe, expect, it } from 'vitest';
import { planCategory, type KnownEntry } from '../../../main/core/backup/planner.ts';

const entry = (path: string, size: number, mtimeSeconds: number): KnownEntry => ({
  path, size, mtime: mtimeSeconds * 1000, mode: 0o100660, hash: `sha256:${'0'.repeat(64)}`, category: 'photos', object: 'objects/00/x',
});
const file = (path: string, size: number, mtime: number) => ({ path, size, mtime, mode: 0o100660 });

describe('the planner', () => {
  it('sorts files into new, changed, unchanged and in doubt, and finds deletions', () => {
    const known = new Map([
      ['/a', entry('/a', 10, 100)],
      ['/b', entry('/b', 10, 100)],
      ['/c', entry('/c', 10, 100)],
      ['/gone', entry('/gone', 5, 50)],
    ]);
    const plan = planCategory('photos', [file('/a', 10, 100), file('/b', 11, 100), file('/c', 10, 101), file('/d', 7, 1), file('/a', 10, 100)], (p) => known.get(p), known.values());
    expect(plan.items.map((i) => [i.file.path, i.action])).toEqual([
      ['/a', 'unchanged'],
      ['/b', 'changed'],
      ['/c', 'check'],
      ['/d', 'new'],
    ]);
    expect(plan.deleted.map((e) => e.path)).toEqual(['/gone']);
    expect(plan).toMatchObject({ transferItems: 3, transferBytes: 28 });
  });

  it('compares modification times to the second, as sync reports them', () => {
    const known = new Map([['/a', { ...entry('/a', 1, 0), mtime: 1_700_000_000_999 }]]);
    expect(planCategory('photos', [file('/a', 1, 1_700_000_000)], (p) => known.get(p)).items[0]!.action).toBe('unchanged');
  });

  it('handles sizes over 4 GiB', () => {
    const big = 5 * 2 ** 30;
    const known = new Map([['/v', entry('/v', big, 1)]]);
    expect(planCategory('videos', [file('/v', big, 1)], (p) => known.get(p)).items[0]!.action).toBe('unchanged');
    expect(planCategory('videos', [file('/v', big + 1, 1)], (p) => known.get(p)).transferBytes).toBe(big + 1);
  });
});
