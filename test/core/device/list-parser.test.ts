// The sync LIS2 reply parser that folder listings are read with.
import { describe, expect, it } from 'vitest';
import { DeviceError } from '../../../main/core/device/errors.ts';
import { ListParser, listRequest, type ListedEntry } from '../../../main/core/device/sync/list-parser.ts';
import { RecvFailure } from '../../../main/core/device/sync/recv-parser.ts';

interface Dent {
  name: string | Buffer;
  mode?: number;
  size?: number;
  mtime?: number;
  error?: number;
}

/** One dent_v2 record as adbd writes it (file_sync_protocol.h), or DONE with an all-zero body. */
function dent(id: 'DNT2' | 'DONE', entry: Dent = { name: '' }): Buffer {
  const name = typeof entry.name === 'string' ? Buffer.from(entry.name, 'utf8') : entry.name;
  const record = Buffer.alloc(76 + (id === 'DONE' ? 0 : name.length));
  record.write(id, 0, 'latin1');
  if (id === 'DONE') return record;
  record.writeUInt32LE(entry.error ?? 0, 4);
  record.writeBigUInt64LE(7n, 8); // dev
  record.writeBigUInt64LE(1234n, 16); // ino
  record.writeUInt32LE(entry.mode ?? 0o100644, 24);
  record.writeUInt32LE(1, 28); // nlink
  record.writeUInt32LE(1000, 32); // uid
  record.writeUInt32LE(1000, 36); // gid
  record.writeBigUInt64LE(BigInt(entry.size ?? 0), 40);
  record.writeBigInt64LE(1_600_000_000n, 48); // atime
  record.writeBigInt64LE(BigInt(entry.mtime ?? 0), 56);
  record.writeBigInt64LE(1_600_000_001n, 64); // ctime
  record.writeUInt32LE(name.length, 72);
  name.copy(record, 76);
  return record;
}

function fail(message: string): Buffer {
  const header = Buffer.alloc(8);
  header.write('FAIL', 0, 'latin1');
  header.writeUInt32LE(Buffer.byteLength(message), 4);
  return Buffer.concat([header, Buffer.from(message)]);
}

function parseInPieces(whole: Buffer, pieceSize: number): { entries: ListedEntry[]; done: boolean } {
  const parser = new ListParser('The phone');
  const entries: ListedEntry[] = [];
  for (let offset = 0; offset < whole.length; offset += pieceSize) {
    parser.feed(whole.subarray(offset, offset + pieceSize), (entry) => entries.push(entry));
  }
  return { entries, done: parser.done };
}

describe('sync LIS2 replies', () => {
  const big = 5 * 1024 ** 3 + 17; // over 4 GiB: the size is 64-bit
  const whole = Buffer.concat([
    dent('DNT2', { name: '.', mode: 0o40755 }),
    dent('DNT2', { name: 'IMG_0001.jpg', size: 3_141_592, mtime: 1_700_000_123 }),
    dent('DNT2', { name: 'Camera', mode: 0o40775, size: 4096, mtime: 1_700_000_000 }),
    dent('DNT2', { name: 'vidéo 🎬.mp4', size: big, mtime: 1_700_000_456 }),
    dent('DNT2', { name: 'a'.repeat(255), size: 1, mtime: 1 }),
    dent('DONE'),
  ]);

  it.each([1, 3, 4, 75, 76, 77, 4096, whole.length])('gives every entry exactly, whatever the read size (%i)', (size) => {
    const { entries, done } = parseInPieces(whole, size);
    expect(done).toBe(true);
    expect(entries).toEqual([
      { name: '.', mode: 0o40755, size: 0, mtime: 0 },
      { name: 'IMG_0001.jpg', mode: 0o100644, size: 3_141_592, mtime: 1_700_000_123 },
      { name: 'Camera', mode: 0o40775, size: 4096, mtime: 1_700_000_000 },
      { name: 'vidéo 🎬.mp4', mode: 0o100644, size: big, mtime: 1_700_000_456 },
      { name: 'a'.repeat(255), mode: 0o100644, size: 1, mtime: 1 },
    ]);
  });

  it('hands on hostile names as the phone sent them, for the caller to judge', () => {
    const hostile = Buffer.concat([dent('DNT2', { name: '../../etc' }), dent('DNT2', { name: Buffer.from('a\0b/c') }), dent('DONE')]);
    expect(parseInPieces(hostile, 5).entries.map((entry) => entry.name)).toEqual(['../../etc', 'a\0b/c']);
  });

  it('skips entries the phone could not stat, as adb does', () => {
    const withError = Buffer.concat([dent('DNT2', { name: 'gone', error: 2 }), dent('DNT2', { name: 'kept' }), dent('DONE')]);
    expect(parseInPieces(withError, 9).entries.map((entry) => entry.name)).toEqual(['kept']);
  });

  it('reports FAIL with the phone’s message, even split across reads', () => {
    const failing = fail('opendir failed: Permission denied');
    for (const size of [1, 5, 9, failing.length]) {
      expect(() => parseInPieces(failing, size)).toThrow(new RecvFailure('opendir failed: Permission denied'));
    }
  });

  it('refuses unknown replies, bytes after DONE, and absurd lengths as a damaged listing', () => {
    const cases = [
      Buffer.concat([Buffer.from('DATA'), Buffer.alloc(80)]),
      Buffer.concat([dent('DONE'), dent('DNT2', { name: 'late' })]),
      (() => {
        const record = dent('DNT2', { name: 'x' });
        record.writeUInt32LE(1_000_000, 72);
        return record;
      })(),
      (() => {
        const record = fail('x');
        record.writeUInt32LE(10_000_000, 4);
        return record;
      })(),
    ];
    for (const bytes of cases) {
      let caught: unknown;
      try {
        parseInPieces(bytes, 13);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(DeviceError);
      expect((caught as DeviceError).kind).toBe('protocol');
    }
  });

  it('asks with LIS2, the path length and the path', () => {
    const request = Buffer.from(listRequest('/sdcard/DCIM'));
    expect(request.subarray(0, 4).toString('latin1')).toBe('LIS2');
    expect(request.readUInt32LE(4)).toBe('/sdcard/DCIM'.length);
    expect(request.subarray(8).toString('utf8')).toBe('/sdcard/DCIM');
  });
});
