// An encryption start kept and reopened: the same plaintext encrypts to the same bytes (what lets
// an interrupted upload keep its parts), the result is an ordinary age file the `age` CLI opens,
// and only the identity it was made for reopens it.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decrypt, encrypt, encryptFrom, reopenEncryption, startEncryption } from '../../../main/core/crypto/age-file.ts';
import { CryptoError } from '../../../main/core/crypto/crypto-error.ts';
import { formatIdentityFile, generateIdentity, recipientOf } from '../../../main/core/crypto/keys.ts';
import { CHUNK_BYTES } from '../../../main/core/crypto/payload-stream.ts';
import { requireAge, runAge, temporaryFolder } from './age-cli.ts';

const folder = temporaryFolder('age-start');
const identity = generateIdentity();
const recipient = recipientOf(identity);
const plain = randomBytes(3 * CHUNK_BYTES + 777);

async function* pieces(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let offset = 0; offset < bytes.length; offset += size) yield bytes.subarray(offset, offset + size);
}

async function collect(source: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const part of source) parts.push(part);
  return Buffer.concat(parts);
}

beforeAll(() => requireAge());
afterAll(() => folder.remove());

describe('an encryption start', () => {
  it('encrypts the same plaintext to the same bytes, however it is cut, once reopened from its bytes', async () => {
    const start = await startEncryption([recipient]);
    const first = await collect(encryptFrom(start, pieces(plain, 1000)));
    const reopened = await reopenEncryption(Buffer.from(start.bytes), [identity]);
    const again = await collect(encryptFrom(reopened, pieces(plain, 100_000)));
    expect(again.equals(first)).toBe(true);
    expect(first.subarray(0, start.bytes.length).equals(Buffer.from(start.bytes))).toBe(true);
    // The same length as a file from `encrypt`, and a different file from another start.
    const fresh = await collect(encrypt(pieces(plain, 4096), [recipient]));
    expect(fresh.length).toBe(first.length);
    expect(fresh.equals(first)).toBe(false);
    expect((await collect(decrypt(pieces(first, 5000), [identity]))).equals(plain)).toBe(true);
  });

  it('makes files the age CLI decrypts', async () => {
    const start = await startEncryption([recipient]);
    const sealed = await collect(encryptFrom(start, pieces(plain, 65_536)));
    const identityFile = join(folder.path, 'identity.txt');
    writeFileSync(identityFile, formatIdentityFile(identity));
    const run = await runAge('age', ['-d', '-i', identityFile], sealed);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.equals(plain)).toBe(true);
  });

  it('reopens only with the identity it was made for, and only whole', async () => {
    const start = await startEncryption([recipient]);
    await expect(reopenEncryption(start.bytes, [generateIdentity()])).rejects.toMatchObject({ kind: 'no-matching-key' });
    const cut = start.bytes.subarray(0, start.bytes.length - 1);
    await expect(reopenEncryption(cut, [identity])).rejects.toBeInstanceOf(CryptoError);
    const flipped = Buffer.from(start.bytes);
    flipped[flipped.indexOf('---') + 5]! ^= 1; // a byte of the header's MAC
    await expect(reopenEncryption(flipped, [identity])).rejects.toMatchObject({ kind: 'corrupt' });
  });
});
