// The thread behind hash-writer.ts: hashes each block of a download as it comes, then writes it
// at its offset (the write runs in the thread pool, so the next block is hashed meanwhile), and
// hands the block back once the disk has it. Blocks are slots of memory shared with the main
// thread, named by number. Everything here is plain Node: no imports from the
// rest of Vitre, so the thread starts in a few milliseconds.
import { createHash, type Hash } from 'node:crypto';
import { fdatasync, ftruncate, write, writev } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import type { FromThread, ToThread } from './hash-writer-messages.ts';

interface Download {
  hash: Hash;
  /** Blocks hashed and waiting for the disk, in file order; the first is being written. */
  queue: BlockMessage[];
  failure?: { message: string; code?: string };
  ending?: 'end' | 'drop';
  /** Bytes written since the last flush was started. */
  unflushed: number;
  /** Flushes running in the thread pool: the file must stay open until they end. */
  flushing: number;
}

/**
 * A large file is flushed to disk as it is written, not all at its end: the kernel starts
 * writing dirty pages back only past a share of memory (10 % by default: gigabytes), so without
 * this the final fsync of a 2 GiB video waited seconds for the whole file, after the transfer.
 * Each flush runs in the thread pool while the next blocks are hashed and written. Every 128 MiB
 * measured best for a 2 GiB backup (alternating runs, same phone): 5.05–5.2 s, against 5.2–5.3 s
 * at 256 MiB, 5.6–5.7 s with only the final fsync, and 6.0–7.2 s at 32 MiB (more, smaller flushes
 * stall the writes behind them).
 */
const FLUSH_EVERY = 128 * 1024 * 1024;

/**
 * A file open with O_DIRECT takes writes of whole 4 KiB units only (the largest logical block
 * size disks use): a download's last, partial block is written zero-padded to the next unit, and
 * the file cut back to its length after.
 */
const DIRECT_UNIT = 4096;
/** Most blocks written with one call (see BLOCKS_PER_DOWNLOAD in object-store.ts). */
const MOST_AT_ONCE = 32;

type BlockMessage = Extract<ToThread, { type: 'block' }>;

const port = parentPort!;
const downloads = new Map<number, Download>();
/** The block slots' memory, shared with the main thread (hash-writer.ts). */
const slots: Uint8Array[] = [];

function downloadOf(id: number): Download {
  let download = downloads.get(id);
  if (!download) {
    download = { hash: createHash('sha256'), queue: [], unflushed: 0, flushing: 0 };
    downloads.set(id, download);
  }
  return download;
}

/**
 * Writes the download's waiting blocks, one write call at a time (consecutive full blocks in one
 * call, see nextBatch): two writes to one file at once only contend for the file's lock in the
 * kernel (measured: the second spins on it), while hashing goes on here.
 */
function writeNext(download: Download): void {
  const batch = nextBatch(download.queue);
  if (batch.length === 0) return;
  const written: Done = (error) => {
    download.queue.splice(0, batch.length);
    const first = batch[0]!;
    const failed = error ? { message: error.message, ...(error.code ? { code: error.code } : {}) } : undefined;
    if (failed) download.failure ??= failed;
    for (const block of batch) download.unflushed += block.length;
    // Direct writes leave no dirty pages behind: nothing to flush until the end.
    if (!failed && !first.direct && download.unflushed >= FLUSH_EVERY) {
      download.unflushed = 0;
      download.flushing += 1;
      // Errors are not lost: the final fsync reports whatever the disk could not take.
      fdatasync(first.fd, () => {
        download.flushing -= 1;
        settle(first.id, download);
      });
    }
    for (const block of batch) port.postMessage({ type: 'free', id: block.id, slot: block.slot, ...(failed ? { failed } : {}) } satisfies FromThread);
    if (download.failure) {
      // The rest will not be written: hand the blocks back at once.
      for (const skipped of download.queue.splice(0)) port.postMessage({ type: 'free', id: skipped.id, slot: skipped.slot } satisfies FromThread);
    }
    writeNext(download);
    settle(first.id, download);
  };
  if (batch.length === 1) writeBlock(batch[0]!, written);
  else writeBlocks(batch, written);
}

/**
 * The blocks to write next: every full block waiting, in file order, up to MOST_AT_ONCE, in one
 * call; a last, partial block goes alone (it may need padding). Fewer, larger writes go faster
 * past the page cache (2 GiB in 1 MiB writes 1.7–2.0 s, in 4 MiB writes 1.6–1.75 s).
 */
