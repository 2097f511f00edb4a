// Passphrase files (one scrypt stanza) interoperate with `age -p` / `age -d`, and the sealed
// repository key restores every object with the age CLI alone, as README.md tells users.
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptBytes, encryptBytes } from '../../../main/core/crypto/age-bytes.ts';
import { CryptoError } from '../../../main/core/crypto/crypto-error.ts';
import { parseHeader, writeHeader } from '../../../main/core/crypto/header.ts';
import { sealPayload } from '../../../main/core/crypto/payload-stream.ts';
import { generateIdentity, recipientOf } from '../../../main/core/crypto/keys.ts';
import { createRepositoryKey, encryptObject, REPOSITORY_KEY_FILE_NAME } from '../../../main/core/crypto/repository-key.ts';
import { wrapForPassphrase } from '../../../main/core/crypto/scrypt-stanza.ts';
import { sodiumCipher } from '../../../main/core/crypto/sodium-cipher.ts';
import { wrapForX25519 } from '../../../main/core/crypto/x25519-stanza.ts';
import { requireAge, runAge, runAgeWithPassphrase, temporaryFolder } from './age-cli.ts';

const PASSPHRASE = 'purple elephant 42 ünïcode';
const folder = temporaryFolder('age-passphrase');
beforeAll(() => requireAge());
afterAll(() => folder.remove());

describe('passphrase files and the age CLI', () => {
  it('Vitre decrypts what `age -p` encrypts, and refuses a wrong passphrase', async () => {
    const plain = join(folder.path, 'cli-plain.bin');
    const sealed = join(folder.path, 'cli.age');
    writeFileSync(plain, randomBytes(70_000));
    const run = await runAgeWithPassphrase(['-p', '-o', sealed, plain], PASSPHRASE);
    expect(run.code, run.screen).toBe(0);
    const file = readFileSync(sealed);
    const opened = await decryptBytes(file, [{ kind: 'passphrase', passphrase: PASSPHRASE }]);
    expect(Buffer.compare(opened, readFileSync(plain))).toBe(0);
    const wrong = await decryptBytes(file, [{ kind: 'passphrase', passphrase: 'purple elephant 43' }]).catch((e: unknown) => e);
    expect((wrong as CryptoError).kind).toBe('wrong-passphrase');
  });

  it('`age -d` decrypts a Vitre passphrase file written with age\'s default work factor, 18', async () => {
    const plaintext = randomBytes(100_000);
    const sealed = join(folder.path, 'vitre.age');
    const out = join(folder.path, 'vitre.out');
    writeFileSync(sealed, await encryptBytes(plaintext, [{ kind: 'passphrase', passphrase: PASSPHRASE }]));
    expect(parseHeader(headerOf(readFileSync(sealed))).stanzas[0]!.args[2]).toBe('18');
    const run = await runAgeWithPassphrase(['-d', '-o', out, sealed], PASSPHRASE);
    expect(run.code, run.screen).toBe(0);
    expect(Buffer.compare(readFileSync(out), plaintext)).toBe(0);
    const wrong = await runAgeWithPassphrase(['-d', '-o', join(folder.path, 'wrong.out'), sealed], 'not it');
    expect(wrong.code).not.toBe(0);
  });

  it('restores an object with the age CLI alone: unseal the repository key, then decrypt', async () => {
    const key = await createRepositoryKey(PASSPHRASE);
    const sealedKey = join(folder.path, REPOSITORY_KEY_FILE_NAME);
    writeFileSync(sealedKey, key.sealedKeyFile);
    const plaintext = randomBytes(200_000);
    const object = join(folder.path, 'object.age');
    const parts: Uint8Array[] = [];
    for await (const part of encryptObject(once(plaintext), key)) parts.push(part);
    writeFileSync(object, Buffer.concat(parts));

    const identityFile = join(folder.path, 'identity.txt');
    const unsealed = await runAgeWithPassphrase(['-d', '-o', identityFile, sealedKey], PASSPHRASE);
    expect(unsealed.code, unsealed.screen).toBe(0);
    expect(readFileSync(identityFile, 'utf8')).toContain(`# public key: ${key.recipientText}`);
    const restored = await runAge('age', ['-d', '-i', identityFile, object]);
    expect(restored.code, restored.stderr).toBe(0);
    expect(Buffer.compare(restored.stdout, plaintext)).toBe(0);
  });

  it('refuses a passphrase file that also carries a key stanza, as age does', async () => {
    const identity = generateIdentity();
    const fileKey = randomBytes(16);
    const stanzas = [
      await wrapForPassphrase(sodiumCipher, PASSPHRASE, 10, fileKey),
      wrapForX25519(sodiumCipher, recipientOf(identity), fileKey),
    ];
    // A valid header and MAC for both stanzas, and a valid payload: only the mix is wrong.
    const parts: Uint8Array[] = [writeHeader(stanzas, fileKey)];
    for await (const part of sealPayload(once(randomBytes(100)), fileKey, sodiumCipher)) parts.push(part);
    const mixed = Buffer.concat(parts);
    for (const identities of [[{ kind: 'passphrase', passphrase: PASSPHRASE } as const], [identity]]) {
      const error = await decryptBytes(mixed, identities).catch((e: unknown) => e);
      expect((error as CryptoError).kind).toBe('corrupt');
    }
    const file = join(folder.path, 'mixed.age');
    writeFileSync(file, mixed);
    const cli = await runAgeWithPassphrase(['-d', '-o', join(folder.path, 'mixed.out'), file], PASSPHRASE);
    expect(cli.code).not.toBe(0);
    expect(cli.screen).toMatch(/scrypt recipient must be the only one/);
  });
});

function headerOf(file: Buffer): Buffer {
  return file.subarray(0, file.indexOf('\n', file.indexOf('\n---') + 1) + 1);
}

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}
