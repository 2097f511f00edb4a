// Vitre through Google's adb server (the path USB phones take), on a private server per file.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdbServer, onProcessLaunch, openDevice, type Device, type DeviceEvent, type ProcessLaunch } from '../../../main/core/device/index.ts';
import { openServerChannel } from '../../../main/core/device/sync/server-channel.ts';
import { recvRequest } from '../../../main/core/device/sync/recv-parser.ts';
import { listenTcp } from '../../../main/core/net/tcp.ts';
import { PrivateAdbServer, waitFor } from './support/private-adb-server.ts';
import { BIG_FILE, SMALL_FILES, generatedBytes, startTestPhone } from './support/test-phone.ts';
import { hashing, landingTarget, pullAll } from './support/pull-all.ts';

const BIG_SIZE = 100 * 1024 * 1024 + 99;
let adb: PrivateAdbServer;
const launches: ProcessLaunch[] = [];
let stopRecording: () => void;

beforeAll(() => {
  adb = new PrivateAdbServer();
  stopRecording = onProcessLaunch((launch) => launches.push(launch));
});

afterAll(async () => {
  stopRecording?.();
  await adb?.stop();
});

describe('the adb server', () => {
  it('is started when not running, and the launch is announced', async () => {
    expect(await adb.server.ensureRunning()).toBe(41);
    expect(launches).toContainEqual({ file: adb.adbPath, args: ['-P', String(adb.port), 'start-server'], purpose: 'start the adb server' });
  });

  it('reports a missing adb server as unreachable when told not to start one', async () => {
    // A port that was free a moment ago: nothing answers there.
    const { server: listener, port } = await listenTcp(() => undefined);
    await new Promise((resolve) => listener.close(resolve));
    const server = new AdbServer({ port, start: false });
    await expect(server.devices()).rejects.toMatchObject({ kind: 'unreachable' });
  });

  it('refuses pairing with the too-old message on adb 29', async () => {
    const failure = adb.server.pair('127.0.0.1', 37000, '123456');
    await expect(failure).rejects.toMatchObject({ kind: 'adb-too-old', message: expect.stringMatching(/too old.*platform-tools 30/) });
  });

  it('reports connect to a closed port as unreachable', async () => {
    const phone = await startTestPhone();
    await phone.close();
    await expect(adb.server.connect('127.0.0.1', phone.port)).rejects.toMatchObject({ kind: 'unreachable' });
  });
});

