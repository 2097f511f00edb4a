// X25519 from libsodium (RFC 7748). libsodium clamps the scalar and refuses nothing itself, so
// the all-zero result of a low-order point is checked here, as age requires.
import { CryptoError } from './crypto-error.ts';
import { sodium } from './sodium.ts';

export const X25519_BYTES = 32;

/** The public point of a secret scalar. */
export function x25519Public(secret: Uint8Array): Uint8Array {
  const point = new Uint8Array(X25519_BYTES);
  sodium.crypto_scalarmult_base(point, secret);
  return point;
}

/** The shared secret of a secret scalar and a peer's point; refuses low-order points. */
export function x25519Shared(secret: Uint8Array, peer: Uint8Array): Uint8Array {
  const shared = new Uint8Array(X25519_BYTES);
  try {
    sodium.crypto_scalarmult(shared, secret, peer);
  } catch (cause) {
    // libsodium throws for a low-order point (all-zero output); age refuses those too.
    throw new CryptoError('corrupt', 'This encrypted file carries an invalid key share.', { cause });
  }
  if (shared.every((byte) => byte === 0)) {
    throw new CryptoError('corrupt', 'This encrypted file carries an invalid key share.');
  }
  return shared;
}
