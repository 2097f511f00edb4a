// A phone that misbehaves mid-operation ends the operation with a typed error within its timeout:
// never a hang, never an unhandled rejection.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyStore, openDevice, type Device, type DeviceError } from '../../../main/core/device/index.ts';
import { PrivateAdbServer, waitFor } from './support/private-adb-server.ts';
import { BIG_FILE, startTestPhone, type StartOptions } from './support/test-phone.ts';
import { pullAll } from './support/pull-all.ts';

const TIMEOUT_MS = 1_500;
let folder: string;
let keyStore: KeyStore;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

let adb: PrivateAdbServer;

beforeAll(() => {
  adb = new PrivateAdbServer();
  folder = mkdtempSync(join(tmpdir(), 'vitre-faults-'));
  keyStore = new KeyStore({ folder, androidFolder: null });
  process.on('unhandledRejection', onUnhandled);
});

afterAll(async () => {
  await adb?.stop();
  process.off('unhandledRejection', onUnhandled);
  rmSync(folder, { recursive: true, force: true });
});


/** Opens a faulty phone, pulls the big file, and returns the error and how long it took. */
async function pullFrom(faults: StartOptions['faults']): Promise<{ error: DeviceError; ms: number; bytes: number }> {
  const phone = await startTestPhone({ bigFileSize: 20 * 1024 * 1024, faults });
  let device: Device | undefined;
  try {
    device = await openDevice(`tcp:127.0.0.1:${phone.port}`, { keyStore });
    const started = Date.now();
    const pull = { bytes: 0 };
    const error = await pullAll(device, BIG_FILE, { timeoutMs: TIMEOUT_MS }, pull).then(
      () => {
        throw new Error('the pull finished although the phone misbehaved');
      },
      (failure: unknown) => failure as DeviceError,
    );
    return { error, ms: Date.now() - started, bytes: pull.bytes };
  } finally {
    await device?.close().catch(() => undefined);
    await phone.close();
  }
}

describe('faulty phones', () => {
  it('a connection dropped mid-pull ends it as disconnected', async () => {
    const { error, ms, bytes } = await pullFrom({ dropAfterBytes: 3 * 1024 * 1024 });
    expect(error.kind).toBe('disconnected');
    expect(error.message).toMatch(/Reconnect|connection/i);
    expect(bytes).toBeLessThan(3 * 1024 * 1024);
    expect(ms).toBeLessThan(TIMEOUT_MS + 1_000);
  });

  it('a phone that stalls mid-pull ends it as a timeout', async () => {
    const { error, ms } = await pullFrom({ stallAfterBytes: 2 * 1024 * 1024 });
    expect(error.kind).toBe('timeout');
    expect(ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(ms).toBeLessThan(TIMEOUT_MS + 2_000);
  });

  it('a corrupted packet mid-pull ends it as a protocol error', async () => {
    const { error, ms } = await pullFrom({ corruptPacket: 12 });
    expect(error.kind).toBe('protocol');
    expect(error.message).toMatch(/damaged/);
    expect(ms).toBeLessThan(TIMEOUT_MS + 1_000);
  });

  it('a phone that stalls during a shell command ends it as a timeout', async () => {
    const phone = await startTestPhone({ faults: { stallAfterBytes: 2_000 } });
    try {
      // The handshake is well under 2,000 bytes; `cat` of the big file goes past the stall.
      const device = await openDevice(`tcp:127.0.0.1:${phone.port}`, { keyStore });
      const started = Date.now();
      await expect(device.shell(`cat ${BIG_FILE}`, { timeoutMs: TIMEOUT_MS, onStdout: () => undefined })).rejects.toMatchObject({
        kind: 'timeout',
      });
      expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 2_000);
      await device.close();
    } finally {
      await phone.close();
    }
  });

  it('a phone that drops during the handshake is reported, not hung on', async () => {
    const phone = await startTestPhone({ faults: { dropAfterBytes: 10 } });
    try {
      await expect(openDevice(`tcp:127.0.0.1:${phone.port}`, { keyStore, handshakeTimeoutMs: TIMEOUT_MS })).rejects.toMatchObject({
        kind: expect.stringMatching(/^(disconnected|protocol)$/),
      });
    } finally {
      await phone.close();
    }
  });

  describe.each([
    ['dropped connection', { dropAfterBytes: 3 * 1024 * 1024 }, 'disconnected'],
    ['stall', { stallAfterBytes: 3 * 1024 * 1024 }, 'timeout'],
    // adb itself rejects the damaged packet and drops the phone, so Vitre sees the phone vanish.
    ['corrupt packet', { corruptPacket: 12 }, 'disconnected'],
  ] as const)('through the adb server, a %s', (_name, faults, kind) => {
    it(`ends a pull as ${kind}`, async () => {
      const phone = await startTestPhone({ bigFileSize: 20 * 1024 * 1024, faults });
      try {
        await adb.server.connect('127.0.0.1', phone.port);
        await waitFor(async () => (await adb.server.devices()).find((d) => d.serial === phone.serial && d.state === 'ready'), 'the phone to be ready');
        const device = await openDevice(phone.serial, { adbServer: adb.server });
        const started = Date.now();
        await expect(pullAll(device, BIG_FILE, { timeoutMs: TIMEOUT_MS })).rejects.toMatchObject({ kind });
        expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 2_000);
        await device.close();
      } finally {
        await adb.adb(['disconnect', phone.serial]);
        await phone.close();
      }
    });
  });

  it('left no unhandled rejection behind', async () => {
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(unhandled).toEqual([]);
  });
});
