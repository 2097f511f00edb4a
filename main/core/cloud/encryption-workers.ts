// Encryption beside the upload's thread. Reading, checking (sha256) and encrypting an object cost
// about as much CPU as sending it; on one thread they take turns with the HTTP upload, in a worker
// they overlap with it (test/bench/cloud.bench.ts). Objects are spread over the workers, several
// per worker, each streamed back in acknowledged pieces, so a slow upload holds back its own
// reading and nothing piles up in memory.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { CryptoError, type CryptoErrorKind, type EncryptionStart } from '../crypto/index.ts';
import { CloudError, type CloudErrorKind } from './cloud-error.ts';
import type { FromWorker, SentError, ToWorker } from './encryption-messages.ts';

const here = fileURLToPath(import.meta.url);
// The same extension as this file: .ts when run from source, .js once built.
const WORKER_FILE = path.join(path.dirname(here), `encryption-worker${path.extname(here)}`);

interface Receiver {
  piece(bytes: Uint8Array): void;
  end(): void;
  fail(error: Error): void;
}

interface Slot {
  worker: Worker;
  receivers: Map<number, Receiver>;
}

export class EncryptionWorkers {
  readonly #count: number;
  readonly #slots: Slot[] = [];
  #nextId = 1;
  #closed = false;

  constructor(count: number) {
    this.#count = Math.max(1, count);
  }

  /** Starts the threads now, so their start-up overlaps other work (listing the destination). */
  start(): void {
    while (!this.#closed && this.#slots.length < this.#count) this.#slots.push(this.#spawn());
  }

  /** The age file of `file` from `start`, after checking the file against `expected` (see checked-file.ts). */
  async *encryptFile(file: string, expected: string, start: EncryptionStart, checkFirst: boolean): AsyncGenerator<Uint8Array> {
    const slot = this.#leastBusy();
    const id = this.#nextId++;
    const queue: Uint8Array[] = [];
    let ended = false;
    let failure: Error | undefined;
    let wake: (() => void) | undefined;
    slot.receivers.set(id, {
      piece(bytes) { queue.push(bytes); wake?.(); },
      end() { ended = true; wake?.(); },
      fail(error) { failure = error; wake?.(); },
    });
    const post = (message: ToWorker) => slot.worker.postMessage(message);
    post({ type: 'start', id, file, expected, checkFirst, start });
    try {
      for (;;) {
        const bytes = queue.shift();
        if (bytes !== undefined) {
          post({ type: 'ack', id });
          yield bytes;
          continue;
        }
        if (failure !== undefined) throw failure;
        if (ended) return;
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
      }
    } finally {
      slot.receivers.delete(id);
      // Stopped early (a failed or retried upload): the worker drops the object and closes its file.
      if (!ended && failure === undefined && this.#slots.includes(slot)) post({ type: 'cancel', id });
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    const slots = this.#slots.splice(0);
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  #leastBusy(): Slot {
    if (this.#closed) throw new Error('the encryption workers were closed');
    this.start();
    return this.#slots.reduce((best, slot) => (slot.receivers.size < best.receivers.size ? slot : best));
  }

  #spawn(): Slot {
    const worker = new Worker(WORKER_FILE, { execArgv: workerExecArgv(process.execArgv) });
    const slot: Slot = { worker, receivers: new Map() };
    worker.on('message', (message: FromWorker) => {
      const receiver = slot.receivers.get(message.id);
      if (receiver === undefined) return;
      if (message.type === 'piece') receiver.piece(message.bytes);
      else if (message.type === 'end') receiver.end();
      else receiver.fail(rebuilt(message.error));
    });
    const lost = (error: Error) => {
      const index = this.#slots.indexOf(slot);
      if (index >= 0) this.#slots.splice(index, 1);
      for (const receiver of slot.receivers.values()) receiver.fail(error);
      slot.receivers.clear();
    };
    worker.on('error', (error) => lost(new Error(`an encryption worker failed: ${error.message}`, { cause: error })));
    worker.on('exit', (code) => lost(new Error(`an encryption worker stopped (exit code ${code})`)));
    return slot;
  }
}

/** The typed error the worker threw, as the engine expects it (kind, permanence, code). */
function rebuilt(sent: SentError): Error {
  if (sent.name === 'CloudError') return new CloudError(sent.kind as CloudErrorKind, sent.message);
  if (sent.name === 'CryptoError') return new CryptoError(sent.kind as CryptoErrorKind, sent.message);
  const error = new Error(sent.message) as Error & { code?: string };
  error.name = sent.name;
  if (sent.code !== undefined) error.code = sent.code;
  return error;
}

/**
 * This process's Node options minus those that only make sense for its own entry point: a
 * worker started from a file refuses `--input-type` and would run `--eval` code again.
 */
export function workerExecArgv(execArgv: readonly string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const arg = execArgv[i]!;
    if (arg.startsWith('--input-type')) continue;
    if (['-e', '--eval', '-p', '--print'].includes(arg)) {
      i += 1; // and the code that follows
      continue;
    }
    if (/^--(eval|print)=/.test(arg)) continue;
    kept.push(arg);
  }
  return kept;
}
