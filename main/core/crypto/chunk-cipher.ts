// The one seam between the age format and the machine's cipher implementation.
//
// age seals everything (file keys in stanzas, every payload chunk) with ChaCha20-Poly1305 in its
// IETF form (96-bit nonce, 128-bit tag, no associated data). Electron's BoringSSL does not offer
// it through `node:crypto`, so the default implementation is native (sodium-native); a different
// backend only needs these two functions.

/** Size of the Poly1305 tag appended to every sealed message. */
export const TAG_BYTES = 16;
export const KEY_BYTES = 32;
export const NONCE_BYTES = 12;

export interface ChunkCipher {
  /** A short label for benchmarks and diagnostics. */
  readonly name: string;
  /** Encrypts `plaintext` into `out` (exactly plaintext.length + TAG_BYTES bytes). */
  seal(out: Uint8Array, plaintext: Uint8Array, nonce: Uint8Array, key: Uint8Array): void;
  /** Decrypts and authenticates `sealed` into `out`; false when the tag does not match. */
  open(out: Uint8Array, sealed: Uint8Array, nonce: Uint8Array, key: Uint8Array): boolean;
}
