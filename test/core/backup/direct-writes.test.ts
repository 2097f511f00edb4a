// The probe that decides whether a backup folder takes writes past the page cache: yes on this
// machine's disk with a page-aligned buffer, no when the kernel refuses the write, and it leaves
// nothing behind either way.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { directCreateFlags, directWritesWork } from '../../../main/core/backup/direct-writes.ts';

const folder = mkdtempSync(join(tmpdir(), 'vitre-direct-writes-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** 4 KiB starting on a page boundary: shared WebAssembly memory starts on one (hash-writer.ts). */
function alignedUnit(): Uint8Array {
  return new Uint8Array(new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true }).buffer, 0, 4096);
}

describe('direct writes', () => {
  it('has the flag on Linux', () => {
    expect(directCreateFlags()).toBeTypeOf('number');
  });

  it('work in a folder on this disk, from a page-aligned buffer', async () => {
    expect(await directWritesWork(folder, alignedUnit())).toBe(true);
    expect(readdirSync(folder)).toEqual([]);
  });

  it('are refused, and say so, when the kernel rejects the write (a buffer off the page boundary)', async () => {
    const misaligned = new Uint8Array(new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true }).buffer, 1, 4096);
    expect(await directWritesWork(folder, misaligned)).toBe(false);
    expect(readdirSync(folder)).toEqual([]);
  });

  it('are refused in a folder that does not exist, without throwing', async () => {
    expect(await directWritesWork(join(folder, 'missing'), alignedUnit())).toBe(false);
  });
});
