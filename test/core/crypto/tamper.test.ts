// A flipped, missing or added byte anywhere in an encrypted file makes decryption fail loudly,
// in Vitre and in the stock `age` CLI alike.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptBytes, encryptBytes } from '../../../main/core/crypto/age-bytes.ts';
import { CryptoError } from '../../../main/core/crypto/crypto-error.ts';
import { formatIdentityFile, generateIdentity, recipientOf } from '../../../main/core/crypto/keys.ts';
import { CHUNK_BYTES, SEALED_CHUNK_BYTES } from '../../../main/core/crypto/payload-stream.ts';
import { requireAge, runAge, temporaryFolder } from './age-cli.ts';

const identity = generateIdentity();
const plaintext = randomBytes(3 * CHUNK_BYTES + 100);
const folder = temporaryFolder('age-tamper');
const identityFile = join(folder.path, 'identity.txt');
let sealed: Buffer;
let headerEnd: number;

beforeAll(async () => {
  requireAge();
  writeFileSync(identityFile, formatIdentityFile(identity));
  sealed = Buffer.from(await encryptBytes(plaintext, [recipientOf(identity)]));
  headerEnd = sealed.indexOf('\n', sealed.indexOf('\n---') + 1) + 1;
});
afterAll(() => folder.remove());

const PARTS = ['version line', 'stanza share', 'stanza body', 'header MAC', 'payload nonce', 'chunk 0', 'chunk 1', 'chunk 2 tag', 'last chunk', 'final byte'];
const DAMAGE = [
  ...PARTS.map((part) => `flipped byte in ${part}`),
  ...['last byte cut', 'last chunk cut', 'payload cut', 'header cut', 'byte appended', 'chunk appended'],
];

/** Offsets of each part of the file, from its layout (header, 16-byte nonce, sealed chunks). */
function layout(): Record<string, number> {
  const text = sealed.subarray(0, headerEnd).toString('latin1');
  const chunk = (n: number): number => headerEnd + 16 + n * SEALED_CHUNK_BYTES;
  return {
    'version line': 3,
    'stanza share': text.indexOf('-> X25519 ') + 15,
    'stanza body': text.indexOf('\n', text.indexOf('-> X25519')) + 5,
    'header MAC': text.indexOf('--- ') + 10,
    'payload nonce': headerEnd + 3,
    'chunk 0': chunk(0) + 1000,
    'chunk 1': chunk(1) + 5,
    'chunk 2 tag': chunk(2) + SEALED_CHUNK_BYTES - 1,
    'last chunk': chunk(3) + 50,
    'final byte': sealed.length - 1,
  };
}

function variants(): Record<string, Buffer> {
  const result: Record<string, Buffer> = {};
  for (const [part, offset] of Object.entries(layout())) {
    const copy = Buffer.from(sealed);
    // In the text header, swap to another base64 letter so only the meaning changes, not the syntax.
    copy[offset] = offset < headerEnd ? (copy[offset] === 0x41 ? 0x42 : 0x41) : copy[offset]! ^ 0x01;
    result[`flipped byte in ${part}`] = copy;
  }
  const lastChunk = headerEnd + 16 + 3 * SEALED_CHUNK_BYTES;
  result['last byte cut'] = sealed.subarray(0, sealed.length - 1);
  result['last chunk cut'] = sealed.subarray(0, lastChunk);
  result['payload cut'] = sealed.subarray(0, headerEnd + 10);
  result['header cut'] = sealed.subarray(0, headerEnd - 5);
  result['byte appended'] = Buffer.concat([sealed, Buffer.from([0])]);
  result['chunk appended'] = Buffer.concat([sealed, sealed.subarray(headerEnd + 16, headerEnd + 16 + SEALED_CHUNK_BYTES)]);
  expect(Object.keys(result).sort()).toEqual([...DAMAGE].sort());
  return result;
}

describe('tampered files', () => {
  it('decrypt intact in both Vitre and age (the baseline the failures compare to)', async () => {
    expect(Buffer.compare(await decryptBytes(sealed, [identity]), plaintext)).toBe(0);
    const opened = await runAge('age', ['-d', '-i', identityFile], sealed);
    expect(Buffer.compare(opened.stdout, plaintext)).toBe(0);
  });

  it.each(DAMAGE)('%s: Vitre and age both refuse', async (name) => {
    const damaged = variants()[name]!;
    const error = await decryptBytes(damaged, [identity]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CryptoError);
    const kind = (error as CryptoError).kind;
    // A changed stanza cannot be told apart from one made for someone else.
    expect(name.includes('stanza') ? ['corrupt', 'no-matching-key'] : ['corrupt']).toContain(kind);
    const cli = await runAge('age', ['-d', '-i', identityFile], damaged);
    expect(cli.code).not.toBe(0);
    expect(cli.stderr).toMatch(/error/i);
  });
});
