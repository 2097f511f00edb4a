// Whole-buffer conveniences over the streaming API, for small things (keys, manifests, tests).
import { decrypt, encrypt, type CipherOptions, type Identity, type Recipient } from './age-file.ts';

export async function encryptBytes(
  plaintext: Uint8Array,
  recipients: readonly Recipient[],
  options: CipherOptions = {},
): Promise<Uint8Array> {
  return collect(encrypt(once(plaintext), recipients, options));
}

export async function decryptBytes(
  ageFile: Uint8Array,
  identities: readonly Identity[],
  options: CipherOptions = {},
): Promise<Uint8Array> {
  return collect(decrypt(once(ageFile), identities, options));
}

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

async function collect(pieces: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const piece of pieces) parts.push(piece);
  return new Uint8Array(Buffer.concat(parts));
}