describe('a phone through the adb server', () => {
  let phone: Awaited<ReturnType<typeof startTestPhone>>;
  let device: Device;

  beforeAll(async () => {
    phone = await startTestPhone({ bigFileSize: BIG_SIZE });
    const result = await adb.server.connect('127.0.0.1', phone.port);
    expect(result).toMatchObject({ serial: phone.serial, alreadyConnected: false });
    await waitFor(async () => (await adb.server.devices()).find((d) => d.serial === phone.serial && d.state === 'ready'), 'the phone to be ready');
    device = await openDevice(phone.serial, { adbServer: adb.server });
  });

  afterAll(async () => {
    await device?.close();
    await phone?.close();
  });

  it('says so when connecting twice', async () => {
    await expect(adb.server.connect('127.0.0.1', phone.port)).resolves.toMatchObject({ alreadyConnected: true });
  });

  it('is listed ready with its model', async () => {
    const listed = (await adb.server.devices()).find((d) => d.serial === phone.serial);
    expect(listed).toMatchObject({ state: 'ready', model: 'Pixel_7' });
    expect(listed?.help).toBeUndefined();
  });

  it('runs a shell command with separate stderr and its exit code', async () => {
    expect(device.connection).toBe('adb-server');
    await expect(device.shell('echo out; echo oops >&2; exit 3')).resolves.toEqual({ stdout: 'out\n', stderr: 'oops\n', exitCode: 3 });
  });

  it('stats, lists and pulls byte-identical', async () => {
    expect((await device.stat('/sdcard/Documents/notes.txt')).size).toBe((SMALL_FILES['/sdcard/Documents/notes.txt'] as string).length);
    expect((await device.list('/sdcard/DCIM/Camera')).map((entry) => entry.name)).toEqual(['IMG_0001.jpg']);
    for (const [path, text] of Object.entries(SMALL_FILES)) {
      expect((await pullAll(device, path)).equals(Buffer.from(text, 'latin1'))).toBe(true);
    }
  });

  it('pulls a file over 100 MiB byte-identical', async () => {
    const hash = createHash('sha256');
    const started = performance.now();
    const pulled = { bytes: await device.pullInto(BIG_FILE, hashing(hash)) };
    const seconds = (performance.now() - started) / 1000;
    console.log(`pull through adb server: ${(BIG_SIZE / 1024 / 1024 / seconds).toFixed(0)} MiB/s over ${BIG_SIZE} bytes`);
    const expected = createHash('sha256');
    for (let offset = 0; offset < BIG_SIZE; offset += 1024 * 1024) expected.update(generatedBytes(offset, Math.min(1024 * 1024, BIG_SIZE - offset)));
    expect(pulled.bytes).toBe(BIG_SIZE);
    expect(hash.digest('hex')).toBe(expected.digest('hex'));
  });

  it('receives a file straight into the memory the target says it goes to, byte-identical', async () => {
    const { target, counts, pulled } = landingTarget(BIG_SIZE);
    expect(await device.pullInto(BIG_FILE, target)).toBe(BIG_SIZE);
    const expected = createHash('sha256');
    for (let offset = 0; offset < BIG_SIZE; offset += 1024 * 1024) expected.update(generatedBytes(offset, Math.min(1024 * 1024, BIG_SIZE - offset)));
    expect(createHash('sha256').update(pulled()).digest('hex')).toBe(expected.digest('hex'));
    expect(counts.inPlace).toBeGreaterThan(BIG_SIZE * 0.5);
    expect(counts.inPlace + counts.copied).toBe(BIG_SIZE);
    // The channel's socket is closed after the pull; a landing it held is released with it.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(counts.outstanding).toBe(0);
  });

  it("ends a transfer's session once the file's last bytes are in, and the phone's DONE follows", async () => {
    // The server holds a small DONE back until we acknowledge the DATA before it (server-channel.ts,
    // finishing): the QUIT written then is what ends the session here; without it, the session
    // stays open after DONE and `ended` never resolves.
    const path = '/sdcard/Documents/notes.txt';
    const text = Buffer.from(SMALL_FILES[path] as string, 'latin1');
    const channel = await openServerChannel({ port: adb.port, serial: phone.serial, timeoutMs: 5_000 });
    const received: Buffer[] = [];
    let total = 0;
    const ended = new Promise<void>((resolve, reject) => {
      channel.start({
        received(chunk) {
          received.push(Buffer.from(chunk));
          total += chunk.length;
          if (total === 8 + text.length) channel.finishing?.();
        },
        end: resolve,
        error: reject,
      });
    });
    try {
      await channel.write(recvRequest(path));
      await ended;
    } finally {
      channel.close();
    }
    const header = (id: string, length: number) => Buffer.concat([Buffer.from(id, 'latin1'), Buffer.from(Uint32Array.of(length).buffer)]);
    expect(Buffer.concat(received)).toEqual(Buffer.concat([header('DATA', text.length), text, header('DONE', 0)]));
  });

  it('pushes with mode and mtime, and Google adb pulls it back identical', async () => {
    const content = Buffer.from('written by vitre\n'.repeat(5000));
    await device.push('/sdcard/Download/from-vitre.txt', content, { mode: 0o640, mtime: 1_555_555_555 });
    expect(await device.stat('/sdcard/Download/from-vitre.txt')).toMatchObject({ size: content.length, mtime: 1_555_555_555, permissions: 0o640 });
    const local = join(adb.home, 'from-vitre.txt');
    const judged = await adb.adb(['-s', phone.serial, 'pull', '/sdcard/Download/from-vitre.txt', local]);
    expect(judged.code).toBe(0);
    expect(readFileSync(local).equals(content)).toBe(true);
  });

  it('reads device facts', async () => {
    await expect(device.facts()).resolves.toMatchObject({
      model: 'Pixel 7',
      manufacturer: 'Google',
      androidVersion: '14',
      sdk: 34,
      storage: { mountPoint: '/data' },
      battery: { levelPercent: 85, charging: true },
    });
  });

  it('fails to open an unknown serial with a typed error', async () => {
    await expect(openDevice('no-such-phone', { adbServer: adb.server })).rejects.toMatchObject({ kind: 'unreachable' });
  });
});

describe('hotplug', () => {
  it('reports a phone appearing and disappearing', async () => {
    const tracker = await adb.server.trackDevices();
    const events: DeviceEvent[] = [];
    tracker.onEvent((event) => events.push(event));
    const phone = await startTestPhone();
    try {
      await adb.server.connect('127.0.0.1', phone.port);
      await waitFor(async () => events.find((e) => e.device.serial === phone.serial && e.device.state === 'ready'), 'the phone to appear ready');
      await phone.close();
      await waitFor(
        async () => events.find((e) => e.device.serial === phone.serial && (e.type === 'removed' || e.device.state === 'offline')),
        'the phone to go away',
      );
      expect(events.find((e) => e.device.serial === phone.serial)?.type).toBe('added');
    } finally {
      await tracker.stop();
      await phone.close();
    }
  });

  it('shows a phone that does not trust the adb server as unauthorized, with help', async () => {
    const phone = await startTestPhone({ auth: 'rsa', trustedKeys: [] });
    try {
      await adb.server.connect('127.0.0.1', phone.port).catch(() => undefined);
      const listed = await waitFor(
        async () => (await adb.server.devices()).find((d) => d.serial === phone.serial && d.state === 'unauthorized'),
        'the phone to be listed unauthorized',
      );
      expect(listed.help).toMatch(/Allow USB debugging/);
      await expect(openDevice(phone.serial, { adbServer: adb.server })).rejects.toMatchObject({ kind: 'unauthorized' });
    } finally {
      await adb.adb(['disconnect', phone.serial]);
      await phone.close();
    }
  });
});
