// The sync service's replies byte by byte, as a bare host reads them (AOSP file_sync_protocol.h).
import { afterEach, describe, expect, it } from 'vitest';
import { startDemoPhone } from '../../../../main/core/demo-phone/server.ts';
import type { RunningDemoPhone } from '../../../../main/core/demo-phone/server.ts';
import { A_CLSE, A_CNXN, A_OKAY, A_OPEN, A_WRTE } from '../../../../main/core/demo-phone/daemon/protocol.ts';
import { RawHost } from './raw-host.ts';
import { createTestPhone } from './test-phone.ts';

let running: RunningDemoPhone | undefined;
let host: RawHost | undefined;

afterEach(async () => {
  host?.close();
  await running?.close();
});

/** Opens `sync:`, sends one request, and returns every byte the phone answers until it goes quiet. */
async function syncExchange(request: Buffer): Promise<{ reply: Buffer; closed: boolean }> {
  running = await startDemoPhone(createTestPhone(), { auth: 'none', trustedKeys: [], faults: {} });
  host = await RawHost.connect(running.port);
  host.send(A_CNXN, 0x01000001, 1024 * 1024, Buffer.from('host::\0'));
  expect((await host.next())?.command).toBe(A_CNXN);
  host.send(A_OPEN, 1, 0, Buffer.from('sync:\0'));
  const okay = await host.next();
  expect(okay?.command).toBe(A_OKAY);
  host.send(A_WRTE, 1, okay!.arg0, request);
  const chunks: Uint8Array[] = [];
  let closed = false;
  for (let packet = await host.next(300); packet !== undefined; packet = await host.next(300)) {
    if (packet.command === A_WRTE) {
      chunks.push(packet.data);
      host.send(A_OKAY, 1, okay!.arg0);
    }
    if (packet.command === A_CLSE) closed = true;
  }
  return { reply: Buffer.concat(chunks), closed };
}

function request(id: string, path: string): Buffer {
  const header = Buffer.alloc(8);
  header.write(id, 0, 'latin1');
  header.writeUInt32LE(Buffer.byteLength(path), 4);
  return Buffer.concat([header, Buffer.from(path)]);
}

describe('demo phone sync replies', () => {
  it('answers STA2 for a missing file with error ENOENT in a 72-byte reply', async () => {
    const { reply } = await syncExchange(request('STA2', '/sdcard/nope'));
    expect(reply.length).toBe(72);
    expect(reply.subarray(0, 4).toString()).toBe('STA2');
    expect(reply.readUInt32LE(4)).toBe(2);
  });

  it('answers STAT for a missing file with all zeros', async () => {
    const { reply } = await syncExchange(request('STAT', '/sdcard/nope'));
    expect(reply).toEqual(Buffer.concat([Buffer.from('STAT'), Buffer.alloc(12)]));
  });

  it('follows a symlink for STA2 but not for LST2', async () => {
    const both = Buffer.concat([request('STA2', '/sdcard/latest'), request('LST2', '/sdcard/latest')]);
    const { reply } = await syncExchange(both);
    expect(reply.length).toBe(144);
    expect(reply.readUInt32LE(24) & 0o170000).toBe(0o100000);
    expect(reply.readUInt32LE(72 + 24) & 0o170000).toBe(0o120000);
  });

  it('lists with LIS2: . and .. first, then entries, then a 76-byte DONE', async () => {
    const { reply } = await syncExchange(request('LIS2', '/sdcard/Documents'));
    const names: string[] = [];
    let at = 0;
    while (reply.subarray(at, at + 4).toString() === 'DNT2') {
      const length = reply.readUInt32LE(at + 72);
      names.push(reply.subarray(at + 76, at + 76 + length).toString());
      at += 76 + length;
    }
    expect(names).toEqual(['.', '..', 'notes.txt']);
    expect(reply.subarray(at).length).toBe(76);
    expect(reply.subarray(at, at + 4).toString()).toBe('DONE');
  });

  it('ends LIST with a 20-byte DONE and lists a missing folder as empty', async () => {
    const { reply } = await syncExchange(request('LIST', '/sdcard/missing'));
    expect(reply).toEqual(Buffer.concat([Buffer.from('DONE'), Buffer.alloc(16)]));
  });

  it('refuses a path over 1024 bytes and ends the session', async () => {
    const { reply, closed } = await syncExchange(request('STAT', `/sdcard/${'a'.repeat(1100)}`));
    expect(reply.subarray(0, 4).toString()).toBe('FAIL');
    expect(reply.subarray(8).toString()).toBe('path too long');
    expect(closed).toBe(true);
  });

  it('answers RECV of a folder with FAIL', async () => {
    const { reply, closed } = await syncExchange(request('RECV', '/sdcard/DCIM'));
    expect(reply.subarray(8).toString()).toBe('read failed: Is a directory');
    expect(closed).toBe(true);
  });
});
