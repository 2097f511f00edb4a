// Hashing and disk writes of downloads, on a thread of their own. On the main thread, sha256 and
// the copy into the page cache took turns with reading the phone: while a block was hashed, the
// phone's next packet waited for its acknowledgement. Here the main thread only copies received
// bytes into a block and moves the block (transferred, not copied) to the thread, which hashes it
// and writes it; so reading, hashing and writing run at once, on as many cores as there are.
// Blocks of 1 MiB are reused across downloads, so a long backup allocates a handful of them.
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FromThread, ToThread } from './hash-writer-messages.ts';

const here = fileURLToPath(import.meta.url);
// The same extension as this file: .ts when run from source, .js once built.
const THREAD = join(dirname(here), `hash-writer-thread${extname(here)}`);

export const BLOCK_SIZE = 1024 * 1024;
/** Full-size blocks kept for reuse: enough for the downloads that run at once (see pool.ts). */
const SPARE_BLOCKS = 16;

type Listener = (message: FromThread) => void;

export class HashWriter {
  #worker: Worker | undefined;
  readonly #listeners = new Map<number, Listener>();
  readonly #spare: ArrayBuffer[] = [];
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

  post(message: ToThread, transfer: ArrayBuffer[] = []): void {
    this.#thread().postMessage(message, transfer);
  }

  /** A block of `size` bytes (a spare one if it is full size), contents undefined. */
  block(size: number): ArrayBuffer {
    if (size === BLOCK_SIZE) {
      const spare = this.#spare.pop();
      if (spare) return spare;
    }
    return Buffer.allocUnsafeSlow(size).buffer as ArrayBuffer;
  }

  /** Takes a block back for reuse. */
  giveBack(block: ArrayBuffer): void {
    if (block.byteLength === BLOCK_SIZE && this.#spare.length < SPARE_BLOCKS) this.#spare.push(block);
  }

  /** Stops the thread; downloads still open fail. */
  async stop(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    this.#spare.length = 0;
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
    this.#worker = worker;
    return worker;
  }
}
