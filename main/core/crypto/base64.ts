// age's base64: the standard alphabet, no padding, and canonical (one text per byte string).
// Node's decoder is lenient (it skips stray characters and accepts non-zero trailing bits), so
// decoding re-encodes and compares: anything non-canonical is refused, as the spec requires
// (https://age-encryption.org/v1, "Header"; Go's base64.RawStdEncoding.Strict()).

const ALPHABET = /^[A-Za-z0-9+/]*$/;

export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64').replace(/=+$/, '');
}

/** Decodes canonical unpadded base64, or returns undefined when the text is not exactly that. */
export function decodeBase64(text: string): Uint8Array | undefined {
  if (!ALPHABET.test(text) || text.length % 4 === 1) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return encodeBase64(bytes) === text ? new Uint8Array(bytes) : undefined;
}
