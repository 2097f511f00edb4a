// One narrow, streaming storage interface for every place a backup can go (restic's backend
// interface, `internal/backend/backend.go`): save, load, stat, list, remove. Backends implement
// it plainly; retry, limits and activity context are decorators stacked in open-destination.ts.
import type { Readable } from 'node:stream';

/**
 * What `put` uploads. A one-shot stream can be sent once; a function that opens the source again
 * (a file, an encrypted file) lets the retry decorator send it again after a failure.
 */
export type ObjectBody =
  | Uint8Array
  | ReadableStream<Uint8Array>
  | AsyncIterable<Uint8Array>
  | (() => ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>);

export interface PutOptions {
  /** Exact byte count when known: lets backends send Content-Length and choose single or multipart. */
  size?: number;
  signal?: AbortSignal;
}

/** Inclusive byte range, as in HTTP: `{ start: 0, end: 9 }` is the first ten bytes. */
export interface ByteRange {
  start: number;
  /** Last byte (inclusive); to the end of the object when left out. */
  end?: number;
}

export interface GetOptions {
  signal?: AbortSignal;
  range?: ByteRange;
}

export interface ObjectInfo {
  name: string;
  size: number;
  /** The server's entity tag when it offers one (S3, most WebDAV servers); quotes removed. */
  etag?: string;
  modified?: Date;
}

export interface Destination {
  /** What the user called this destination ("Photos bucket"); used in Activity and errors. */
  readonly name: string;
  /** Stores `body` under `name`, replacing any object there; never leaves a partial object under `name`. */
  put(name: string, body: ObjectBody, options?: PutOptions): Promise<ObjectInfo>;
  /** The object's bytes (or the range asked for) as a stream that fails if the transfer is cut short. */
  get(name: string, options?: GetOptions): Promise<Readable>;
  stat(name: string, options?: { signal?: AbortSignal }): Promise<ObjectInfo>;
  /** Every object whose name starts with `prefix`, in no particular order. */
  list(prefix: string, options?: { signal?: AbortSignal }): AsyncIterable<ObjectInfo>;
  /** Removes the object; a missing object is a not-found error. */
  delete(name: string, options?: { signal?: AbortSignal }): Promise<void>;
  /** Releases connections and timers. */
  close(): Promise<void>;
}
