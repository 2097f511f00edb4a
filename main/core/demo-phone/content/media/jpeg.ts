// Photos that image decoders open: a small real JPEG image, an Exif block dated like the file,
// and the bulk of the size in APP15 segments that every decoder skips (ITU T.81 B.2.4.6: an
// application segment is length-prefixed and ignored when not understood). Only the filler is
// large, so a 6 MB photo costs one tiny encode and copies from the filler block.
import { BytesBody, clampLength, JoinedBody, LazyBody, type FileBody } from '../file-body.ts';
import type { FillerBlock } from '../filler.ts';
import { SeededRandom } from '../seeded-random.ts';
import { encodeBlockJpeg } from './baseline-jpeg.ts';
import { buildExif, type ExifFields } from './exif.ts';

const WIDTH = 64;
const HEIGHT = 48;
/** Room for the encoded image; a 64x48 block picture needs about 300 bytes. */
const IMAGE_SLOT = 4096;
/** Largest JPEG segment: 2 marker bytes + a 16-bit length that counts itself. */
const MAX_SEGMENT = 2 + 0xffff;
const SOI = new Uint8Array([0xff, 0xd8]);
const FULL_SEGMENT_HEADER = new Uint8Array([0xff, 0xef, (MAX_SEGMENT - 2) >> 8, (MAX_SEGMENT - 2) & 0xff]);

/** Encodes a small picture (a seeded two-colour gradient in 8x8 blocks) as baseline JPEG bytes. */
export function encodeSmallImage(key: number, width = WIDTH, height = HEIGHT): Uint8Array {
  const random = new SeededRandom(key, 0x1a6e);
  const from = [random.int(0, 255), random.int(0, 255), random.int(0, 255)];
  const to = [random.int(0, 255), random.int(0, 255), random.int(0, 255)];
  const across = width / 8 + height / 8;
  return encodeBlockJpeg(width, height, (bx, by) => {
    const t = (bx + by) / across;
    const mix = (c: number): number => Math.round((from[c] as number) * (1 - t) + (to[c] as number) * t);
    return [mix(0), mix(1), mix(2)];
  });
}

/** The encoded image without its SOI (and APP0, if any), padded in front with a COM segment to IMAGE_SLOT. */
function imageSlot(key: number): Uint8Array {
  const encoded = encodeSmallImage(key);
  let at = 2;
  if (encoded[at] === 0xff && encoded[at + 1] === 0xe0) at += 2 + (((encoded[at + 2] ?? 0) << 8) | (encoded[at + 3] ?? 0));
  const rest = encoded.subarray(at);
  const comLength = IMAGE_SLOT - rest.length;
  if (comLength < 4) throw new RangeError(`encoded image (${rest.length} bytes) does not fit its slot`);
  const out = new Uint8Array(IMAGE_SLOT);
  out.set([0xff, 0xfe, (comLength - 2) >> 8, (comLength - 2) & 0xff], 0);
  out.set(rest, comLength);
  return out;
}

function app1(payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(payload.length + 4);
  out.set([0xff, 0xe1, (payload.length + 2) >> 8, (payload.length + 2) & 0xff], 0);
  out.set(payload, 4);
  return out;
}

/** APP15 segments of random bytes, `size` bytes in all (never 1-3: a segment needs 4). */
class PaddingSegments implements FileBody {
  readonly size: number;
  readonly #filler: FillerBlock;
  readonly #key: number;

  constructor(filler: FillerBlock, key: number, size: number) {
    if (size % MAX_SEGMENT > 0 && size % MAX_SEGMENT < 4) throw new RangeError('padding cannot end in a 1-3 byte segment');
    this.#filler = filler;
    this.#key = key;
    this.size = size;
  }

  read(offset: number, length: number): Uint8Array {
    const pieces = this.pieces(offset, length);
    const out = new Uint8Array(pieces.reduce((sum, piece) => sum + piece.length, 0));
    let at = 0;
    for (const piece of pieces) {
      out.set(piece, at);
      at += piece.length;
    }
    return out;
  }

  /** Filler views, with each segment's 4 header bytes (or the part of them in range) in between. */
  pieces(offset: number, length: number): readonly Uint8Array[] {
    const end = offset + clampLength(this.size, offset, length);
    const out: Uint8Array[] = [];
    let at = offset;
    while (at < end) {
      const segmentStart = at - (at % MAX_SEGMENT);
      const inHeader = at - segmentStart;
      if (inHeader < 4) {
        const header = this.#header(segmentStart);
        const to = Math.min(4, end - segmentStart);
        out.push(header.subarray(inHeader, to));
        at = segmentStart + to;
      } else {
        const to = Math.min(end, segmentStart + MAX_SEGMENT);
        out.push(this.#filler.random(this.#key, at, to - at));
        at = to;
      }
    }
    return out;
  }

  /** The APP15 marker and length of the segment starting at `start` (only the last one is shorter). */
  #header(start: number): Uint8Array {
    const segment = Math.min(MAX_SEGMENT, this.size - start);
    return segment === MAX_SEGMENT ? FULL_SEGMENT_HEADER : new Uint8Array([0xff, 0xef, (segment - 2) >> 8, (segment - 2) & 0xff]);
  }
}

/** Bytes of SOI + APP1 for these Exif fields: fixed per make/model, so computable without a date. */
export function photoHeaderSize(fields: Omit<ExifFields, 'takenAt'>): number {
  return SOI.length + app1(buildExif({ ...fields, takenAt: 0 })).length;
}

/** Nearest size ≥ `wanted` that a photo can have (the padding cannot end in a 1-3 byte segment). */
export function photoSize(fields: Omit<ExifFields, 'takenAt'>, wanted: number): number {
  const fixed = photoHeaderSize(fields) + IMAGE_SLOT;
  const padding = Math.max(0, wanted - fixed);
  const tail = padding % MAX_SEGMENT;
  return fixed + padding + (tail > 0 && tail < 4 ? 4 - tail : 0);
}

/** A valid JPEG of exactly `size` bytes (use photoSize) whose Exif dates equal `fields.takenAt`. */
export function photoBody(filler: FillerBlock, key: number, fields: ExifFields, size: number): FileBody {
  const head = photoHeaderSize(fields);
  return new JoinedBody([
    new LazyBody(head, () => {
      const out = new Uint8Array(head);
      out.set(SOI, 0);
      out.set(app1(buildExif(fields)), SOI.length);
      return out;
    }),
    new PaddingSegments(filler, key, size - head - IMAGE_SLOT),
    new LazyBody(IMAGE_SLOT, () => imageSlot(key)),
  ]);
}

/** A plain small JPEG (contact photos, MMS images). */
export function smallJpegBody(key: number, width: number, height: number): FileBody {
  return new BytesBody(encodeSmallImage(key, width, height));
}
