// The age payload: a 16-byte nonce, then the plaintext in 64 KiB chunks, each sealed with
// ChaCha20-Poly1305 under HKDF-SHA-256(file key, nonce, "payload") with the nonce
// `11-byte big-endian chunk counter || last-chunk flag` (https://age-encryption.org/v1,
// "Payload"; the STREAM construction). Memory stays at one chunk whatever the file size.
import { hkdfSync, randomBytes } from 'node:crypto';
import { NONCE_BYTES, TAG_BYTES, type ChunkCipher } from './chunk-cipher.ts';
import { corrupt } from './crypto-error.ts';

export const CHUNK_BYTES = 64 * 1024;
export const SEALED_CHUNK_BYTES = CHUNK_BYTES + TAG_BYTES;
export const PAYLOAD_NONCE_BYTES = 16;

/**
 * Encrypts `source` into the payload bytes (nonce first). Each input piece gives at most one
 * output piece holding every chunk it completed, so consumers see few large writes, not one per
 * 64 KiB chunk (fewer system calls and promise turns: measured in test/bench/crypto.bench.ts).
 */
export async function* sealPayload(
  source: AsyncIterable<Uint8Array>,
  fileKey: Uint8Array,
  cipher: ChunkCipher,
): AsyncGenerator<Uint8Array> {
  const payloadNonce = newPayloadNonce();
  yield payloadNonce;
  yield* sealChunks(source, fileKey, payloadNonce, cipher);
}

export function newPayloadNonce(): Uint8Array {
  return new Uint8Array(randomBytes(PAYLOAD_NONCE_BYTES));
}

/** The payload after its nonce: the sealed chunks of `source` under the given nonce. */
export async function* sealChunks(
  source: AsyncIterable<Uint8Array>,
  fileKey: Uint8Array,
  payloadNonce: Uint8Array,
  cipher: ChunkCipher,
): AsyncGenerator<Uint8Array> {
  const chunks = new ChunkSequence(cipher, payloadKey(fileKey, payloadNonce));
  const pending = new Uint8Array(CHUNK_BYTES);
  let filled = 0;
  for await (const piece of source) {
    if (piece.length === 0) continue;
    // A full chunk is sealed only once more data arrives: the last chunk must carry the flag,
    // and it may be full (an exactly-64-KiB file is one full last chunk).
    // Every byte is written below, so the buffer need not be zeroed first.
    const out = Buffer.allocUnsafe(Math.floor((filled + piece.length - 1) / CHUNK_BYTES) * SEALED_CHUNK_BYTES);
    let written = 0;
    let offset = 0;
    while (offset < piece.length) {
      if (filled === CHUNK_BYTES) {
        chunks.seal(out.subarray(written, written + SEALED_CHUNK_BYTES), pending, false);
        written += SEALED_CHUNK_BYTES;
        filled = 0;
      }
      if (filled === 0 && piece.length - offset > CHUNK_BYTES) {
        // A whole chunk with more after it: seal it where it lies, without a copy.
        chunks.seal(out.subarray(written, written + SEALED_CHUNK_BYTES), piece.subarray(offset, offset + CHUNK_BYTES), false);
        written += SEALED_CHUNK_BYTES;
        offset += CHUNK_BYTES;
        continue;
      }
      const take = Math.min(CHUNK_BYTES - filled, piece.length - offset);
      pending.set(piece.subarray(offset, offset + take), filled);
      filled += take;
      offset += take;
    }
    if (out.length > 0) yield out;
  }
  const last = new Uint8Array(filled + TAG_BYTES);
  chunks.seal(last, pending.subarray(0, filled), true);
  yield last;
}

