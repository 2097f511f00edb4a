// Encrypting from a kept start (see startEncryption and reopenEncryption in age-file.ts). Kept
// apart, with few imports, so a worker thread that only encrypts starts quickly.
import type { CipherOptions } from './age-file.ts';
import { sealChunks } from './payload-stream.ts';
import { sodiumCipher } from './sodium-cipher.ts';

/**
 * The first bytes of an age file (header and payload nonce) with the file key they wrap.
 * Encrypting the same plaintext again from the same start gives the same bytes, so an upload cut
 * short can keep the parts the server already holds. The same start must never seal different
 * plaintext: the caller checks the plaintext is unchanged before reusing one.
 */
export interface EncryptionStart {
  /** Header and payload nonce: what the file begins with; nothing secret. */
  readonly bytes: Uint8Array;
  readonly fileKey: Uint8Array;
  readonly payloadNonce: Uint8Array;
}

/** The whole age file of `source`, from a start made by `startEncryption` or `reopenEncryption`. */
export async function* encryptFrom(start: EncryptionStart, source: AsyncIterable<Uint8Array>, options: CipherOptions = {}): AsyncGenerator<Uint8Array> {
  yield start.bytes;
  yield* sealChunks(source, start.fileKey, start.payloadNonce, options.cipher ?? sodiumCipher);
}
