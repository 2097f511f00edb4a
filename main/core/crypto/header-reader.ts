// Reads the age header off the front of a byte stream, keeping whatever payload bytes arrived
// in the same pieces. The header ends at the first line that starts with `---` (stanza bodies
// are base64 and argument lines start with `->`, so neither can look like it).
import { corrupt } from './crypto-error.ts';
import { parseHeader, type Header } from './header.ts';

/** A header this large is not a real one; refusing it keeps memory bounded on hostile input. */
export const MAX_HEADER_BYTES = 1024 * 1024;

export interface HeaderRead {
  readonly header: Header;
  /** Payload bytes that arrived together with the header. */
  readonly rest: Uint8Array;
}

export async function readHeader(source: AsyncIterator<Uint8Array>): Promise<HeaderRead> {
  let buffered = Buffer.alloc(0);
  let searchFrom = 0;
  for (;;) {
    const found = findHeaderEnd(buffered, searchFrom);
    if (found.end !== undefined) {
      return { header: parseHeader(buffered.subarray(0, found.end)), rest: buffered.subarray(found.end) };
    }
    searchFrom = found.searchFrom;
    if (buffered.length > MAX_HEADER_BYTES) throw corrupt('the header is far too long');
    const next = await source.next();
    if (next.done === true) throw corrupt('the file ends inside its header');
    buffered = Buffer.concat([buffered, next.value]);
  }
}

/**
 * The offset just past the MAC line's newline once the whole MAC line has arrived; otherwise
 * where to search again when more bytes come (a marker can straddle two pieces).
 */
function findHeaderEnd(bytes: Buffer, from: number): { end?: number; searchFrom: number } {
  const mark = bytes.indexOf('\n---', from, 'latin1');
  if (mark === -1) return { searchFrom: Math.max(from, bytes.length - 3) };
  const newline = bytes.indexOf(0x0a, mark + 1);
  return newline === -1 ? { searchFrom: mark } : { end: newline + 1, searchFrom: mark };
}