/** Decrypts payload bytes (nonce first) into plaintext; at most one output piece per input piece. */
export async function* openPayload(
  source: AsyncIterable<Uint8Array>,
  fileKey: Uint8Array,
  cipher: ChunkCipher,
): AsyncGenerator<Uint8Array> {
  const pending = new Uint8Array(SEALED_CHUNK_BYTES);
  let filled = 0;
  let chunks: ChunkSequence | undefined;
  for await (const piece of source) {
    let offset = 0;
    if (chunks === undefined) {
      offset = Math.min(PAYLOAD_NONCE_BYTES - filled, piece.length);
      pending.set(piece.subarray(0, offset), filled);
      filled += offset;
      if (filled < PAYLOAD_NONCE_BYTES) continue;
      chunks = new ChunkSequence(cipher, payloadKey(fileKey, pending.slice(0, PAYLOAD_NONCE_BYTES)));
      filled = 0;
    }
    if (offset === piece.length) continue;
    // A full sealed chunk with more bytes after it cannot be the last one.
    const out = Buffer.allocUnsafe(Math.floor((filled + piece.length - offset - 1) / SEALED_CHUNK_BYTES) * CHUNK_BYTES);
    let written = 0;
    while (offset < piece.length) {
      if (filled === SEALED_CHUNK_BYTES) {
        chunks.open(out.subarray(written, written + CHUNK_BYTES), pending, false);
        written += CHUNK_BYTES;
        filled = 0;
      }
      if (filled === 0 && piece.length - offset > SEALED_CHUNK_BYTES) {
        chunks.open(out.subarray(written, written + CHUNK_BYTES), piece.subarray(offset, offset + SEALED_CHUNK_BYTES), false);
        written += CHUNK_BYTES;
        offset += SEALED_CHUNK_BYTES;
        continue;
      }
      const take = Math.min(SEALED_CHUNK_BYTES - filled, piece.length - offset);
      pending.set(piece.subarray(offset, offset + take), filled);
      filled += take;
      offset += take;
    }
    if (out.length > 0) yield out;
  }
  if (chunks === undefined || filled < TAG_BYTES) throw corrupt('the file is cut short');
  const last = new Uint8Array(filled - TAG_BYTES);
  chunks.open(last, pending.subarray(0, filled), true);
  // Only an empty file may end with an empty chunk (the spec forbids it otherwise).
  if (last.length === 0 && chunks.counter > 1) throw corrupt('the file ends with an empty chunk');
  yield last;
}

export function payloadKey(fileKey: Uint8Array, payloadNonce: Uint8Array): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', fileKey, payloadNonce, 'payload', 32));
}

/** Numbers the chunks: the nonce is the 11-byte big-endian counter and the last-chunk flag. */
class ChunkSequence {
  readonly #cipher: ChunkCipher;
  readonly #key: Uint8Array;
  readonly #nonce = new Uint8Array(NONCE_BYTES);
  readonly #nonceView = new DataView(this.#nonce.buffer);
  #counter = 0n;

  constructor(cipher: ChunkCipher, key: Uint8Array) {
    this.#cipher = cipher;
    this.#key = key;
  }

  /** How many chunks were sealed or opened so far. */
  get counter(): number {
    return Number(this.#counter);
  }

  /** Seals `plaintext` into `out` (plaintext.length + TAG_BYTES bytes). */
  seal(out: Uint8Array, plaintext: Uint8Array, last: boolean): void {
    this.#cipher.seal(out, plaintext, this.#next(last), this.#key);
  }

  /** Opens `sealed` into `out` (sealed.length - TAG_BYTES bytes), or throws a `corrupt` error. */
  open(out: Uint8Array, sealed: Uint8Array, last: boolean): void {
    const nonce = this.#next(last);
    if (!this.#cipher.open(out, sealed, nonce, this.#key)) throw corrupt(this.#explain(sealed, nonce, last));
  }

  /** Says which rule broke, to help whoever reads the error: all of them mean "do not trust". */
  #explain(sealed: Uint8Array, nonce: Uint8Array, last: boolean): string {
    const chunk = this.counter - 1;
    nonce[NONCE_BYTES - 1] = last ? 0 : 1;
    const scratch = new Uint8Array(sealed.length - TAG_BYTES);
    if (this.#cipher.open(scratch, sealed, nonce, this.#key)) {
      return last ? 'the file is cut short' : 'there is extra data after its end';
    }
    return `chunk ${chunk} does not match its checksum`;
  }

  #next(last: boolean): Uint8Array {
    // The counter fills bytes 0-10; 2^64 chunks (1 ZiB) is beyond any file, so bytes 0-2 stay 0.
    this.#nonceView.setBigUint64(3, this.#counter);
    this.#nonce[NONCE_BYTES - 1] = last ? 1 : 0;
    this.#counter += 1n;
    return this.#nonce;
  }
}
