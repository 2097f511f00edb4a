// The 16-byte file key and how stanzas wrap it: ChaCha20-Poly1305 under a per-recipient key,
// with an all-zero nonce (each wrapping key is used once) — https://age-encryption.org/v1.
import { TAG_BYTES, NONCE_BYTES, type ChunkCipher } from './chunk-cipher.ts';

export const FILE_KEY_BYTES = 16;
/** Every wrapped file key in a stanza body: the key and its tag. */
export const WRAPPED_KEY_BYTES = FILE_KEY_BYTES + TAG_BYTES;
const ZERO_NONCE = new Uint8Array(NONCE_BYTES);

export function wrapFileKey(cipher: ChunkCipher, wrappingKey: Uint8Array, fileKey: Uint8Array): Uint8Array {
  const body = new Uint8Array(WRAPPED_KEY_BYTES);
  cipher.seal(body, fileKey, ZERO_NONCE, wrappingKey);
  return body;
}

/** The file key, or undefined when this wrapping key does not open the body. */
export function unwrapFileKey(cipher: ChunkCipher, wrappingKey: Uint8Array, body: Uint8Array): Uint8Array | undefined {
  if (body.length !== WRAPPED_KEY_BYTES) return undefined;
  const fileKey = new Uint8Array(FILE_KEY_BYTES);
  return cipher.open(fileKey, body, ZERO_NONCE, wrappingKey) ? fileKey : undefined;
}
