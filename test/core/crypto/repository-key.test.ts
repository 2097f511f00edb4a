import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptBytes, encryptBytes } from '../../../main/core/crypto/age-bytes.ts';
import { CryptoError } from '../../../main/core/crypto/crypto-error.ts';
import { readHeader } from '../../../main/core/crypto/header-reader.ts';
import { formatIdentity } from '../../../main/core/crypto/keys.ts';
import { createRepositoryKey, objectName, unlockRepositoryKey } from '../../../main/core/crypto/repository-key.ts';

const FAST = { workFactor: 10 };

describe('repository key', () => {
  it('is sealed with the passphrase at age\'s default work factor and unlocks to the same key', async () => {
    const created = await createRepositoryKey('a long passphrase');
    const { header } = await readHeader(once(created.sealedKeyFile)[Symbol.asyncIterator]());
    expect(header.stanzas.map((stanza) => [stanza.args[0], stanza.args[2]])).toEqual([['scrypt', '18']]);
    const unlocked = await unlockRepositoryKey(created.sealedKeyFile, 'a long passphrase');
    expect(unlocked.recipientText).toBe(created.recipientText);
    expect(unlocked.recipientText).toMatch(/^age1[02-9ac-hj-np-z]{58}$/);
    expect(formatIdentity(unlocked.identity)).toBe(formatIdentity(created.identity));
  });

  it('refuses a wrong passphrase with a typed error, and a damaged key file as corrupt', async () => {
    const created = await createRepositoryKey('right one', FAST);
    const wrong = await unlockRepositoryKey(created.sealedKeyFile, 'wrong one').catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(CryptoError);
    expect((wrong as CryptoError).kind).toBe('wrong-passphrase');
    expect((wrong as CryptoError).message).not.toContain('wrong one');
    const empty = await unlockRepositoryKey(created.sealedKeyFile, '').catch((e: unknown) => e);
    expect((empty as CryptoError).kind).toBe('invalid-key');
    const damaged = Buffer.from(created.sealedKeyFile);
    damaged[damaged.length - 3]! ^= 0x10;
    const error = await unlockRepositoryKey(damaged, 'right one').catch((e: unknown) => e);
    expect((error as CryptoError).kind).toBe('corrupt');
    const notAKey = await encryptBytes(new TextEncoder().encode('hello'), [{ kind: 'passphrase', passphrase: 'p', workFactor: 10 }]);
    expect(((await unlockRepositoryKey(notAKey, 'p').catch((e: unknown) => e)) as CryptoError).kind).toBe('corrupt');
  });

  it('encrypts objects to its recipient only: another repository key cannot open them', async () => {
    const mine = await createRepositoryKey('mine', FAST);
    const theirs = await createRepositoryKey('theirs', FAST);
    const sealed = await encryptBytes(new TextEncoder().encode('photo bytes'), [mine.recipient]);
    expect(new TextDecoder().decode(await decryptBytes(sealed, [mine.identity]))).toBe('photo bytes');
    const error = await decryptBytes(sealed, [theirs.identity]).catch((e: unknown) => e);
    expect((error as CryptoError).kind).toBe('no-matching-key');
    const { header } = await readHeader(once(sealed)[Symbol.asyncIterator]());
    expect(header.stanzas.map((stanza) => stanza.args[0])).toEqual(['X25519']);
  });

  it('names objects by a keyed hash: stable per repository, unlinkable across repositories', async () => {
    const mine = await createRepositoryKey('mine', FAST);
    const unlocked = await unlockRepositoryKey(mine.sealedKeyFile, 'mine');
    const theirs = await createRepositoryKey('theirs', FAST);
    const contentHash = createHash('sha256').update('IMG_0001.jpg bytes').digest('hex');
    const name = objectName(mine, contentHash);
    expect(name).toMatch(/^[0-9a-f]{64}$/);
    expect(objectName(unlocked, contentHash)).toBe(name);
    expect(objectName(mine, Buffer.from(contentHash))).toBe(name);
    expect(name).not.toBe(contentHash);
    expect(name).not.toBe(createHash('sha256').update(contentHash).digest('hex'));
    expect(objectName(theirs, contentHash)).not.toBe(name);
    expect(objectName(mine, `${contentHash.slice(0, -1)}0`)).not.toBe(name);
  });
});

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}
