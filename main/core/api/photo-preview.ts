// A stored photo made small enough to show in a grid. Phone JPEGs carry large application
// segments (Exif with an embedded thumbnail, maker notes, APPn filler) that no decoder needs to
// draw the picture (ITU T.81 B.2.4.6: application segments are length-prefixed and may be skipped);
// dropping them and COM segments shrinks the file without decoding or re-encoding it.
import { open, stat } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { ApiFailure } from './api-error.ts';

/** Largest preview sent to the page: the grid shows 160 px tiles; this bounds memory and the socket. */
const MAX_PREVIEW_BYTES = 4 * 1024 * 1024;

const SIGNATURES: Array<[string, number[]]> = [
  ['image/png', [0x89, 0x50, 0x4e, 0x47]],
  ['image/gif', [0x47, 0x49, 0x46, 0x38]],
  ['image/webp', [0x52, 0x49, 0x46, 0x46]],
];

async function readAt(file: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await file.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

/** The JPEG without its APPn/COM segments: SOI, the tables and frame header, then the scan data as is. */
async function strippedJpeg(file: FileHandle, size: number): Promise<Buffer> {
  const kept: Buffer[] = [Buffer.from([0xff, 0xd8])];
  let position = 2;
  for (;;) {
    const header = await readAt(file, position, 4);
    if (header.length < 4 || header[0] !== 0xff) throw new ApiFailure('protocol', 'This photo’s stored copy is not a JPEG Vitre can preview.');
    const marker = header[1]!;
    const length = header.readUInt16BE(2);
    const skip = (marker >= 0xe1 && marker <= 0xef) || marker === 0xfe;
    if (marker === 0xda) {
      // Start of scan: the compressed picture follows up to EOI; it is kept whole.
      const rest = size - position;
      if (kept.reduce((n, b) => n + b.length, 0) + rest > MAX_PREVIEW_BYTES) throw tooLarge();
      kept.push(await readAt(file, position, rest));
      return Buffer.concat(kept);
    }
    if (!skip) kept.push(await readAt(file, position, 2 + length));
    position += 2 + length;
    if (position >= size) throw new ApiFailure('protocol', 'This photo’s stored copy ends before its picture.');
  }
}

function tooLarge(): ApiFailure {
  return new ApiFailure('unsupported', 'This photo is too large to preview here. Open it from the backup folder instead.');
}

/** The stored file at `path` as a data: URL, or a typed failure saying why it cannot be previewed. */
export async function photoPreview(path: string): Promise<string> {
  const { size } = await stat(path);
  const file = await open(path, 'r');
  try {
    const head = await readAt(file, 0, 4);
    if (head[0] === 0xff && head[1] === 0xd8) return `data:image/jpeg;base64,${(await strippedJpeg(file, size)).toString('base64')}`;
    const known = SIGNATURES.find(([, bytes]) => bytes.every((byte, i) => head[i] === byte));
    if (!known) throw new ApiFailure('unsupported', 'This file is not a picture Vitre can preview.');
    if (size > MAX_PREVIEW_BYTES) throw tooLarge();
    return `data:${known[0]};base64,${(await readAt(file, 0, size)).toString('base64')}`;
  } finally {
    await file.close();
  }
}