function nextBatch(queue: BlockMessage[]): BlockMessage[] {
  const batch = queue.slice(0, 1);
  for (const block of queue.slice(1, MOST_AT_ONCE)) {
    const previous = batch.at(-1)!;
    if (!isFull(previous) || !isFull(block) || block.position !== previous.position + previous.length) break;
    batch.push(block);
  }
  return batch;
}

function isFull(block: BlockMessage): boolean {
  return block.length === (slots[block.slot] as Uint8Array).length;
}

type Done = (error: NodeJS.ErrnoException | null) => void;

/** Writes full, consecutive blocks with one call (pwritev). */
function writeBlocks(batch: BlockMessage[], done: Done): void {
  const first = batch[0]!;
  writeAll(first.fd, batch.map((block) => (slots[block.slot] as Uint8Array).subarray(0, block.length)), first.position, first.direct, done);
}

/**
 * Writes all of `views`, one after another from `position`, continuing after a short write (a
 * disk nearly full). A direct file goes on from the last whole unit written (its writes must
 * start on one; rewriting part of a unit writes the same bytes), and a write that takes no whole
 * unit is the disk being full.
 */
function writeAll(fd: number, views: Uint8Array[], position: number, direct: boolean, done: Done): void {
  const total = views.reduce((sum, view) => sum + view.length, 0);
  const wrote = (error: NodeJS.ErrnoException | null, written: number) => {
    if (error) return done(error);
    if (written >= total) return done(null);
    const progress = direct ? Math.floor(written / DIRECT_UNIT) * DIRECT_UNIT : written;
    if (progress === 0) return done(Object.assign(new Error('No space left on device: the disk took only part of a write'), { code: 'ENOSPC' }));
    writeAll(fd, after(views, progress), position + progress, direct, done);
  };
  if (views.length === 1) write(fd, views[0]!, 0, views[0]!.length, position, wrote);
  else writev(fd, views, position, wrote);
}

/** What is left of `views` past their first `skip` bytes. */
function after(views: Uint8Array[], skip: number): Uint8Array[] {
  const rest: Uint8Array[] = [];
  for (const view of views) {
    if (skip >= view.length) skip -= view.length;
    else {
      rest.push(view.subarray(skip));
      skip = 0;
    }
  }
  return rest;
}

/** Writes a block at its offset; a partial block of a direct file padded, then the file cut to length. */
function writeBlock(block: BlockMessage, done: Done): void {
  const slot = slots[block.slot] as Uint8Array;
  const padded = block.direct ? Math.ceil(block.length / DIRECT_UNIT) * DIRECT_UNIT : block.length;
  if (padded === block.length) {
    writeAll(block.fd, [slot.subarray(0, block.length)], block.position, block.direct, done);
    return;
  }
  // Zeros, not whatever an earlier download left in the slot, go past the end until the cut.
  slot.fill(0, block.length, padded);
  writeAll(block.fd, [slot.subarray(0, padded)], block.position, block.direct, (error) => {
    if (error) done(error);
    else ftruncate(block.fd, block.position + block.length, done);
  });
}

function settle(id: number, download: Download): void {
  if (download.ending === undefined || download.queue.length > 0 || download.flushing > 0) return;
  downloads.delete(id);
  if (download.failure) port.postMessage({ type: 'failed', id, ...download.failure });
  else if (download.ending === 'end') port.postMessage({ type: 'done', id, hash: `sha256:${download.hash.digest('hex')}` });
  else port.postMessage({ type: 'dropped', id });
}

port.on('message', (message: ToThread) => {
  if (message.type === 'slot') {
    slots[message.slot] = new Uint8Array(message.buffer, message.offset, message.length);
    return;
  }
  const download = downloadOf(message.id);
  if (message.type === 'block') {
    const view = (slots[message.slot] as Uint8Array).subarray(0, message.length);
    if (download.failure || download.ending) {
      port.postMessage({ type: 'free', id: message.id, slot: message.slot } satisfies FromThread);
      return;
    }
    download.hash.update(view);
    download.queue.push(message);
    if (download.queue.length === 1) writeNext(download);
    return;
  }
  download.ending = message.type;
  settle(message.id, download);
});
