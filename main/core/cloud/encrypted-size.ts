// The exact size of an object once encrypted, known before encrypting, so uploads can announce
// their length (S3 chooses single or multipart by it, WebDAV sends Content-Length) and a file
// that changes while it is read fails instead of storing a short object. age v1: header, a 16-byte
// nonce, then the payload in 64 KiB chunks each followed by a 16-byte tag; an empty payload is one
// empty chunk (https://age-encryption.org/v1, "Payload").
import { encryptBytes, type RepositoryKey } from '../crypto/index.ts';

const CHUNK = 64 * 1024;
const NONCE = 16;
const TAG = 16;

/** The header length for one X25519 recipient: fixed by the format, measured once. */
export async function headerSize(key: RepositoryKey): Promise<number> {
  const empty = await encryptBytes(new Uint8Array(0), [key.recipient]);
  return empty.byteLength - NONCE - TAG;
}

export function encryptedSize(plainSize: number, header: number): number {
  const chunks = plainSize === 0 ? 1 : Math.ceil(plainSize / CHUNK);
  return header + NONCE + plainSize + chunks * TAG;
}
