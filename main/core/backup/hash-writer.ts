// Hashing and disk writes of downloads, on a thread of their own. On the main thread, sha256 and
// the copy into the page cache took turns with reading the phone: while a block was hashed, the
// phone's next packet waited for its acknowledgement. Here the main thread only copies received
// bytes into a block and tells the thread which block to hash and write; so reading, hashing and
// writing run at once, on as many cores as there are.
// Blocks are 1 MiB slots of shared memory, made once, known to the thread by number, and reused
// for every download after. Moving ArrayBuffers to the thread and back instead (transfer) made
// V8 count 1 MiB of new external memory per move, and collect garbage for it: 166 full
// collections, ~6 CPU-s, in a 2,000-photo backup.
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FromThread, ToThread } from './hash-writer-messages.ts';

const here = fileURLToPath(import.meta.url);
// The same extension as this file: .ts when run from source, .js once built.
const THREAD = join(dirname(here), `hash-writer-thread${extname(here)}`);

export const BLOCK_SIZE = 1024 * 1024;

/** A block: its slot number (what the thread is told) and the slot's bytes. */
export interface Block {
  slot: number;
  bytes: Uint8Array;
}

type Listener = (message: FromThread) => void;

export class HashWriter {
  #worker: Worker | undefined;
  readonly #listeners = new Map<number, Listener>();
  /** Every slot made; as many as were ever in use at once (downloads × blocks per download). */
  #slots: SharedArrayBuffer[] = [];
  #spare: number[] = [];
  #nextId = 1;

  /** Registers a download; `listener` gets the thread's messages about it. */
  open(listener: Listener): number {
    const id = this.#nextId++;
    this.#listeners.set(id, listener);
    // Only while a download waits on the thread does it keep the process alive.
    if (this.#listeners.size === 1) this.#thread().ref();
    return id;
  }

  close(id: number): void {
    if (!this.#listeners.delete(id)) return;
    if (this.#listeners.size === 0) this.#worker?.unref();
  }

  post(message: ToThread): void {
    this.#thread().postMessage(message);
  }

  /** A block to fill (contents undefined): a spare one, or a new slot. */
  block(): Block {
    return this.blockAt(this.#spare.pop() ?? this.#newSlot());
  }

  /** The block of a slot this caller holds (one the thread handed back). */
  blockAt(slot: number): Block {
    return { slot, bytes: new Uint8Array(this.#slots[slot] as SharedArrayBuffer) };
  }

  /** Takes a block back for reuse. */
  giveBack(slot: number): void {
    this.#spare.push(slot);
  }

  #newSlot(): number {
    const slot = this.#slots.length;
    const buffer = new SharedArrayBuffer(BLOCK_SIZE);
    this.#slots.push(buffer);
    this.#worker?.postMessage({ type: 'slot', slot, buffer } satisfies ToThread);
    return slot;
  }

  /** Stops the thread; downloads still open fail. */
  async stop(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    this.#slots = [];
    this.#spare = [];
    for (const [id, listener] of this.#listeners) listener({ type: 'failed', id, message: 'the backup folder was closed while a file was being written' });
    if (worker) await worker.terminate();
  }

  #thread(): Worker {
    if (this.#worker) return this.#worker;
    // None of the parent's flags: the thread needs none, and a worker refuses per-process V8 flags
    // such as the launcher's --max-semi-space-size.
    const worker = new Worker(THREAD, { execArgv: [] });
    worker.unref();
    worker.on('message', (message: FromThread) => this.#listeners.get(message.id)?.(message));
    const lost = (reason: string) => {
      if (this.#worker !== worker) return;
      this.#worker = undefined;
      for (const [id, listener] of this.#listeners) listener({ type: 'failed', id, message: `writing to the backup folder stopped: ${reason}` });
    };
    worker.on('error', (error) => lost(error.message));
    worker.on('exit', (code) => lost(`the writing thread ended (exit code ${code})`));
    for (const [slot, buffer] of this.#slots.entries()) worker.postMessage({ type: 'slot', slot, buffer } satisfies ToThread);
    this.#worker = worker;
    return worker;
  }
}
