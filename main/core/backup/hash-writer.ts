// Hashing and disk writes of downloads, on a thread of their own. On the main thread, sha256 and
// the copy into the page cache took turns with reading the phone: while a block was hashed, the
// phone's next packet waited for its acknowledgement. Here the main thread only fills a block with
// received bytes (most are received straight into it) and tells the thread which block to hash and
// write; so reading, hashing and writing run at once, on as many cores as there are.
// Blocks are 1 MiB slots of shared memory, made once, known to the thread by number, and reused
// for every download after. Moving ArrayBuffers to the thread and back instead (transfer) made
// V8 count 1 MiB of new external memory per move, and collect garbage for it: 166 full
// collections, ~6 CPU-s, in a 2,000-photo backup.
// The slots are cut from one shared WebAssembly memory, whose bytes start on a page boundary, so
// every slot does too: writes that bypass the page cache (O_DIRECT, see direct-writes.ts) take
// only such buffers. A SharedArrayBuffer's bytes start wherever the allocator put them (16 bytes
// past a page here: the kernel refused the write with EINVAL).
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FromThread, ToThread } from './hash-writer-messages.ts';

const here = fileURLToPath(import.meta.url);
// The same extension as this file: .ts when run from source, .js once built.
const THREAD = join(dirname(here), `hash-writer-thread${extname(here)}`);

export const BLOCK_SIZE = 1024 * 1024;
const WASM_PAGE = 64 * 1024;
/**
 * Most slots one writer makes: 1 GiB. Backups use far fewer (object-store.ts: 48 in all, and at
 * most one more per download past that, with 64 downloads at most); the bound is what the shared
 * memory reserves (address space, not RAM).
 */
const MAX_SLOTS = 1024;

/** A block: its slot number (what the thread is told) and the slot's bytes. */
export interface Block {
  slot: number;
  bytes: Uint8Array;
}

type Listener = (message: FromThread) => void;

/**
 * A thread started before any writer needs one (startWriterThreadEarly), adopted by the next
 * writer. Starting one takes 50–70 ms (a new isolate, the egress guard's preload, the module),
 * more while the process is still loading its own modules: started with the store, the first
 * block of a backup reached it 100–125 ms after the phone's first bytes.
 */
let early: Worker | undefined;

/** None of the parent's flags: the thread needs none, and a worker refuses per-process V8 flags such as the launcher's --max-semi-space-size. */
function newThread(): Worker {
  const worker = new Worker(THREAD, { execArgv: [] });
  worker.unref();
  return worker;
}

/** Starts a writing thread now, for the next writer to adopt (a backup calls this before it reaches the phone). */
export function startWriterThreadEarly(): void {
  if (early) return;
  const worker = newThread();
  early = worker;
  const gone = () => {
    if (early === worker) early = undefined;
  };
  worker.once('exit', gone);
  worker.once('error', gone);
}

function adoptEarlyThread(): Worker | undefined {
  const worker = early;
  early = undefined;
  // threadId is -1 once a thread has stopped.
  return worker && worker.threadId !== -1 ? worker : undefined;
}

export class HashWriter {
  #worker: Worker | undefined;
  readonly #listeners = new Map<number, Listener>();
  /**
   * The memory slots are cut from, grown one slot at a time as slots are needed; null where it
   * could not be made (a limit on address space): slots are then plain shared buffers, which may
   * start anywhere, so the store writes through the page cache.
   */
  #memory: WebAssembly.Memory | null | undefined;
  /** Every slot made; as many as were ever in use at once (downloads × blocks per download). */
  #slots: Uint8Array[] = [];
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

  /** Starts the thread now (it takes ~50 ms), so that it is up before the first download. */
  start(): void {
    this.#thread();
  }

  close(id: number): void {
    if (!this.#listeners.delete(id)) return;
    if (this.#listeners.size === 0) this.#worker?.unref();
  }

  post(message: ToThread): void {
    this.#thread().postMessage(message);
  }

  /** Every block starts on a page boundary (known once a block was made): direct writes may take them. */
  get alignedBlocks(): boolean {
    return this.#memory instanceof WebAssembly.Memory;
  }

  /** Slots made so far: the memory the writer holds, in use or spare. */
  get slotsMade(): number {
    return this.#slots.length;
  }

  /** Blocks handed out and not given back yet (held by downloads or on the thread). */
  get blocksInUse(): number {
    return this.#slots.length - this.#spare.length;
  }

  /** A block to fill (contents undefined): a spare one, or a new slot. */
  block(): Block {
    return this.blockAt(this.#spare.pop() ?? this.#newSlot());
  }

  /** The block of a slot this caller holds (one the thread handed back). */
  blockAt(slot: number): Block {
    return { slot, bytes: this.#slots[slot] as Uint8Array };
  }

  /** Takes a block back for reuse. */
  giveBack(slot: number): void {
    this.#spare.push(slot);
  }

  #newSlot(): number {
    const slot = this.#slots.length;
    if (slot >= MAX_SLOTS) throw new Error(`more than ${MAX_SLOTS} blocks of ${BLOCK_SIZE} bytes in use at once: pull fewer files at a time`);
    if (this.#memory === undefined) this.#memory = alignedMemory();
    let bytes: Uint8Array;
    if (this.#memory) {
      this.#memory.grow(BLOCK_SIZE / WASM_PAGE);
      // Shared memory never moves when it grows: views made before stay valid.
      bytes = new Uint8Array(this.#memory.buffer, slot * BLOCK_SIZE, BLOCK_SIZE);
    } else {
      bytes = new Uint8Array(new SharedArrayBuffer(BLOCK_SIZE));
    }
    this.#slots.push(bytes);
    this.#worker?.postMessage(slotMessage(slot, bytes));
    return slot;
  }

  /**
   * Stops the thread; downloads still open fail. The slots stay (the thread is started again if
   * the writer is used after); those the thread held are not handed back, which only a failed
   * download can leave.
   */
  async stop(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    for (const [id, listener] of this.#listeners) listener({ type: 'failed', id, message: 'the backup folder was closed while a file was being written' });
    if (worker) await worker.terminate();
  }

  #thread(): Worker {
    if (this.#worker) return this.#worker;
    const worker = adoptEarlyThread() ?? newThread();
    worker.on('message', (message: FromThread) => this.#listeners.get(message.id)?.(message));
    const lost = (reason: string) => {
      if (this.#worker !== worker) return;
      this.#worker = undefined;
      for (const [id, listener] of this.#listeners) listener({ type: 'failed', id, message: `writing to the backup folder stopped: ${reason}` });
    };
    worker.on('error', (error) => lost(error.message));
    worker.on('exit', (code) => lost(`the writing thread ended (exit code ${code})`));
    for (const [slot, bytes] of this.#slots.entries()) worker.postMessage(slotMessage(slot, bytes));
    this.#worker = worker;
    return worker;
  }
}

/** Shared memory reserved for MAX_SLOTS blocks (address space only), or null if refused. */
function alignedMemory(): WebAssembly.Memory | null {
  try {
    return new WebAssembly.Memory({ initial: 0, maximum: (MAX_SLOTS * BLOCK_SIZE) / WASM_PAGE, shared: true });
  } catch {
    return null;
  }
}

function slotMessage(slot: number, bytes: Uint8Array): ToThread {
  return { type: 'slot', slot, buffer: bytes.buffer as SharedArrayBuffer, offset: bytes.byteOffset, length: bytes.length };
}
