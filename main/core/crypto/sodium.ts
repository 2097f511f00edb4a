// Loads libsodium through sodium-native. The npm package ships prebuilt Node-API binaries for
// every desktop platform, so nothing is compiled or downloaded at install time, and the same
// binary loads in Node 24 and in Electron. It has no type declarations of its own for this
// major version: the few functions used here are typed below.
import { createRequire } from 'node:module';

export interface SodiumBinding {
  crypto_aead_chacha20poly1305_ietf_encrypt(
    ciphertext: Uint8Array,
    message: Uint8Array,
    additionalData: Uint8Array | null,
    nsec: null,
    nonce: Uint8Array,
    key: Uint8Array,
  ): number;
  /** Throws when the tag does not verify. */
  crypto_aead_chacha20poly1305_ietf_decrypt(
    message: Uint8Array,
    nsec: null,
    ciphertext: Uint8Array,
    additionalData: Uint8Array | null,
    nonce: Uint8Array,
    key: Uint8Array,
  ): number;
  crypto_scalarmult(shared: Uint8Array, secret: Uint8Array, publicKey: Uint8Array): void;
  crypto_scalarmult_base(publicKey: Uint8Array, secret: Uint8Array): void;
}

const load = createRequire(import.meta.url);
export const sodium = load('sodium-native') as SodiumBinding;
