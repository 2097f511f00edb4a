// The bulk of every large file: bytes copied from one precomputed seeded block. A per-byte PRNG
// would cap reads near 100 MiB/s; copying from a block runs at memory speed, which keeps the
// daemon's pulls (64 KiB per read) far above the link speed.
import { clampLength, type FileBody } from './file-body.ts';
import { hash32 } from './seeded-random.ts';

const BLOCK_SIZE = 1 << 20;

/** Seeded random bytes, twice over, so any read up to BLOCK_SIZE is one contiguous copy. */
export class FillerBlock {
  readonly #bytes: Uint8Array;
  readonly #text: Uint8Array;

  constructor(seed: number) {
    const words = new Uint32Array(BLOCK_SIZE / 4);
    let x = hash32(seed, 0xf111) | 1;
    for (let i = 0; i < words.length; i += 1) {
      // xorshift32: fast, and only needs to look random to a compressor.
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      words[i] = x >>> 0;
    }
    this.#bytes = doubled(new Uint8Array(words.buffer));
    this.#text = doubled(makeText(seed));
  }

  /**
   * Random bytes of a stream identified by `key` (a file gets its own stream). Up to BLOCK_SIZE
   * bytes come as a view of the shared block, not a copy: callers must not change them (copy
   * first, as the JPEG padding does). Copying 64 KiB per sync read cost the daemon more in
   * garbage collection than in copying: 4.7 s of GC per 2 GiB pulled, on the same two cores as
   * the host it serves.
   */
  random(key: number, offset: number, length: number): Uint8Array {
    return copyFrom(this.#bytes, key, offset, length);
  }

  /** Printable text (words, spaces, newlines) of a stream identified by `key`; a view, as above. */
  text(key: number, offset: number, length: number): Uint8Array {
    return copyFrom(this.#text, key, offset, length);
  }
}

function doubled(block: Uint8Array): Uint8Array {
  const out = new Uint8Array(block.length * 2);
  out.set(block, 0);
  out.set(block, block.length);
  return out;
}

function copyFrom(doubledBlock: Uint8Array, key: number, offset: number, length: number): Uint8Array {
  const base = hash32(key) % BLOCK_SIZE;
  if (length <= BLOCK_SIZE) {
    const start = (base + offset) % BLOCK_SIZE;
    return doubledBlock.subarray(start, start + length);
  }
  const out = new Uint8Array(length);
  let written = 0;
  while (written < length) {
    const start = (base + offset + written) % BLOCK_SIZE;
    const n = Math.min(length - written, BLOCK_SIZE);
    out.set(doubledBlock.subarray(start, start + n), written);
    written += n;
  }
  return out;
}

const WORDS = (
  'the of and to in is was for on that with as at by from this be have are or not backup phone ' +
  'photo holiday meeting notes invoice draft report summary receipt family trip garden recipe ' +
  'monday friday weekend project budget school music video message call train ticket hotel'
).split(' ');

function makeText(seed: number): Uint8Array {
  const out = new Uint8Array(BLOCK_SIZE);
  let at = 0;
  let lineLength = 0;
  let x = hash32(seed, 0x7e47) | 1;
  while (at < BLOCK_SIZE) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    const word = WORDS[(x >>> 0) % WORDS.length] as string;
    for (let c = 0; c < word.length && at < BLOCK_SIZE; c += 1) out[at++] = word.charCodeAt(c);
    lineLength += word.length + 1;
    if (at < BLOCK_SIZE) out[at++] = lineLength > 72 ? 0x0a : 0x20;
    if (lineLength > 72) lineLength = 0;
  }
  return out;
}

/** A body of `size` filler bytes (random or text) from one stream. */
export class FillerBody implements FileBody {
  readonly size: number;
  readonly #filler: FillerBlock;
  readonly #key: number;
  readonly #kind: 'random' | 'text';

  constructor(filler: FillerBlock, key: number, size: number, kind: 'random' | 'text') {
    this.#filler = filler;
    this.#key = key;
    this.size = size;
    this.#kind = kind;
  }

  pieces(offset: number, length: number): readonly Uint8Array[] {
    return [this.read(offset, length)];
  }

  read(offset: number, length: number): Uint8Array {
    const n = clampLength(this.size, offset, length);
    return this.#kind === 'random'
      ? this.#filler.random(this.#key, offset, n)
      : this.#filler.text(this.#key, offset, n);
  }
}
