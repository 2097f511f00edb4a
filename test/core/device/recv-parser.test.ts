// The sync RECV reply parser that fast pulls read file bytes with.
import { describe, expect, it } from 'vitest';
import { DeviceError } from '../../../main/core/device/errors.ts';
import { RecvFailure, RecvParser, recvRequest } from '../../../main/core/device/sync/recv-parser.ts';

function reply(id: string, body: Uint8Array | string): Buffer {
  const bytes = typeof body === 'string' ? Buffer.from(body) : Buffer.from(body);
  const header = Buffer.alloc(8);
  header.write(id, 0, 'latin1');
  header.writeUInt32LE(bytes.length, 4);
  return Buffer.concat([header, bytes]);
}

function parseInPieces(whole: Buffer, pieceSize: number): { data: Buffer; done: boolean } {
  const parser = new RecvParser('The phone');
  const pieces: Uint8Array[] = [];
  for (let offset = 0; offset < whole.length; offset += pieceSize) {
    parser.feed(whole.subarray(offset, offset + pieceSize), (bytes) => pieces.push(bytes));
  }
  return { data: Buffer.concat(pieces), done: parser.done };
}

describe('sync RECV replies', () => {
  const file = Buffer.from(Array.from({ length: 200_000 }, (_, i) => i % 251));
  const whole = Buffer.concat([
    reply('DATA', file.subarray(0, 65_536)),
    reply('DATA', file.subarray(65_536, 131_072)),
    reply('DATA', file.subarray(131_072)),
    reply('DONE', ''),
  ]);

  it.each([1, 3, 7, 8, 9, 4096, 65_544, whole.length])('gives the file bytes exactly, whatever the read size (%i)', (size) => {
    const { data, done } = parseInPieces(whole, size);
    expect(done).toBe(true);
    expect(data.equals(file)).toBe(true);
  });

  it('reports FAIL with the phone’s message, even split across reads', () => {
    const failing = reply('FAIL', 'open failed: No such file or directory');
    expect(() => parseInPieces(failing, 5)).toThrow(RecvFailure);
    expect(() => parseInPieces(failing, 5)).toThrow('open failed: No such file or directory');
  });

  it('calls an unknown reply or an impossible DATA length damaged', () => {
    const check = (bytes: Buffer) => {
      try {
        parseInPieces(bytes, 64);
      } catch (error) {
        return error;
      }
      return undefined;
    };
    expect(check(reply('DENT', 'x'))).toMatchObject({ kind: 'protocol' });
    const huge = Buffer.alloc(8);
    huge.write('DATA', 0, 'latin1');
    huge.writeUInt32LE(0xffffffff, 4);
    expect(check(huge)).toBeInstanceOf(DeviceError);
    expect(check(Buffer.concat([reply('DONE', ''), reply('DATA', 'late')]))).toMatchObject({ kind: 'protocol' });
  });

  it('asks for a path as id, length and UTF-8 bytes', () => {
    const request = Buffer.from(recvRequest('/sdcard/é.jpg'));
    expect(request.subarray(0, 4).toString('latin1')).toBe('RECV');
    expect(request.readUInt32LE(4)).toBe(Buffer.byteLength('/sdcard/é.jpg'));
    expect(request.subarray(8).toString('utf8')).toBe('/sdcard/é.jpg');
  });
});
