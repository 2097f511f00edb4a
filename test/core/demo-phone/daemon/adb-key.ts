// Writes an RSA public key the way Android's adbkey.pub stores it (libcrypto_utils
// android_pubkey.cpp android_pubkey_encode), so tests can make keys adb never saw.
import { generateKeyPairSync } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

const WORDS = 64;

export function newAdbKeyPair(): { publicKey: string; privateKey: KeyObject } {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 65537 });
  const jwk = publicKey.export({ format: 'jwk' });
  const n = BigInt(`0x${Buffer.from(jwk.n!, 'base64url').toString('hex')}`);
  const e = Number(BigInt(`0x${Buffer.from(jwk.e!, 'base64url').toString('hex')}`));
  const bytes = Buffer.alloc(4 + 4 + 256 + 256 + 4);
  bytes.writeUInt32LE(WORDS, 0);
  // n0inv = -1 / n mod 2^32
  const word = 2n ** 32n;
  bytes.writeUInt32LE(Number((word - modInverse(n % word, word)) % word), 4);
  writeLittleEndian(bytes, 8, n);
  writeLittleEndian(bytes, 8 + 256, (2n ** 4096n) % n);
  bytes.writeUInt32LE(e, 8 + 512);
  return { publicKey: `${bytes.toString('base64')} test@vitre`, privateKey };
}

function writeLittleEndian(target: Buffer, offset: number, value: bigint): void {
  for (let i = 0; i < 256; i++) target[offset + i] = Number((value >> BigInt(8 * i)) & 0xffn);
}

function modInverse(a: bigint, m: bigint): bigint {
  let [oldR, r] = [a, m];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const q = oldR / r;
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  return ((oldS % m) + m) % m;
}
