// The transport as a bare host sees it: handshake, limits, checksums, flow control, refusals.
import { afterEach, describe, expect, it } from 'vitest';
import { startDemoPhone } from '../../../../main/core/demo-phone/server.ts';
import type { RunningDemoPhone } from '../../../../main/core/demo-phone/server.ts';
import type { PhoneFaults } from '../../../../main/core/demo-phone/options.ts';
import type { SimulatedPhone } from '../../../../main/core/demo-phone/phone.ts';
import {
  A_CLSE,
  A_CNXN,
  A_OKAY,
  A_OPEN,
  A_WRTE,
  checksum,
  encodeHeader,
} from '../../../../main/core/demo-phone/daemon/protocol.ts';
import { RawHost } from './raw-host.ts';
import { BIG_FILE, createTestPhone } from './test-phone.ts';

const HOST_BANNER = Buffer.from('host::features=shell_v2,cmd,stat_v2,ls_v2\0');
let running: RunningDemoPhone | undefined;
let hosts: RawHost[] = [];

afterEach(async () => {
  for (const host of hosts) host.close();
  hosts = [];
  await running?.close();
  running = undefined;
});

interface OnlineOptions {
  version?: number;
  maxdata?: number;
  phone?: SimulatedPhone;
  faults?: PhoneFaults;
}

async function online(options: OnlineOptions = {}): Promise<RawHost> {
  running = await startDemoPhone(options.phone ?? createTestPhone(), { auth: 'none', trustedKeys: [], faults: options.faults ?? {} });
  const host = await RawHost.connect(running.port);
  hosts.push(host);
  host.send(A_CNXN, options.version ?? 0x01000001, options.maxdata ?? 1024 * 1024, HOST_BANNER);
  const reply = await host.next();
  expect(reply?.command).toBe(A_CNXN);
  return host;
}

function open(host: RawHost, localId: number, service: string): void {
  host.send(A_OPEN, localId, 0, Buffer.from(`${service}\0`));
}

function syncRequest(id: string, path: string): Buffer {
  const header = Buffer.alloc(8);
  header.write(id, 0, 'latin1');
  header.writeUInt32LE(Buffer.byteLength(path), 4);
  return Buffer.concat([header, Buffer.from(path)]);
}

