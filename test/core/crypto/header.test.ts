import { describe, expect, it } from 'vitest';
import { CryptoError } from '../../../main/core/crypto/crypto-error.ts';
import { parseHeader, verifyHeaderMac, writeHeader } from '../../../main/core/crypto/header.ts';
import { readHeader } from '../../../main/core/crypto/header-reader.ts';

const fileKey = new Uint8Array(16).fill(7);
const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1');
const bytes = (value: string): Uint8Array => Buffer.from(value, 'latin1');

describe('age header', () => {
  it('round-trips stanzas, wrapping bodies at 64 columns with a short final line', () => {
    const stanzas = [
      { args: ['X25519', 'abc'], body: new Uint8Array(32).fill(1) },
      // 48 bytes encode to exactly 64 characters: the body must end with an empty line.
      { args: ['other', 'a', 'b'], body: new Uint8Array(48).fill(2) },
      { args: ['empty'], body: new Uint8Array(0) },
      { args: ['long'], body: new Uint8Array(100).fill(3) },
    ];
    const header = writeHeader(stanzas, fileKey);
    const lines = text(header).split('\n');
    expect(lines[0]).toBe('age-encryption.org/v1');
    expect(lines[4]).toHaveLength(64);
    expect(lines[5]).toBe('');
    const parsed = parseHeader(header);
    expect(parsed.stanzas.map((s) => [s.args, [...s.body]])).toEqual(stanzas.map((s) => [s.args, [...s.body]]));
    expect(() => verifyHeaderMac(parsed, fileKey)).not.toThrow();
    expect(kindOf(() => verifyHeaderMac(parsed, new Uint8Array(16)))).toBe('corrupt');
  });

  it('refuses what the spec does not allow', () => {
    const good = text(writeHeader([{ args: ['X25519', 'abc'], body: new Uint8Array(32) }], fileKey));
    const variants = {
      'unknown version': good.replace('v1', 'v2'),
      'not age': `hello${good}`,
      'armored': `-----BEGIN AGE ENCRYPTED FILE-----\n${good}`,
      'padded base64 body': good.replace(/\n([A-Za-z0-9+/]{43})\n/, '\n$1=\n'),
      'non-canonical base64 body': good.replace(/\n([A-Za-z0-9+/]{42})A\n/, '\n$1B\n'),
      'double space in arguments': good.replace('-> X25519 abc', '-> X25519  abc'),
      'missing body': good.replace(/\n[A-Za-z0-9+/]{43}\n/, '\n'),
      'long body line': good.replace(/\n([A-Za-z0-9+/]{43})\n/, `\n$1${'A'.repeat(30)}\n`),
      'bad MAC line': good.replace('--- ', '---'),
      'line after MAC': `${good}extra\n`,
      'no final newline': good.slice(0, -1),
    };
    for (const [name, variant] of Object.entries(variants)) {
      const kind = kindOf(() => parseHeader(bytes(variant)));
      expect([name, kind]).toEqual([name, name === 'unknown version' || name === 'armored' ? 'unsupported' : 'corrupt']);
    }
  });

  it('reads the header off a stream split anywhere, keeping the payload bytes that follow', async () => {
    const header = writeHeader([{ args: ['X25519', 'abc'], body: new Uint8Array(32) }], fileKey);
    const whole = Buffer.concat([header, Buffer.from('PAYLOAD')]);
    for (let split = 1; split < whole.length; split += 1) {
      const read = await readHeader(piecesOf([whole.subarray(0, split), whole.subarray(split)]));
      expect(read.header.stanzas[0]!.args).toEqual(['X25519', 'abc']);
      // Bytes of the second piece are not pulled once the header is complete.
      const expected = split >= header.length ? whole.subarray(header.length, split) : Buffer.from('PAYLOAD');
      expect(text(read.rest)).toBe(text(expected));
    }
  });
});

async function* piecesOf(pieces: Uint8Array[]): AsyncGenerator<Uint8Array> {
  yield* pieces;
}

function kindOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof CryptoError) return error.kind;
    throw error;
  }
  return 'no error';
}
