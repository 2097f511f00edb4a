// The object store's downloads: hashed and written on the hash-writer thread, in order, whatever
// the chunk sizes, several at once; a dropped download leaves nothing behind.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { incomingFolder } from '../../../main/core/backup/backup-folder.ts';
import { startWriterThreadEarly } from '../../../main/core/backup/hash-writer.ts';
import { BLOCKS_PER_DOWNLOAD, ObjectStore } from '../../../main/core/backup/object-store.ts';

const folder = mkdtempSync(join(tmpdir(), 'vitre-object-store-'));
const store = new ObjectStore(folder);
// The same downloads written through the page cache: what the store does where direct writes are refused.
const bufferedFolder = mkdtempSync(join(tmpdir(), 'vitre-object-store-buffered-'));
const buffered = new ObjectStore(bufferedFolder, { directWrites: false });

afterAll(async () => {
  await store.close();
  await buffered.close();
  rmSync(folder, { recursive: true, force: true });
  rmSync(bufferedFolder, { recursive: true, force: true });
});

function sha256(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

async function download(bytes: Buffer, chunkSize: number, into = store) {
  const incoming = await into.create();
  for (let offset = 0; offset < bytes.length; offset += chunkSize) await incoming.write(bytes.subarray(offset, offset + chunkSize));
  return into.commit(incoming, await incoming.finish());
}

const sizes = [
    ['an empty file', 0, 1],
    ['a small file in one chunk', 2_000, 2_000],
    ['a file of many blocks, in odd chunks', 5 * 1024 * 1024 + 333, 65_521],
    ['a file of many blocks, in chunks larger than a block', 3 * 1024 * 1024 + 1, 1_500_000],
    // Large enough to be flushed to disk twice while it is written (hash-writer-thread.ts).
    ['a file flushed to disk as it is written', 70 * 1024 * 1024 + 5, 262_144],
] as const;

describe('object store downloads', () => {
  it('writes past the page cache on this Linux disk', async () => {
    await store.open();
    expect(store.writesDirectly).toBe(true);
    await buffered.open();
    expect(buffered.writesDirectly).toBe(false);
  });

  // A direct file's last block is written padded to 4 KiB and cut back: every size below ends off that unit.
  it.each(sizes)('stores %s byte for byte under its sha256', async (_label, size, chunk) => {
    await store.open();
    const bytes = randomBytes(size);
    const stored = await download(bytes, chunk);
    expect(stored.hash).toBe(sha256(bytes));
    expect(stored.size).toBe(size);
    expect(statSync(store.path(stored.object)).size).toBe(size);
    expect(readFileSync(store.path(stored.object)).equals(bytes)).toBe(true);
    expect(statSync(store.path(stored.object)).mode & 0o777).toBe(0o444);
  });

  it.each(sizes)('stores %s byte for byte through the page cache too', async (_label, size, chunk) => {
    await buffered.open();
    const bytes = randomBytes(size);
    const stored = await download(bytes, chunk, buffered);
    expect(stored.hash).toBe(sha256(bytes));
    expect(readFileSync(buffered.path(stored.object)).equals(bytes)).toBe(true);
  });

  it('keeps downloads running at once apart, and reuses the thread across them', async () => {
    await store.open();
    const files = Array.from({ length: 12 }, (_, i) => randomBytes(700_000 + i * 300_000));
    const stored = await Promise.all(files.map((bytes, i) => download(bytes, 10_000 + i * 7_919)));
    stored.forEach((object, i) => {
      expect(object.hash).toBe(sha256(files[i]!));
      expect(readFileSync(store.path(object.object)).equals(files[i]!)).toBe(true);
    });
  });

  /** As a connection does: receive into the download's landing (the kernel's copy), then hand the view on. */
  async function receive(into: ObjectStore, bytes: Buffer, chunk: number) {
    const incoming = await into.create();
    let landed = 0;
    for (let offset = 0; offset < bytes.length; offset += chunk) {
      const piece = bytes.subarray(offset, offset + chunk);
      // 8 bytes more than the piece, as a read takes the header after a chunk's data.
      const landing = incoming.landing(piece.length + 8);
      if (landing && landing.bytes.length >= piece.length) {
        landing.bytes.set(piece);
        landing.bytes.fill(0xee, piece.length); // a header's bytes, past the file's: overwritten later
        incoming.take(landing.bytes.subarray(0, piece.length));
        landed += piece.length;
      } else {
        incoming.take(piece);
      }
      landing?.release();
      await incoming.ready();
    }
    return { stored: await into.commit(incoming, await incoming.finish()), landed };
  }

  it.each([
    ['direct', () => store],
    ['through the page cache', () => buffered],
  ])('stores bytes received into its landings in place, byte for byte (%s)', async (_label, into) => {
    await into().open();
    const bytes = randomBytes(5 * 1024 * 1024 + 4321);
    const { stored, landed } = await receive(into(), bytes, 65_536 + 8);
    expect(stored.hash).toBe(sha256(bytes));
    expect(readFileSync(into().path(stored.object)).equals(bytes)).toBe(true);
    // Only a piece that straddles two blocks is copied.
    expect(landed).toBeGreaterThan(bytes.length * 0.9);
  });

  it('keeps a landing\'s block from other downloads until the connection releases it', async () => {
    await store.open();
    const dropped = await store.create();
    const held = dropped.landing(4096)!;
    await dropped.discard(); // cancelled while the connection could still receive into the landing
    const next = await store.create();
    const bytes = randomBytes(3 * 1024 * 1024);
    const others: Uint8Array[] = [];
    for (let offset = 0; offset < bytes.length; offset += 1024 * 1024) {
      const landing = next.landing(1024 * 1024)!;
      others.push(landing.bytes);
      landing.bytes.set(bytes.subarray(offset, offset + 1024 * 1024));
      held.bytes.fill(0xee); // the late read into the held landing
      next.take(landing.bytes);
      landing.release();
      await next.ready();
    }
    expect(others.every((bytes) => bytes.buffer !== held.bytes.buffer || bytes.byteOffset !== held.bytes.byteOffset)).toBe(true);
    const stored = await store.commit(next, await next.finish());
    expect(readFileSync(store.path(stored.object)).equals(bytes)).toBe(true);
    held.release();
  });

  it('keeps its memory bounded when bytes keep coming after it held the phone back', async () => {
    // A pull held back still receives what was already on its way (a packet under way, and on
    // a direct connection the next one, allowed as it began): blocks made for those must not
    // stay with the download, or every pause would grow it for good.
    const separate = mkdtempSync(join(tmpdir(), 'vitre-object-store-bound-'));
    const own = new ObjectStore(separate);
    try {
      await own.open();
      const incoming = await own.create();
      const bytes = randomBytes((2 * BLOCKS_PER_DOWNLOAD + 16) * 1024 * 1024);
      let offset = 0;
      const give = (size: number) => {
        const room = incoming.take(bytes.subarray(offset, offset + size));
        offset += size;
        return room;
      };
      while (offset < bytes.length - 4 * 1024 * 1024) {
        while (give(256 * 1024) && offset < bytes.length - 4 * 1024 * 1024);
        give(1024 * 1024); // after the phone was held back
        await incoming.ready();
      }
      give(bytes.length - offset);
      const stored = await own.commit(incoming, await incoming.finish());
      expect(readFileSync(own.path(stored.object)).equals(bytes)).toBe(true);
      expect(own.memoryMiB).toBeLessThanOrEqual(BLOCKS_PER_DOWNLOAD + 3);
    } finally {
      await own.close();
      rmSync(separate, { recursive: true, force: true });
    }
  });

  it('takes over a writing thread started early, and stores through it byte for byte', async () => {
    startWriterThreadEarly();
    startWriterThreadEarly(); // once is enough: the second call keeps the first thread
    const separate = mkdtempSync(join(tmpdir(), 'vitre-object-store-early-'));
    const own = new ObjectStore(separate);
    try {
      await own.open();
      const bytes = randomBytes(4 * 1024 * 1024 + 3);
      const stored = await download(bytes, 100_000, own);
      expect(stored.hash).toBe(sha256(bytes));
      expect(readFileSync(own.path(stored.object)).equals(bytes)).toBe(true);
    } finally {
      await own.close();
      rmSync(separate, { recursive: true, force: true });
    }
  });

  it('removes a dropped download, even with blocks still being written', async () => {
    await store.open();
    const incoming = await store.create();
    await incoming.write(randomBytes(6 * 1024 * 1024));
    await incoming.discard();
    expect(readdirSync(incomingFolder(folder)).filter((name) => name.endsWith('.partial'))).toEqual([]);
  });
});

describe('object store downloads where aligned memory cannot be had', () => {
  it('falls back to writing through the page cache, byte for byte', async () => {
    // Simulates a process whose address space is limited (ulimit -v): the shared memory the
    // blocks come from cannot be reserved, so blocks are plain shared buffers, which may start
    // anywhere (one that happens to be aligned must not talk the store into direct writes).
    const refused = vi.spyOn(WebAssembly, 'Memory').mockImplementation(() => {
      throw new RangeError('WebAssembly.Memory(): could not allocate memory');
    });
    const limitedFolder = mkdtempSync(join(tmpdir(), 'vitre-object-store-limited-'));
    const limited = new ObjectStore(limitedFolder);
    try {
      await limited.open();
      expect(refused).toHaveBeenCalled();
      expect(limited.writesDirectly).toBe(false);
      const bytes = randomBytes(3 * 1024 * 1024 + 17);
      const stored = await download(bytes, 100_000, limited);
      expect(stored.hash).toBe(sha256(bytes));
      expect(readFileSync(limited.path(stored.object)).equals(bytes)).toBe(true);
    } finally {
      refused.mockRestore();
      await limited.close();
      rmSync(limitedFolder, { recursive: true, force: true });
    }
  });
});