describe('demo phone transport', () => {
  it('answers CNXN with the smaller version and maxdata and a banner built from the phone', async () => {
    running = await startDemoPhone(createTestPhone({ model: 'Pixel 8' }), { auth: 'none', trustedKeys: [], faults: {} });
    const host = await RawHost.connect(running.port);
    hosts.push(host);
    host.send(A_CNXN, 0x01000001, 4096, HOST_BANNER);
    const reply = await host.next();
    expect(reply).toMatchObject({ command: A_CNXN, arg0: 0x01000001, arg1: 4096 });
    const banner = Buffer.from(reply!.data).toString();
    expect(banner).toMatch(/^device::ro\.product\.name=demo_test;ro\.product\.model=Pixel 8;ro\.product\.device=testdevice;features=/);
    const features = banner.split('features=')[1]!.split(',');
    expect(features).toEqual(expect.arrayContaining(['shell_v2', 'cmd', 'stat_v2', 'ls_v2', 'fixed_push_mkdir', 'abb_exec']));
    expect(features).not.toContain('sendrecv_v2');
    expect(features).not.toContain('delayed_ack');
  });

  it('computes checksums when the host speaks version 0x01000000', async () => {
    const host = await online({ version: 0x01000000 });
    open(host, 7, 'shell:echo checked');
    const okay = await host.next();
    expect(okay?.command).toBe(A_OKAY);
    const write = await host.next();
    expect(write?.command).toBe(A_WRTE);
    expect(write!.dataCheck).toBe(checksum([write!.data]));
    expect(write!.dataCheck).not.toBe(0);
  });

  it('closes the connection on a bad magic', async () => {
    const host = await online();
    const header = encodeHeader(A_OPEN, 1, 0, 0, 0);
    header[20] = header[20]! ^ 0xff;
    host.sendBytes(header);
    await host.next();
    expect(host.closed).toBe(true);
  });

  it('closes the connection on a packet larger than the negotiated maxdata', async () => {
    const host = await online({ maxdata: 4096 });
    host.sendBytes(encodeHeader(A_WRTE, 1, 1, 4097, 0));
    await host.next();
    expect(host.closed).toBe(true);
  });

  it('refuses an unknown service with CLSE', async () => {
    const host = await online();
    open(host, 5, 'reboot:bootloader');
    expect(await host.next()).toMatchObject({ command: A_CLSE, arg0: 0, arg1: 5 });
  });

  it('keeps one WRTE in flight per stream, never larger than maxdata, until the host says OKAY', async () => {
    const host = await online({ maxdata: 8192 });
    open(host, 3, 'sync:');
    const okay = await host.next();
    expect(okay).toMatchObject({ command: A_OKAY, arg1: 3 });
    const phoneId = okay!.arg0;
    host.send(A_WRTE, 3, phoneId, syncRequest('RECV', BIG_FILE));
    expect(await host.next()).toMatchObject({ command: A_OKAY, arg0: phoneId, arg1: 3 });
    const first = await host.next();
    expect(first).toMatchObject({ command: A_WRTE, arg0: phoneId, arg1: 3 });
    expect(first!.data.length).toBeLessThanOrEqual(8192);
    expect(await host.next(300)).toBeUndefined();
    host.send(A_OKAY, 3, phoneId);
    const second = await host.next();
    expect(second?.command).toBe(A_WRTE);
    expect(second!.data.length).toBeLessThanOrEqual(8192);
  });

  it('serves many streams at once, each with its own output', async () => {
    const host = await online();
    const count = 20;
    for (let i = 1; i <= count; i++) open(host, i, `shell,v2,raw:echo stream ${i}; exit ${i}`);
    const outputs = new Map<number, Buffer>();
    const closed = new Set<number>();
    while (closed.size < count) {
      const packet = await host.next();
      if (packet === undefined) break;
      if (packet.command === A_WRTE) {
        outputs.set(packet.arg1, Buffer.concat([outputs.get(packet.arg1) ?? Buffer.alloc(0), packet.data]));
        host.send(A_OKAY, packet.arg1, packet.arg0);
      } else if (packet.command === A_CLSE) {
        closed.add(packet.arg1);
      }
    }
    expect(closed.size).toBe(count);
    for (let i = 1; i <= count; i++) {
      const bytes = outputs.get(i)!;
      const text = `stream ${i}\n`;
      // [1][len][text] then [3][1][exit code]
      expect(bytes.subarray(5, 5 + text.length).toString()).toBe(text);
      expect(bytes.at(-1)).toBe(i);
    }
  });

  it('stops a command when the host closes its stream, and answers the CLSE', async () => {
    let aborted = false;
    const phone = createTestPhone();
    const watched: SimulatedPhone = {
      ...phone,
      shell: {
        async *run(command, signal) {
          signal.addEventListener('abort', () => (aborted = true), { once: true });
          yield* phone.shell.run(command, signal);
        },
      },
    };
    const host = await online({ phone: watched });
    open(host, 9, 'shell,v2,raw:sleep 30');
    const okay = await host.next();
    expect(okay?.command).toBe(A_OKAY);
    host.send(A_CLSE, 9, okay!.arg0);
    expect(await host.next()).toMatchObject({ command: A_CLSE, arg0: okay!.arg0, arg1: 9 });
    expect(aborted).toBe(true);
  });

  it('sends exactly dropAfterBytes bytes, then closes the connection', async () => {
    const host = await online({ faults: { dropAfterBytes: 5000 } });
    open(host, 1, 'exec:cat /sdcard/Movies/big.bin');
    while ((await host.next()) !== undefined);
    expect(host.closed).toBe(true);
    expect(host.receivedBytes).toBe(5000);
  });

  it('sends exactly stallAfterBytes bytes, then nothing, with the connection still open', async () => {
    const host = await online({ faults: { stallAfterBytes: 5000 } });
    open(host, 1, 'exec:cat /sdcard/Movies/big.bin');
    while ((await host.next(300)) !== undefined);
    expect(host.closed).toBe(false);
    expect(host.receivedBytes).toBe(5000);
  });
});
