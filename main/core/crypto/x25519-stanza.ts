// The X25519 recipient stanza: `-> X25519 <ephemeral share>` and the wrapped file key
// (https://age-encryption.org/v1, "The X25519 recipient type").
import { hkdfSync, randomBytes } from 'node:crypto';
import { decodeBase64, encodeBase64 } from './base64.ts';
import type { ChunkCipher } from './chunk-cipher.ts';
import { corrupt } from './crypto-error.ts';
import { unwrapFileKey, wrapFileKey, WRAPPED_KEY_BYTES } from './file-key.ts';
import type { Stanza } from './header.ts';
import type { X25519Identity, X25519Recipient } from './keys.ts';
import { X25519_BYTES, x25519Public, x25519Shared } from './x25519.ts';

export const X25519_STANZA = 'X25519';
const LABEL = 'age-encryption.org/v1/X25519';

export function wrapForX25519(cipher: ChunkCipher, recipient: X25519Recipient, fileKey: Uint8Array): Stanza {
  const ephemeral = new Uint8Array(randomBytes(X25519_BYTES));
  const share = x25519Public(ephemeral);
  const shared = x25519Shared(ephemeral, recipient.publicKey);
  const wrappingKey = deriveWrappingKey(shared, share, recipient.publicKey);
  return { args: [X25519_STANZA, encodeBase64(share)], body: wrapFileKey(cipher, wrappingKey, fileKey) };
}

/** The file key if this stanza was made for `identity`; undefined if it was made for another key. */
export function unwrapX25519(cipher: ChunkCipher, identity: X25519Identity, stanza: Stanza): Uint8Array | undefined {
  const share = stanza.args.length === 2 ? decodeBase64(stanza.args[1]!) : undefined;
  if (share === undefined || share.length !== X25519_BYTES || stanza.body.length !== WRAPPED_KEY_BYTES) {
    throw corrupt('an X25519 recipient line is malformed');
  }
  const shared = x25519Shared(identity.secretKey, share);
  const wrappingKey = deriveWrappingKey(shared, share, identity.publicKey);
  return unwrapFileKey(cipher, wrappingKey, stanza.body);
}

function deriveWrappingKey(shared: Uint8Array, share: Uint8Array, recipient: Uint8Array): Uint8Array {
  const salt = Buffer.concat([share, recipient]);
  return new Uint8Array(hkdfSync('sha256', shared, salt, LABEL, 32));
}
