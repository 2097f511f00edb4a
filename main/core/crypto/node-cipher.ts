// ChaCha20-Poly1305 (IETF) from `node:crypto`. Available under plain Node (OpenSSL) but not in
// Electron, whose BoringSSL lacks it: kept as a second implementation of the seam, used by the
// benchmark and by tests that check both ciphers write identical files.
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { TAG_BYTES, type ChunkCipher } from './chunk-cipher.ts';

const ALGORITHM = 'chacha20-poly1305';

export const nodeCipher: ChunkCipher = {
  name: 'node:crypto',
  seal(out, plaintext, nonce, key) {
    const cipher = createCipheriv(ALGORITHM, key, nonce, { authTagLength: TAG_BYTES });
    const body = cipher.update(plaintext);
    cipher.final();
    out.set(body, 0);
    out.set(cipher.getAuthTag(), plaintext.length);
  },
  open(out, sealed, nonce, key) {
    const bodyLength = sealed.length - TAG_BYTES;
    if (bodyLength < 0) return false;
    const decipher = createDecipheriv(ALGORITHM, key, nonce, { authTagLength: TAG_BYTES });
    decipher.setAuthTag(sealed.subarray(bodyLength));
    const body = decipher.update(sealed.subarray(0, bodyLength));
    try {
      decipher.final();
    } catch {
      // OpenSSL reports a failed tag check by throwing from final(); the caller turns `false`
      // into a typed, user-facing error. Nothing was written to `out` yet.
      return false;
    }
    out.set(body, 0);
    return true;
  },
};
