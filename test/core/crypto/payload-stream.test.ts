import { randomBytes } from 'node:crypto';
import { ReadableStream } from 'node:stream/web';
import { describe, expect, it } from 'vitest';
import { decrypt, encrypt } from '../../../main/core/crypto/age-file.ts';
import { decryptBytes, encryptBytes } from '../../../main/core/crypto/age-bytes.ts';
import type { ChunkCipher } from '../../../main/core/crypto/chunk-cipher.ts';
import { CryptoError } from '../../../main/core/crypto/crypto-error.ts';
import { generateIdentity, recipientOf } from '../../../main/core/crypto/keys.ts';
import { nodeCipher } from '../../../main/core/crypto/node-cipher.ts';
import { CHUNK_BYTES, openPayload, payloadKey, SEALED_CHUNK_BYTES } from '../../../main/core/crypto/payload-stream.ts';
import { sodiumCipher } from '../../../main/core/crypto/sodium-cipher.ts';

const identity = generateIdentity();
const recipient = recipientOf(identity);
const SIZES = [0, 1, CHUNK_BYTES - 1, CHUNK_BYTES, CHUNK_BYTES + 1, 3 * CHUNK_BYTES, 3 * CHUNK_BYTES + 17];

describe('age payload stream', () => {
  it('round-trips every size around the 64 KiB chunk boundary, whatever the piece sizes', async () => {
    for (const size of SIZES) {
      const plaintext = randomBytes(size);
      for (const pieceSize of [1000, CHUNK_BYTES, 3 * CHUNK_BYTES + 5]) {
        const sealed = await collect(encrypt(split(plaintext, pieceSize), [recipient]));
        const chunks = Math.max(1, Math.ceil(size / CHUNK_BYTES));
        expect(sealed.length - headerLength(sealed)).toBe(16 + size + 16 * chunks);
        const opened = await collect(decrypt(split(sealed, 777), [identity]));
        expect(Buffer.compare(opened, plaintext)).toBe(0);
      }
    }
  });

  it('writes the same format with the native cipher and with node:crypto', async () => {
    const plaintext = randomBytes(2 * CHUNK_BYTES + 3);
    const ciphers: ChunkCipher[] = [sodiumCipher, nodeCipher];
    for (const writer of ciphers) {
      const sealed = await encryptBytes(plaintext, [recipient], { cipher: writer });
      for (const reader of ciphers) {
        const opened = await decryptBytes(sealed, [identity], { cipher: reader });
        expect(Buffer.compare(opened, plaintext)).toBe(0);
      }
    }
  });

  it('streams through web streams and pulls its source only as fast as its output is read', async () => {
    const plaintext = randomBytes(5 * CHUNK_BYTES + 9);
    const web = ReadableStream.from(encrypt(ReadableStream.from(split(plaintext, 4096)), [recipient]));
    const opened = await collect(decrypt(web, [identity]));
    expect(Buffer.compare(opened, plaintext)).toBe(0);

    let pulled = 0;
    async function* counted(): AsyncGenerator<Uint8Array> {
      for (let piece = 0; piece < 1000; piece += 1) {
        pulled += 1;
        yield plaintext.subarray(0, CHUNK_BYTES);
      }
    }
    const encryptor = encrypt(counted(), [recipient]);
    for (let read = 0; read < 4; read += 1) await encryptor.next();
    await encryptor.return(undefined);
    // Header, nonce, then one sealed chunk per piece once the next piece has arrived.
    expect(pulled).toBeLessThanOrEqual(3);
  });

  it('refuses an empty last chunk after full chunks, reordered chunks and a missing last flag', async () => {
    const fileKey = randomBytes(16);
    const nonce = randomBytes(16);
    const key = payloadKey(fileKey, nonce);
    const full = randomBytes(CHUNK_BYTES);
    const seal = (plaintext: Uint8Array, counter: number, last: boolean): Buffer => {
      const out = new Uint8Array(plaintext.length + 16);
      sodiumCipher.seal(out, plaintext, chunkNonce(counter, last), key);
      return Buffer.from(out);
    };
    const cases: Record<string, Buffer[]> = {
      'empty last chunk': [seal(full, 0, false), seal(new Uint8Array(0), 1, true)],
      'reordered chunks': [seal(full, 1, false), seal(full, 0, true)],
      'no last flag': [seal(full, 0, false), seal(full, 1, false)],
      'last flag too early': [seal(full, 0, true), seal(full, 1, true)],
      'data after a full last chunk': [seal(full, 0, false), seal(full, 1, true), Buffer.alloc(20)],
    };
    for (const [name, chunks] of Object.entries(cases)) {
      const error = await collect(openPayload(split(Buffer.concat([nonce, ...chunks]), 5000), fileKey, sodiumCipher)).catch(
        (caught: unknown) => caught,
      );
      expect([name, error instanceof CryptoError && error.kind]).toEqual([name, 'corrupt']);
    }
    const good = Buffer.concat([nonce, seal(full, 0, false), seal(full.subarray(0, 9), 1, true)]);
    expect((await collect(openPayload(split(good, 4096), fileKey, sodiumCipher))).length).toBe(CHUNK_BYTES + 9);
    expect(SEALED_CHUNK_BYTES).toBe(CHUNK_BYTES + 16);
  });
});

function chunkNonce(counter: number, last: boolean): Uint8Array {
  const nonce = new Uint8Array(12);
  new DataView(nonce.buffer).setUint32(7, counter);
  nonce[11] = last ? 1 : 0;
  return nonce;
}

function headerLength(file: Buffer): number {
  return file.indexOf('\n', file.indexOf('\n---') + 1) + 1;
}

async function* split(bytes: Uint8Array, pieceSize: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += pieceSize) yield bytes.subarray(at, at + pieceSize);
}

async function collect(pieces: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const piece of pieces) parts.push(piece);
  return Buffer.concat(parts);
}
