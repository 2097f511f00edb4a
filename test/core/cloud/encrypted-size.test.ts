// The size announced before an upload must equal what the encryption produces, at every chunk boundary.
import { describe, expect, it } from 'vitest';
import { encryptedSize, headerSize } from '../../../main/core/cloud/encrypted-size.ts';
import { createRepositoryKey, encryptObject } from '../../../main/core/crypto/index.ts';

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

describe('encryptedSize', () => {
  it('matches the age file actually written, at chunk boundaries too', async () => {
    const key = await createRepositoryKey('size passphrase', { workFactor: 10 });
    const header = await headerSize(key);
    for (const size of [0, 1, 65535, 65536, 65537, 2 * 65536, 3 * 65536 + 5]) {
      let total = 0;
      for await (const chunk of encryptObject(once(new Uint8Array(size)), key)) total += chunk.byteLength;
      expect(encryptedSize(size, header), `size ${size}`).toBe(total);
    }
  });
});
