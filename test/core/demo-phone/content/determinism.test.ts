import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { makePhone, readAll, sh, walk } from './test-phone.ts';

function fingerprint(seed: number): { listing: string[]; digest: string } {
  const phone = makePhone({ seed, files: 200, faults: { hostileNames: true } });
  const listing = walk(phone, '/storage/emulated/0');
  const hash = createHash('sha256');
  for (const line of listing.filter((l) => /\.(jpg|mp4|pdf|txt|opus)\s/.test(l)).slice(0, 40)) {
    hash.update(readAll(phone, line.split(' ').slice(0, -3).join(' ')));
  }
  return { listing, digest: hash.digest('hex') };
}

describe('simulated phone determinism', () => {
  it('builds the same listing and the same bytes from the same seed', () => {
    const a = fingerprint(42);
    const b = fingerprint(42);
    expect(a.listing.length).toBeGreaterThan(300);
    expect(b.listing).toEqual(a.listing);
    expect(b.digest).toBe(a.digest);
  });

  it('builds a different phone from a different seed', () => {
    const a = fingerprint(42);
    const c = fingerprint(43);
    expect(c.listing).not.toEqual(a.listing);
    expect(c.digest).not.toBe(a.digest);
  });

  it('answers content queries identically for the same seed', async () => {
    const query = 'content query --uri content://sms --sort "_id ASC LIMIT 50"';
    const first = await sh(makePhone({ seed: 5 }), query);
    const second = await sh(makePhone({ seed: 5 }), query);
    const other = await sh(makePhone({ seed: 6 }), query);
    expect(second.stdout).toBe(first.stdout);
    expect(other.stdout).not.toBe(first.stdout);
  });

  it('dates everything before the phone epoch, not from the clock', () => {
    const phone = makePhone({ seed: 9 });
    const mtimes = walk(phone, '/storage/emulated/0/DCIM/Camera').map((line) => Number(line.split(' ').pop()));
    const newest = Math.max(...mtimes);
    const oldest = Math.min(...mtimes);
    expect(newest).toBeLessThan(Date.UTC(2026, 6, 1) / 1000);
    expect(oldest).toBeGreaterThan(Date.UTC(2023, 11, 1) / 1000);
  });
});
