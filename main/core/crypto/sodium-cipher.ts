// ChaCha20-Poly1305 (IETF) from libsodium: the payload cipher Vitre uses everywhere.
import type { ChunkCipher } from './chunk-cipher.ts';
import { sodium } from './sodium.ts';

export const sodiumCipher: ChunkCipher = {
  name: 'sodium-native',
  seal(out, plaintext, nonce, key) {
    sodium.crypto_aead_chacha20poly1305_ietf_encrypt(out, plaintext, null, null, nonce, key);
  },
  open(out, sealed, nonce, key) {
    try {
      sodium.crypto_aead_chacha20poly1305_ietf_decrypt(out, null, sealed, null, nonce, key);
      return true;
    } catch {
      // libsodium reports a failed tag check by throwing ("could not verify data"); the caller
      // turns `false` into a typed, user-facing error.
      return false;
    }
  },
};
