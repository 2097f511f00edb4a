// Bounds how many requests run against one destination at once (restic's `sema` backend).
// A download holds its slot until the stream is read to the end or dropped, so a slow reader
// cannot make the limit a lie. Retries sit outside this decorator: a request waiting out its
// backoff does not hold a slot.
import { Readable } from 'node:stream';
import type { Destination, GetOptions, ObjectBody, ObjectInfo, PutOptions } from './destination.ts';
import { abortedError } from './destination-error.ts';

export class Slots {
  readonly #waiting: (() => void)[] = [];
  #free: number;

  constructor(count: number) {
    this.#free = Math.max(1, count);
  }

  async acquire(signal: AbortSignal | undefined, onAbort: () => Error): Promise<() => void> {
    if (signal?.aborted) throw onAbort();
    if (this.#free > 0) {
      this.#free -= 1;
      return this.#releaser();
    }
    await new Promise<void>((resolve, reject) => {
      const wake = () => {
        signal?.removeEventListener('abort', cancel);
        resolve();
      };
      const cancel = () => {
        const index = this.#waiting.indexOf(wake);
        if (index >= 0) this.#waiting.splice(index, 1);
        reject(onAbort());
      };
      this.#waiting.push(wake);
      signal?.addEventListener('abort', cancel, { once: true });
    });
    return this.#releaser();
  }

  #releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiting.shift();
      if (next === undefined) this.#free += 1;
      else next();
    };
  }
}

export class LimitedDestination implements Destination {
  readonly name: string;
  readonly #inner: Destination;
  readonly #slots: Slots;

  constructor(inner: Destination, concurrency: number) {
    this.#inner = inner;
    this.name = inner.name;
    this.#slots = new Slots(concurrency);
  }

  put(name: string, body: ObjectBody, options: PutOptions = {}): Promise<ObjectInfo> {
    return this.#run(`saving "${name}"`, options.signal, () => this.#inner.put(name, body, options));
  }

  async get(name: string, options: GetOptions = {}): Promise<Readable> {
    const release = await this.#slots.acquire(options.signal, () => abortedError(this.name, `reading "${name}"`, options.signal));
    try {
      const stream = await this.#inner.get(name, options);
      return Readable.from(releasing(stream, release), { objectMode: false });
    } catch (error) {
      release();
      throw error;
    }
  }

  stat(name: string, options: { signal?: AbortSignal } = {}): Promise<ObjectInfo> {
    return this.#run(`looking up "${name}"`, options.signal, () => this.#inner.stat(name, options));
  }

  // A slot is held only while the next entry (usually the next page) is fetched, not while the
  // caller handles entries: a caller that reads each listed object must not deadlock the limit.
  async *list(prefix: string, options: { signal?: AbortSignal } = {}): AsyncIterable<ObjectInfo> {
    const iterator = this.#inner.list(prefix, options)[Symbol.asyncIterator]();
    try {
      for (;;) {
        const step = await this.#run(`listing "${prefix}"`, options.signal, () => iterator.next());
        if (step.done === true) return;
        yield step.value;
      }
    } finally {
      await iterator.return?.();
    }
  }

  delete(name: string, options: { signal?: AbortSignal } = {}): Promise<void> {
    return this.#run(`deleting "${name}"`, options.signal, () => this.#inner.delete(name, options));
  }

  close(): Promise<void> {
    return this.#inner.close();
  }

  async #run<T>(what: string, signal: AbortSignal | undefined, run: () => Promise<T>): Promise<T> {
    const release = await this.#slots.acquire(signal, () => abortedError(this.name, what, signal));
    try {
      return await run();
    } finally {
      release();
    }
  }
}

async function* releasing(stream: Readable, release: () => void): AsyncIterable<Uint8Array> {
  try {
    for await (const chunk of stream) yield chunk as Uint8Array;
  } finally {
    release();
    stream.destroy();
  }
}
