// Error mapping and range slicing for the WebDAV backend.
import { Readable } from 'node:stream';
import type { ByteRange } from './destination.ts';
import { DestinationError, abortedError, errorForStatus, isNetworkFailure, networkError, withoutSecrets } from './destination-error.ts';

export function webdavError(destination: string, what: string, error: unknown, secrets: readonly string[], signal?: AbortSignal): DestinationError {
  if (error instanceof DestinationError) return error;
  if (signal?.aborted || (error as { name?: string }).name === 'AbortError') return abortedError(destination, what, signal);
  const status = (error as { status?: unknown }).status ?? (error as { response?: { status?: unknown } }).response?.status;
  const message = error instanceof Error ? error.message : String(error);
  const cause = new Error(withoutSecrets(message, secrets));
  // RFC 4918 (9.7.1, 9.3.1): 409 on PUT or MKCOL means a parent collection is missing, which
  // waiting will not fix.
  if (status === 409) return new DestinationError('invalid-config', destination, `${what}: the server says the folder above it does not exist (HTTP 409). Check the WebDAV address.`, { cause });
  if (typeof status === 'number') return errorForStatus(destination, status, what, cause);
  if (isNetworkFailure(error)) return networkError(destination, what, error);
  return new DestinationError('network', destination, `${what}: the request failed; it will be tried again.`, { cause });
}

/** The bytes `range` asks for out of a whole-object download. */
export function sliceDownload(body: Readable, range: ByteRange, expected: number | undefined, destination: string, what: string): Readable {
  async function* sliced() {
    let offset = 0;
    for await (const chunk of body) {
      const bytes = chunk as Uint8Array;
      const from = Math.max(range.start - offset, 0);
      const to = range.end === undefined ? bytes.byteLength : Math.min(range.end + 1 - offset, bytes.byteLength);
      if (to > from) yield bytes.subarray(from, to);
      offset += bytes.byteLength;
      if (range.end !== undefined && offset > range.end) break;
    }
    if (expected !== undefined && offset < Math.min(expected, (range.end ?? expected - 1) + 1)) {
      throw new DestinationError('truncated', destination, `${what}: the download stopped early; it will be tried again.`);
    }
  }
  return Readable.from(sliced(), { objectMode: false });
}
