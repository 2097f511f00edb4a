// RSA authentication as adbd does it (AOSP adb daemon/auth.cpp, libcrypto_utils
// android_pubkey.cpp): the phone sends a random token, the host signs it with its adbkey, the
// phone checks the signature against the keys it trusts.
import { createPublicKey, publicDecrypt, randomBytes, constants } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { DaemonError } from './errors.ts';

/** adb.h: TOKEN_SIZE. */
export const TOKEN_SIZE = 20;

/** android_pubkey.cpp: ANDROID_PUBKEY_MODULUS_SIZE (2048-bit keys) and the encoded struct size. */
const MODULUS_SIZE = 256;
const WORDS = MODULUS_SIZE / 4;
const ENCODED_SIZE = 4 + 4 + MODULUS_SIZE + MODULUS_SIZE + 4;

/** DER DigestInfo prefix for SHA-1 (RFC 8017 §9.2 note 1): RSA_sign(NID_sha1, token) adds it. */
const SHA1_DIGEST_INFO = Buffer.from('3021300906052b0e03021a05000414', 'hex');

export function newToken(): Buffer {
  return randomBytes(TOKEN_SIZE);
}

/**
 * Reads one adbkey.pub line: base64 of { u32 len; u32 n0inv; u32 n[64] (little-endian words,
 * least significant first); u32 rr[64]; u32 exponent }, optionally followed by " user@host".
 */
export function parseAdbPublicKey(text: string): KeyObject {
  const base64 = text.replace(/\0/g, '').trim().split(/\s+/)[0] ?? '';
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length !== ENCODED_SIZE || bytes.readUInt32LE(0) !== WORDS) {
    throw new DaemonError('bad-public-key', 'This is not an Android adbkey.pub key (expected a 2048-bit RSA key in adb format).');
  }
  const modulus = Buffer.from(bytes.subarray(8, 8 + MODULUS_SIZE)).reverse();
  const exponent = bytes.readUInt32LE(8 + 2 * MODULUS_SIZE);
  const exponentBytes = Buffer.alloc(4);
  exponentBytes.writeUInt32BE(exponent);
  let start = 0;
  while (start < 3 && exponentBytes[start] === 0) start++;
  return createPublicKey({
    key: { kty: 'RSA', n: modulus.toString('base64url'), e: exponentBytes.subarray(start).toString('base64url') },
    format: 'jwk',
  });
}

/** True when `signature` is PKCS#1 v1.5 over SHA-1 DigestInfo ‖ token under `key`. */
export function signatureMatches(key: KeyObject, token: Uint8Array, signature: Uint8Array): boolean {
  if (signature.length !== MODULUS_SIZE) return false;
  let recovered: Buffer;
  try {
    recovered = publicDecrypt({ key, padding: constants.RSA_PKCS1_PADDING }, signature);
  } catch {
    // A signature made with another key does not unpad: that is simply "not this key".
    return false;
  }
  return recovered.equals(Buffer.concat([SHA1_DIGEST_INFO, token]));
}

/** The keys one phone trusts: those it was given, plus any the user "allowed" since. */
export class TrustedKeys {
  readonly #keys: KeyObject[] = [];

  constructor(publicKeys: readonly string[]) {
    for (const text of publicKeys) this.#keys.push(parseAdbPublicKey(text));
  }

  verify(token: Uint8Array, signature: Uint8Array): boolean {
    return this.#keys.some((key) => signatureMatches(key, token, signature));
  }

  /** Returns false when the text is not a usable key (the host sent garbage). */
  allow(publicKey: string): boolean {
    try {
      this.#keys.push(parseAdbPublicKey(publicKey));
      return true;
    } catch (error) {
      if (error instanceof DaemonError) return false;
      throw error;
    }
  }
}
