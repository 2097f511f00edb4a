// Retries transient failures with exponential backoff and full jitter (the AWS Architecture
// Blog's "Exponential Backoff And Jitter": a random wait in [0, min(cap, base * 2^attempt)]
// spreads retries from many uploads instead of synchronising them). Permanent errors and
// cancellations are returned at once. Bounded by attempts and by total time.
import { Readable } from 'node:stream';
import type { Destination, GetOptions, ObjectBody, ObjectInfo, PutOptions } from './destination.ts';
import { DestinationError, isPermanent } from './destination-error.ts';
import { isReplayable } from './object-body.ts';

export interface RetryOptions {
  /** Tries per operation, the first included. */
  attempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Stop retrying once this much time has passed since the first try. */
  maxElapsedMs?: number;
  /** Called before each wait: lets the engine say "retrying in 2 s" and tests count retries. */
  onRetry?: (event: { operation: string; name: string; attempt: number; delayMs: number; error: unknown }) => void;
}

export class RetryDestination implements Destination {
  readonly name: string;
  readonly #inner: Destination;
  readonly #options: Required<Omit<RetryOptions, 'onRetry'>> & Pick<RetryOptions, 'onRetry'>;

  constructor(inner: Destination, options: RetryOptions = {}) {
    this.#inner = inner;
    this.name = inner.name;
    this.#options = { attempts: 8, baseDelayMs: 250, maxDelayMs: 15_000, maxElapsedMs: 5 * 60_000, ...options };
  }

  put(name: string, body: ObjectBody, options: PutOptions = {}): Promise<ObjectInfo> {
    // A one-shot stream cannot be sent twice: the caller gets the first failure.
    if (!isReplayable(body)) return this.#inner.put(name, body, options);
    return this.#retry('put', name, options.signal, () => this.#inner.put(name, body, options));
  }

  async get(name: string, options: GetOptions = {}): Promise<Readable> {
    const first = await this.#retry('get', name, options.signal, () => this.#inner.get(name, options));
    return Readable.from(this.#resumingDownload(name, options, first), { objectMode: false });
  }

  // A download cut short is continued with a range request from the first byte not yet
  // delivered, so the consumer sees one unbroken stream and no byte twice.
  async *#resumingDownload(name: string, options: GetOptions, first: Readable): AsyncIterable<Uint8Array> {
    const start = options.range?.start ?? 0;
    let delivered = 0;
    let stream = first;
    let failures = 0;
    for (;;) {
      try {
        for await (const chunk of stream) {
          delivered += (chunk as Uint8Array).byteLength;
          yield chunk as Uint8Array;
        }
        return;
      } catch (error) {
        failures += 1;
        if (!this.#shouldRetry(error, failures, options.signal, Date.now())) throw error;
        await this.#pause('get', name, failures, error, options.signal);
        const range = { start: start + delivered, end: options.range?.end };
        stream = await this.#retry('get', name, options.signal, () => this.#inner.get(name, { ...options, range }));
      }
    }
  }

  stat(name: string, options: { signal?: AbortSignal } = {}): Promise<ObjectInfo> {
    return this.#retry('stat', name, options.signal, () => this.#inner.stat(name, options));
  }

  // Listings restart from the beginning on failure, skipping names already returned.
  async *list(prefix: string, options: { signal?: AbortSignal } = {}): AsyncIterable<ObjectInfo> {
    const seen = new Set<string>();
    const started = Date.now();
    for (let attempt = 1; ; attempt++) {
      try {
        for await (const info of this.#inner.list(prefix, options)) {
          if (seen.has(info.name)) continue;
          seen.add(info.name);
          yield info;
        }
        return;
      } catch (error) {
        if (!this.#shouldRetry(error, attempt, options.signal, started)) throw error;
        await this.#pause('list', prefix, attempt, error, options.signal);
      }
    }
  }

  delete(name: string, options: { signal?: AbortSignal } = {}): Promise<void> {
    return this.#retry('delete', name, options.signal, () => this.#inner.delete(name, options));
  }

  close(): Promise<void> {
    return this.#inner.close();
  }

  async #retry<T>(operation: string, name: string, signal: AbortSignal | undefined, run: () => Promise<T>): Promise<T> {
    const started = Date.now();
    for (let attempt = 1; ; attempt++) {
      try {
        return await run();
      } catch (error) {
        if (!this.#shouldRetry(error, attempt, signal, started)) throw error;
        await this.#pause(operation, name, attempt, error, signal);
      }
    }
  }

  #shouldRetry(error: unknown, attempt: number, signal: AbortSignal | undefined, started: number): boolean {
    if (signal?.aborted || isPermanent(error)) return false;
    return attempt < this.#options.attempts && Date.now() - started < this.#options.maxElapsedMs;
  }

  async #pause(operation: string, name: string, attempt: number, error: unknown, signal?: AbortSignal): Promise<void> {
    const { baseDelayMs, maxDelayMs } = this.#options;
    const delayMs = Math.round(Math.random() * Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1)));
    this.#options.onRetry?.({ operation, name, attempt, delayMs, error });
    await sleep(delayMs, signal, this.name);
  }
}

function sleep(ms: number, signal: AbortSignal | undefined, destination: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(new DestinationError('aborted', destination, 'cancelled while waiting to retry', { cause: signal?.reason }));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
}
