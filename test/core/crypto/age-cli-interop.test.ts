// Vitre and the stock `age` CLI read each other's files: objects encrypted to the repository
// key, and files `age -r` encrypts to it, byte-identical at every chunk boundary.
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decrypt, encrypt } from '../../../main/core/crypto/age-file.ts';
import { formatIdentityFile, parseIdentityFile, parseRecipient } from '../../../main/core/crypto/keys.ts';
import { CHUNK_BYTES } from '../../../main/core/crypto/payload-stream.ts';
import { createRepositoryKey, decryptObject, encryptObject, type RepositoryKey } from '../../../main/core/crypto/repository-key.ts';
import { requireAge, runAge, temporaryFolder } from './age-cli.ts';

const SIZES = [0, 1, CHUNK_BYTES, CHUNK_BYTES + 1, 5 * 1024 * 1024 + 123];
const folder = temporaryFolder('age-interop');
let key: RepositoryKey;
let identityFile: string;

beforeAll(async () => {
  requireAge();
  key = await createRepositoryKey('interop passphrase', { workFactor: 10 });
  identityFile = join(folder.path, 'identity.txt');
  writeFileSync(identityFile, formatIdentityFile(key.identity));
});
afterAll(() => folder.remove());

describe('interoperability with the age CLI', () => {
  it.each(SIZES)('age -d -i decrypts what Vitre streams to the repository key (%i bytes)', async (size) => {
    const plain = join(folder.path, `vitre-${size}.bin`);
    const sealed = `${plain}.age`;
    writeFileSync(plain, randomBytes(size));
    await pipeline(createReadStream(plain), (source) => encryptObject(source, key), createWriteStream(sealed));
    const opened = await runAge('age', ['-d', '-i', identityFile, sealed]);
    expect(opened.stderr).toBe('');
    expect(opened.code).toBe(0);
    expect(Buffer.compare(opened.stdout, readFileSync(plain))).toBe(0);
  });

  it.each(SIZES)('Vitre decrypts what age -r encrypts to the repository key (%i bytes)', async (size) => {
    const plain = join(folder.path, `cli-${size}.bin`);
    const sealed = `${plain}.age`;
    const restored = `${plain}.restored`;
    writeFileSync(plain, randomBytes(size));
    expect((await runAge('age', ['-r', key.recipientText, '-o', sealed, plain])).code).toBe(0);
    await pipeline(createReadStream(sealed), (source) => decryptObject(source, key), createWriteStream(restored));
    expect(Buffer.compare(readFileSync(restored), readFileSync(plain))).toBe(0);
  });

  it('works with several recipients both ways, each key opening the file on its own', async () => {
    const otherFile = join(folder.path, 'other.txt');
    expect((await runAge('age-keygen', ['-o', otherFile])).code).toBe(0);
    const [other] = parseIdentityFile(readFileSync(otherFile, 'utf8'));
    const otherRecipient = (await runAge('age-keygen', ['-y', otherFile])).stdout.toString().trim();
    const plaintext = randomBytes(3 * CHUNK_BYTES + 5);

    const sealed = join(folder.path, 'two-recipients.age');
    const recipients = [key.recipient, parseRecipient(otherRecipient)];
    await pipeline(split(plaintext), (source) => encrypt(source, recipients), createWriteStream(sealed));
    for (const identity of [identityFile, otherFile]) {
      const opened = await runAge('age', ['-d', '-i', identity, sealed]);
      expect(Buffer.compare(opened.stdout, plaintext)).toBe(0);
    }

    const fromCli = await runAge('age', ['-r', otherRecipient, '-r', key.recipientText], plaintext);
    for (const identity of [key.identity, other!]) {
      const parts: Uint8Array[] = [];
      for await (const part of decrypt(split(fromCli.stdout), [identity])) parts.push(part);
      expect(Buffer.compare(Buffer.concat(parts), plaintext)).toBe(0);
    }
  });
});

async function* split(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += 10_000) yield bytes.subarray(at, at + 10_000);
}
