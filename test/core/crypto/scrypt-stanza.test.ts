import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptBytes, encryptBytes } from '../../../main/core/crypto/age-bytes.ts';
import { CryptoError } from '../../../main/core/crypto/crypto-error.ts';
import { generateIdentity, recipientOf } from '../../../main/core/crypto/keys.ts';
import { DEFAULT_MAX_WORK_FACTOR, unwrapPassphrase, wrapForPassphrase } from '../../../main/core/crypto/scrypt-stanza.ts';
import { sodiumCipher } from '../../../main/core/crypto/sodium-cipher.ts';

const fileKey = randomBytes(16);

describe('passphrase (scrypt) stanza', () => {
  it('refuses a work factor above the limit before spending any time or memory on it', async () => {
    const stanza = await wrapForPassphrase(sodiumCipher, 'pass', 4, fileKey);
    const costly = { ...stanza, args: [stanza.args[0]!, stanza.args[1]!, String(DEFAULT_MAX_WORK_FACTOR + 1)] };
    const started = Date.now();
    const error = await unwrapPassphrase(sodiumCipher, 'pass', DEFAULT_MAX_WORK_FACTOR, costly).catch((e: unknown) => e);
    expect((error as CryptoError).kind).toBe('unsupported');
    expect(Date.now() - started).toBeLessThan(500);
    expect(await unwrapPassphrase(sodiumCipher, 'pass', DEFAULT_MAX_WORK_FACTOR, stanza)).toEqual(new Uint8Array(fileKey));
  });

  it('refuses malformed stanzas as corrupt', async () => {
    const stanza = await wrapForPassphrase(sodiumCipher, 'pass', 4, fileKey);
    const [type, salt] = stanza.args as [string, string, string];
    const variants = [
      { ...stanza, args: [type, salt, '04'] },
      { ...stanza, args: [type, salt, '0'] },
      { ...stanza, args: [type, salt] },
      { ...stanza, args: [type, salt.slice(0, -2), '4'] },
      { ...stanza, args: [type, salt, '4', 'extra'] },
      { ...stanza, body: stanza.body.subarray(1) },
    ];
    for (const variant of variants) {
      const error = await unwrapPassphrase(sodiumCipher, 'pass', DEFAULT_MAX_WORK_FACTOR, variant).catch((e: unknown) => e);
      expect([variant.args, (error as CryptoError).kind]).toEqual([variant.args, 'corrupt']);
    }
  });

  it('will not mix a passphrase with keys, and refuses an empty passphrase', async () => {
    const keyRecipient = recipientOf(generateIdentity());
    const mixed = await encryptBytes(new Uint8Array(1), [{ kind: 'passphrase', passphrase: 'p', workFactor: 4 }, keyRecipient]).catch(
      (e: unknown) => e,
    );
    expect((mixed as CryptoError).kind).toBe('invalid-key');
    const empty = await encryptBytes(new Uint8Array(1), [{ kind: 'passphrase', passphrase: '' }]).catch((e: unknown) => e);
    expect((empty as CryptoError).kind).toBe('invalid-key');
    const sealed = await encryptBytes(new Uint8Array(1), [{ kind: 'passphrase', passphrase: 'p', workFactor: 4 }]);
    const withKey = await decryptBytes(sealed, [generateIdentity()]).catch((e: unknown) => e);
    expect((withKey as CryptoError).kind).toBe('no-matching-key');
  });
});
