// A tiny baseline JPEG encoder (ITU T.81) for pictures made of flat 8x8 blocks: each block has
// only a DC coefficient, so the scan is one DC difference plus an end-of-block code per block.
// Every decoder opens the result; encoding a 64x48 picture takes microseconds, which a general
// encoder (table set-up alone costs milliseconds per picture) cannot match on 40,000 photos.

/** Huffman code lengths for DC categories 0-11: the luminance DC table of T.81 Annex K.3. */
const DC_BITS = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
const DC_VALUES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
/** One AC symbol, end-of-block (0x00), with the 1-bit code '0'. */
const AC_BITS = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
const AC_VALUES = [0];
/** DC quantiser 8 makes a quantised DC equal the level-shifted sample (F(0,0) = 8 * (v - 128)). */
const QUANT = 8;

/** Canonical Huffman codes (T.81 Annex C) for a table given as counts per length. */
function huffmanCodes(bits: number[], values: number[]): Map<number, { code: number; length: number }> {
  const codes = new Map<number, { code: number; length: number }>();
  let code = 0;
  let k = 0;
  bits.forEach((count, i) => {
    for (let j = 0; j < count; j += 1) codes.set(values[k++] as number, { code: code++, length: i + 1 });
    code <<= 1;
  });
  return codes;
}

const DC_CODES = huffmanCodes(DC_BITS, DC_VALUES);

class BitWriter {
  readonly bytes: number[] = [];
  #current = 0;
  #count = 0;

  write(value: number, length: number): void {
    for (let i = length - 1; i >= 0; i -= 1) {
      this.#current = (this.#current << 1) | ((value >> i) & 1);
      this.#count += 1;
      if (this.#count === 8) this.#flushByte();
    }
  }

  #flushByte(): void {
    this.bytes.push(this.#current);
    // A 0xFF in entropy-coded data is followed by a stuffed 0x00 (T.81 F.1.2.3).
    if (this.#current === 0xff) this.bytes.push(0);
    this.#current = 0;
    this.#count = 0;
  }

  /** Pads the last byte with 1 bits. */
  finish(): number[] {
    if (this.#count > 0) this.write(0xff, 8 - this.#count);
    return this.bytes;
  }
}

function segment(marker: number, body: number[]): number[] {
  const length = body.length + 2;
  return [0xff, marker, length >> 8, length & 0xff, ...body];
}

function encodeDc(writer: BitWriter, diff: number): void {
  const magnitude = Math.abs(diff);
  const category = magnitude === 0 ? 0 : Math.floor(Math.log2(magnitude)) + 1;
  const code = DC_CODES.get(category) as { code: number; length: number };
  writer.write(code.code, code.length);
  if (category > 0) writer.write(diff >= 0 ? diff : (diff - 1) & ((1 << category) - 1), category);
  writer.write(0, 1); // end of block: no AC coefficients
}

/**
 * Encodes a picture whose colour is constant over each 8x8 block. `colour(bx, by)` gives the
 * block's [r, g, b]; width and height must be multiples of 8.
 */
export function encodeBlockJpeg(width: number, height: number, colour: (bx: number, by: number) => [number, number, number]): Uint8Array {
  const writer = new BitWriter();
  const predictors = [0, 0, 0];
  for (let by = 0; by < height / 8; by += 1) {
    for (let bx = 0; bx < width / 8; bx += 1) {
      const [r, g, b] = colour(bx, by);
      const ycc = [
        0.299 * r + 0.587 * g + 0.114 * b,
        128 - 0.168736 * r - 0.331264 * g + 0.5 * b,
        128 + 0.5 * r - 0.418688 * g - 0.081312 * b,
      ];
      ycc.forEach((value, c) => {
        const dc = Math.max(-128, Math.min(127, Math.round(value) - 128));
        encodeDc(writer, dc - (predictors[c] as number));
        predictors[c] = dc;
      });
    }
  }
  const components = [1, 2, 3].flatMap((id) => [id, 0x11, 0]);
  const bytes = [
    0xff, 0xd8,
    ...segment(0xdb, [0, ...new Array<number>(64).fill(QUANT)]),
    ...segment(0xc0, [8, height >> 8, height & 0xff, width >> 8, width & 0xff, 3, ...components]),
    ...segment(0xc4, [0x00, ...DC_BITS, ...DC_VALUES, 0x10, ...AC_BITS, ...AC_VALUES]),
    ...segment(0xda, [3, 1, 0x00, 2, 0x00, 3, 0x00, 0, 63, 0]),
    ...writer.finish(),
    0xff, 0xd9,
  ];
  return new Uint8Array(bytes);
}
