import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptBytes } from '../../../main/core/crypto/age-bytes.ts';
import { CryptoError } from '../../../main/core/crypto/crypto-error.ts';
import { writeHeader } from '../../../main/core/crypto/header.ts';
import {
  formatIdentity,
  formatIdentityFile,
  formatRecipient,
  generateIdentity,
  parseIdentity,
  parseIdentityFile,
  parseRecipient,
  recipientOf,
} from '../../../main/core/crypto/keys.ts';
import { requireAge, runAge, temporaryFolder } from './age-cli.ts';

describe('age X25519 keys', () => {
  const folder = temporaryFolder('keys');
  beforeAll(() => requireAge());
  afterAll(() => folder.remove());

  it('reads the identity file age-keygen writes and derives the recipient age-keygen -y prints', async () => {
    const file = join(folder.path, 'generated.txt');
    expect((await runAge('age-keygen', ['-o', file])).code).toBe(0);
    const text = readFileSync(file, 'utf8');
    const [identity] = parseIdentityFile(text);
    const printed = (await runAge('age-keygen', ['-y', file])).stdout.toString().trim();
    expect(formatRecipient(recipientOf(identity!))).toBe(printed);
    expect(text).toContain(formatIdentity(identity!));
    expect(text.split('\n')[1]).toBe(`# public key: ${printed}`);
  });

  it('writes an identity file that age-keygen reads back to the same recipient', async () => {
    const identity = generateIdentity();
    const file = join(folder.path, 'written.txt');
    writeFileSync(file, formatIdentityFile(identity));
    const printed = (await runAge('age-keygen', ['-y', file])).stdout.toString().trim();
    expect(printed).toBe(formatRecipient(recipientOf(identity)));
    expect(parseRecipient(printed).publicKey).toEqual(identity.publicKey);
    expect(parseIdentity(formatIdentity(identity)).secretKey).toEqual(identity.secretKey);
  });

  it('refuses malformed keys with an invalid-key error that never echoes a secret', () => {
    const identity = generateIdentity();
    const secret = formatIdentity(identity);
    const recipient = formatRecipient(recipientOf(identity));
    const flipped = secret.slice(0, -1) + (secret.endsWith('Q') ? 'P' : 'Q');
    for (const bad of [flipped, secret.toLowerCase(), secret.replace('AGE-SECRET-KEY-1', 'AGE-PLUGIN-KEY-1')]) {
      const error = catchError(() => parseIdentity(bad));
      expect(error.kind).toBe('invalid-key');
      expect(error.message).not.toContain(bad);
    }
    for (const bad of [recipient.toUpperCase(), recipient.slice(0, -2), 'age1qqqq', secret]) {
      expect(catchError(() => parseRecipient(bad)).kind).toBe('invalid-key');
    }
    expect(catchError(() => parseIdentityFile('# only a comment\n')).kind).toBe('invalid-key');
  });
});

describe('X25519 key shares', () => {
  it('refuses a low-order (all-zero) ephemeral share as corrupt instead of deriving a zero secret', async () => {
    const zeroShare = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    const file = Buffer.concat([writeHeader([{ args: ['X25519', zeroShare], body: new Uint8Array(32) }], new Uint8Array(16)), new Uint8Array(40)]);
    const error = await decryptBytes(file, [generateIdentity()]).catch((e: unknown) => e);
    expect((error as CryptoError).kind).toBe('corrupt');
  });
});

function catchError(run: () => unknown): CryptoError {
  try {
    run();
  } catch (error) {
    if (error instanceof CryptoError) return error;
    throw error;
  }
  throw new Error('expected a CryptoError');
}
