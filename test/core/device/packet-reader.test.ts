// The checks Vitre applies to every packet from a phone before Tango sees it.
import { AdbCommand, calculateChecksum, type AdbPacketData } from '@yume-chan/adb';
import { describe, expect, it } from 'vitest';
import { MAX_PAYLOAD, PacketParser, type Lane } from '../../../main/core/device/direct/packet-reader.ts';

function packet(command: number, payload: Uint8Array, options: { magic?: number; checksum?: number; length?: number } = {}): Uint8Array {
  const bytes = new Uint8Array(24 + payload.length);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, command, true);
  view.setUint32(4, 1, true);
  view.setUint32(8, 2, true);
  view.setUint32(12, options.length ?? payload.length, true);
  view.setUint32(16, options.checksum ?? 0, true);
  view.setUint32(20, options.magic ?? (command ^ 0xffffffff) >>> 0, true);
  bytes.set(payload, 24);
  return bytes;
}

async function read(chunks: Uint8Array[]): Promise<AdbPacketData[]> {
  const packets: AdbPacketData[] = [];
  const parser = new PacketParser('test');
  for (const chunk of chunks) parser.feed(chunk, (packet) => packets.push(packet));
  parser.end();
  return packets;
}

describe('packets from a phone', () => {
  it('are reassembled however TCP splits them', async () => {
    const payload = new TextEncoder().encode('hello');
    const bytes = Buffer.concat([packet(AdbCommand.Write, payload, { checksum: calculateChecksum(payload) }), packet(AdbCommand.Okay, new Uint8Array(0))]);
    const oneByteAtATime = [...bytes].map((byte) => Uint8Array.of(byte));
    const packets = await read(oneByteAtATime);
    expect(packets).toHaveLength(2);
    expect(packets[0]).toMatchObject({ command: AdbCommand.Write, arg0: 1, arg1: 2 });
    expect(Buffer.from(packets[0]?.payload ?? []).toString()).toBe('hello');
    expect(packets[1]?.command).toBe(AdbCommand.Okay);
  });

  it('are rejected with a bad magic', async () => {
    await expect(read([packet(AdbCommand.Write, new Uint8Array(0), { magic: 0 })])).rejects.toMatchObject({ kind: 'protocol', message: expect.stringMatching(/bad magic/) });
  });

  it('are rejected when the payload is larger than allowed', async () => {
    await expect(read([packet(AdbCommand.Write, new Uint8Array(0), { length: MAX_PAYLOAD + 1 })])).rejects.toMatchObject({ kind: 'protocol' });
  });

  it('are rejected with an unknown command', async () => {
    await expect(read([packet(0x41414141, new Uint8Array(0))])).rejects.toMatchObject({ kind: 'protocol', message: expect.stringMatching(/unknown command/) });
  });

  it('are rejected when a non-zero checksum does not match', async () => {
    await expect(read([packet(AdbCommand.Write, Uint8Array.of(1, 2, 3), { checksum: 7 })])).rejects.toMatchObject({ kind: 'protocol', message: expect.stringMatching(/checksum/) });
  });

  it('report a connection cut mid-packet as a disconnection', async () => {
    await expect(read([packet(AdbCommand.Write, Uint8Array.of(1, 2, 3)).subarray(0, 26)])).rejects.toMatchObject({ kind: 'disconnected' });
  });

  it('go whole to their receiver, which may keep them: the bytes fed in can be reused', () => {
    const payload = new TextEncoder().encode('shell output');
    const bytes = packet(AdbCommand.Write, payload);
    const packets: AdbPacketData[] = [];
    const parser = new PacketParser('test');
    parser.feed(bytes.subarray(0, 30), (p) => packets.push(p));
    parser.feed(bytes.subarray(30), (p) => packets.push(p));
    bytes.fill(0); // the socket's read buffer, reused for the next read
    expect(Buffer.from(packets[0]?.payload ?? []).toString()).toBe('shell output');
  });
});

describe('WRTE packets of a stream with a lane (a file transfer)', () => {
  function laneFor(localId: number) {
    const seen: string[] = [];
    const lane: Lane = { packetStart: () => seen.push('|'), data: (bytes) => seen.push(Buffer.from(bytes).toString()) };
    const parser = new PacketParser('test', { claim: (id) => (id === localId ? lane : undefined) });
    return { parser, seen };
  }

  it('hand their payload to the lane piece by piece as it arrives, and nothing to Tango', () => {
    const { parser, seen } = laneFor(2);
    const bytes = Buffer.concat([packet(AdbCommand.Write, new TextEncoder().encode('abcdef')), packet(AdbCommand.Okay, new Uint8Array(0))]);
    const packets: AdbPacketData[] = [];
    for (const cut of [[0, 27], [27, 29], [29, bytes.length]]) parser.feed(bytes.subarray(cut[0], cut[1]), (p) => packets.push(p));
    expect(seen).toEqual(['|', 'abc', 'de', 'f']);
    expect(packets.map((p) => p.command)).toEqual([AdbCommand.Okay]);
  });

  it('still check a non-zero checksum, and fail the connection when it does not match', () => {
    const { parser } = laneFor(2);
    const payload = Uint8Array.of(1, 2, 3);
    expect(() => parser.feed(packet(AdbCommand.Write, payload, { checksum: calculateChecksum(payload) }), () => undefined)).not.toThrow();
    expect(() => parser.feed(packet(AdbCommand.Write, payload, { checksum: 7 }), () => undefined)).toThrow(/checksum/);
  });

  it('leave other streams\' WRTEs to Tango', () => {
    const { parser, seen } = laneFor(9);
    const packets: AdbPacketData[] = [];
    parser.feed(packet(AdbCommand.Write, new TextEncoder().encode('x')), (p) => packets.push(p));
    expect(seen).toEqual([]);
    expect(packets).toHaveLength(1);
  });
});
