// The passphrase (scrypt) stanza: `-> scrypt <salt> <log2 N>` and the wrapped file key
// (https://age-encryption.org/v1, "The scrypt recipient type"). A file with a scrypt stanza has
// no other stanza, so a passphrase file cannot silently be opened by some other key too.
import { randomBytes, scrypt } from 'node:crypto';
import { decodeBase64, encodeBase64 } from './base64.ts';
import type { ChunkCipher } from './chunk-cipher.ts';
import { corrupt, CryptoError } from './crypto-error.ts';
import { unwrapFileKey, wrapFileKey, WRAPPED_KEY_BYTES } from './file-key.ts';
import type { Stanza } from './header.ts';

export const SCRYPT_STANZA = 'scrypt';
const LABEL = 'age-encryption.org/v1/scrypt';
const SALT_BYTES = 16;
/** age's own default for new files (N = 2^18, about a second on a laptop). */
export const DEFAULT_WORK_FACTOR = 18;
/**
 * The highest work factor accepted when opening a file. age itself writes 18; 20 needs 1 GiB of
 * memory and a few seconds. Higher values are refused rather than letting a file exhaust memory.
 */
export const DEFAULT_MAX_WORK_FACTOR = 20;
const SCRYPT_R = 8;

export async function wrapForPassphrase(
  cipher: ChunkCipher,
  passphrase: string,
  workFactor: number,
  fileKey: Uint8Array,
): Promise<Stanza> {
  if (!Number.isInteger(workFactor) || workFactor < 1 || workFactor > 30) {
    throw new CryptoError('invalid-key', `A passphrase work factor must be a whole number from 1 to 30, not ${workFactor}.`);
  }
  checkPassphrase(passphrase);
  const salt = new Uint8Array(randomBytes(SALT_BYTES));
  const wrappingKey = await deriveKey(passphrase, salt, workFactor);
  return {
    args: [SCRYPT_STANZA, encodeBase64(salt), String(workFactor)],
    body: wrapFileKey(cipher, wrappingKey, fileKey),
  };
}

/** The file key; a `wrong-passphrase` error when the passphrase does not open it. */
export async function unwrapPassphrase(
  cipher: ChunkCipher,
  passphrase: string,
  maxWorkFactor: number,
  stanza: Stanza,
): Promise<Uint8Array> {
  const [, saltText, factorText] = stanza.args;
  const salt = stanza.args.length === 3 ? decodeBase64(saltText!) : undefined;
  // Decimal without leading zeros, as the spec requires.
  if (salt === undefined || salt.length !== SALT_BYTES || !/^[1-9][0-9]?$/.test(factorText ?? '')) {
    throw corrupt('the passphrase line is malformed');
  }
  if (stanza.body.length !== WRAPPED_KEY_BYTES) throw corrupt('the passphrase line is malformed');
  const workFactor = Number(factorText);
  if (workFactor > maxWorkFactor) {
    throw new CryptoError(
      'unsupported',
      `This file's passphrase needs a work factor of ${workFactor}, above the ${maxWorkFactor} Vitre accepts; open it with \`age -d\`.`,
    );
  }
  const fileKey = unwrapFileKey(cipher, await deriveKey(passphrase, salt, workFactor), stanza.body);
  if (fileKey === undefined) throw new CryptoError('wrong-passphrase', 'The passphrase is wrong. Check it and try again.');
  return fileKey;
}

export function checkPassphrase(passphrase: string): void {
  if (passphrase.length === 0) throw new CryptoError('invalid-key', 'The passphrase is empty.');
}

function deriveKey(passphrase: string, salt: Uint8Array, workFactor: number): Promise<Uint8Array> {
  const N = 2 ** workFactor;
  const labelledSalt = Buffer.concat([Buffer.from(LABEL, 'latin1'), salt]);
  // scrypt needs 128·N·r bytes; Node's default ceiling (32 MiB) is below age's default factor.
  const maxmem = 128 * N * SCRYPT_R + 16 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    scrypt(Buffer.from(passphrase, 'utf8'), labelledSalt, 32, { N, r: SCRYPT_R, p: 1, maxmem }, (error, key) => {
      if (error === null) resolve(new Uint8Array(key));
      else reject(error);
    });
  });
}
