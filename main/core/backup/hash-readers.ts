// Hashing stored files for verify, on as many threads as the computer has cores (at most 4). On
// the main thread, one file at a time through the page cache, a 7.4 GB backup took 20 s to verify
// here, 9.6 s of it the kernel filling the page cache; sha256 is the rest, and it runs on one core
// per file, so files are spread over threads.
import { availableParallelism } from 'node:os';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FromReader, ToReader } from './hash-reader-messages.ts';

const here = fileURLToPath(import.meta.url);
// The same extension as this file: .ts when run from source, .js once built.
const THREAD = join(dirname(here), `hash-reader-thread${extname(here)}`);

interface Job {
  id: number;
  path: string;
  resolve: (hash: string) => void;
  reject: (error: Error) => void;
}

/** A file the thread could not read, as the Error reading it here would have thrown (code kept). */
function readError(failed: { message: string; code?: string }): Error {
  return Object.assign(new Error(failed.message), failed.code ? { code: failed.code } : {});
}

export class HashReaders {
  readonly #size: number;
  readonly #idle: Worker[] = [];
  readonly #all: Worker[] = [];
  readonly #waiting: Job[] = [];
  readonly #running = new Map<Worker, Job>();
  #nextId = 1;
  #closed = false;

  constructor(threads = Math.min(availableParallelism(), 4)) {
    this.#size = Math.max(1, threads);
  }

  /** "sha256:<hex>" of the file at `path`; rejects as reading it would (ENOENT, EIO...). */
  hash(path: string): Promise<string> {
    if (this.#closed) return Promise.reject(new Error('the hash readers are closed'));
    return new Promise((resolve, reject) => {
      this.#waiting.push({ id: this.#nextId++, path, resolve, reject });
      this.#next();
    });
  }

  /** Stops the threads; files still waiting or being hashed fail. */
  async close(): Promise<void> {
    this.#closed = true;
    const stopped = new Error('verify stopped before this file was hashed');
    for (const job of this.#waiting.splice(0)) job.reject(stopped);
    for (const job of this.#running.values()) job.reject(stopped);
    this.#running.clear();
    await Promise.all(this.#all.splice(0).map((worker) => worker.terminate()));
    this.#idle.length = 0;
  }

  #next(): void {
    while (this.#waiting.length > 0) {
      const worker = this.#idle.pop() ?? this.#newWorker();
      if (!worker) return;
      const job = this.#waiting.shift()!;
      this.#running.set(worker, job);
      worker.postMessage({ id: job.id, path: job.path } satisfies ToReader);
    }
  }

  #newWorker(): Worker | undefined {
    if (this.#all.length >= this.#size) return undefined;
    // None of the parent's flags: a worker refuses per-process V8 flags such as the launcher's.
    const worker = new Worker(THREAD, { execArgv: [] });
    this.#all.push(worker);
    worker.on('message', (message: FromReader) => {
      const job = this.#running.get(worker);
      this.#running.delete(worker);
      if (job) {
        if ('hash' in message) job.resolve(message.hash);
        else job.reject(readError(message.failed));
      }
      if (!this.#closed) {
        this.#idle.push(worker);
        this.#next();
      }
    });
    const lost = (reason: string) => {
      const job = this.#running.get(worker);
      this.#running.delete(worker);
      this.#all.splice(this.#all.indexOf(worker), 1);
      job?.reject(new Error(`hashing stopped: ${reason}`));
      if (!this.#closed) this.#next();
    };
    worker.on('error', (error) => lost(error.message));
    worker.on('exit', (code) => {
      if (this.#all.includes(worker)) lost(`the hashing thread ended (exit code ${code})`);
    });
    return worker;
  }
}
