// The thread behind hash-readers.ts: hashes whole files, one at a time, reading them past the
// page cache where the filesystem allows (O_DIRECT; see direct-writes.ts for why) into memory of
// its own that starts on a page boundary. Plain Node: no imports from the rest of Vitre, so the
// thread starts in a few milliseconds.
import { createHash } from 'node:crypto';
import { closeSync, constants, openSync, readSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import type { FromReader, ToReader } from './hash-reader-messages.ts';

/** Bytes read at a time: a multiple of every disk's block size, as direct reads need. */
const CHUNK = 4 * 1024 * 1024;
const WASM_PAGE = 64 * 1024;
const O_DIRECT: number | undefined = (constants as { O_DIRECT?: number }).O_DIRECT;

const port = parentPort!;
let directReads = true;
// WebAssembly memory starts on a page boundary; a plain buffer's bytes may not (direct reads refuse those).
const buffer = new Uint8Array(new WebAssembly.Memory({ initial: CHUNK / WASM_PAGE, maximum: CHUNK / WASM_PAGE }).buffer);

/** Opens past the page cache where that works (and was not refused before), through it otherwise. */
function openForReading(path: string, allowDirect: boolean): { fd: number; direct: boolean } {
  if (O_DIRECT !== undefined && allowDirect) {
    try {
      return { fd: openSync(path, constants.O_RDONLY | O_DIRECT), direct: true };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EINVAL') throw error;
      directReads = false; // this filesystem has no direct reads
    }
  }
  return { fd: openSync(path, 'r'), direct: false };
}

function hashFile(path: string): string {
  if (directReads) {
    try {
      return hashWith(path, true);
    } catch (error) {
      // A filesystem that opens files for direct reads and then refuses them: read as usual from now on.
      if ((error as NodeJS.ErrnoException).code !== 'EINVAL') throw error;
      directReads = false;
    }
  }
  return hashWith(path, false);
}

function hashWith(path: string, allowDirect: boolean): string {
  const hash = createHash('sha256');
  const { fd, direct } = openForReading(path, allowDirect);
  try {
    for (let position = 0; ; ) {
      const read = readSync(fd, buffer, 0, CHUNK, position);
      if (read === 0) break;
      hash.update(buffer.subarray(0, read));
      position += read;
      // A direct read stops short only at the end of the file (and one after would start off a
      // block boundary, which the kernel refuses).
      if (direct && read < CHUNK) break;
    }
  } finally {
    closeSync(fd);
  }
  return `sha256:${hash.digest('hex')}`;
}

port.on('message', (message: ToReader) => {
  try {
    port.postMessage({ id: message.id, hash: hashFile(message.path) } satisfies FromReader);
  } catch (error) {
    const { message: text, code } = error as NodeJS.ErrnoException;
    port.postMessage({ id: message.id, failed: { message: text, ...(code ? { code } : {}) } } satisfies FromReader);
  }
});
