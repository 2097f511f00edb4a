// Turning the bodies callers hand to `put` into bytes, with the checks every backend needs:
// honour the abort signal between chunks and refuse a body whose length differs from the size
// the caller promised (a short file must not become a short object).
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { ObjectBody } from './destination.ts';
import { DestinationError, abortedError } from './destination-error.ts';

/** True when the body can be opened again: the retry decorator resends only those. */
export function isReplayable(body: ObjectBody): boolean {
  return body instanceof Uint8Array || typeof body === 'function';
}

/** The body's chunks, opened afresh for a function body. */
export function chunksOf(body: ObjectBody): AsyncIterable<Uint8Array> {
  if (body instanceof Uint8Array) return oneChunk(body);
  const opened = typeof body === 'function' ? body() : body;
  if (opened instanceof ReadableStream) return Readable.fromWeb(opened as WebReadableStream<Uint8Array>);
  return opened;
}

async function* oneChunk(bytes: Uint8Array): AsyncIterable<Uint8Array> {
  if (bytes.byteLength > 0) yield bytes;
}

export interface CheckedOptions {
  destination: string;
  what: string;
  size?: number;
  signal?: AbortSignal;
}

const sourceFailures = new WeakSet<object>();

/**
 * The error the body's own source threw (reading or checking the local file), when `error` is
 * one or wraps one: backends hand it back as it is, so its kind and permanence reach the caller
 * instead of passing for a network failure worth retrying.
 */
export function sourceFailureOf(error: unknown): Error | undefined {
  let current = error;
  for (let depth = 0; depth < 8 && typeof current === 'object' && current !== null; depth++) {
    if (sourceFailures.has(current)) return current as Error;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Passes chunks through, failing on abort and when the byte count differs from `size`. */
export async function* checkedChunks(chunks: AsyncIterable<Uint8Array>, options: CheckedOptions): AsyncIterable<Uint8Array> {
  const { destination, what, size, signal } = options;
  const source = chunks[Symbol.asyncIterator]();
  let total = 0;
  let finished = false;
  try {
    for (;;) {
      let next: IteratorResult<Uint8Array>;
      try {
        next = await source.next();
      } catch (error) {
        finished = true;
        if (typeof error === 'object' && error !== null) sourceFailures.add(error);
        throw error;
      }
      if (next.done === true) {
        finished = true;
        break;
      }
      const chunk = next.value;
      if (signal?.aborted) throw abortedError(destination, what, signal);
      total += chunk.byteLength;
      if (size !== undefined && total > size) throw sizeMismatch(destination, what, size, total);
      yield chunk;
    }
  } finally {
    // Stopped early (a failed request, a size mismatch): let the source close its file.
    if (!finished) await source.return?.();
  }
  if (signal?.aborted) throw abortedError(destination, what, signal);
  if (size !== undefined && total !== size) throw sizeMismatch(destination, what, size, total);
}

function sizeMismatch(destination: string, what: string, size: number, total: number): DestinationError {
  const more = total > size ? 'more' : 'fewer';
  return new DestinationError('invalid-config', destination, `${what}: the source gave ${more} bytes than the ${size} announced (the file changed while it was read?)`);
}

/** A Node stream of the body's checked chunks, for clients that want one. */
export function readableOf(body: ObjectBody, options: CheckedOptions): Readable {
  return Readable.from(checkedChunks(chunksOf(body), options), { objectMode: false });
}

/**
 * Wraps a downloaded stream so that a body shorter or longer than the server announced fails
 * instead of ending quietly: a proxy or server that hangs up mid-body must not pass as success.
 */
export function countedDownload(source: AsyncIterable<Uint8Array>, expected: number | undefined, destination: string, what: string): Readable {
  async function* counted() {
    let total = 0;
    for await (const chunk of source) {
      total += chunk.byteLength;
      yield chunk;
    }
    if (expected !== undefined && total !== expected) {
      throw new DestinationError('truncated', destination, `${what}: the download stopped after ${total} of ${expected} bytes; it will be tried again.`);
    }
  }
  return Readable.from(counted(), { objectMode: false });
}
