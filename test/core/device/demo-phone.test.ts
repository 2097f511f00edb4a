// Vitre against the full simulated phone (createDemoPhone), directly and through Google's adb
// server: facts, a large extra file, and a content provider the phone denies.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoPhone } from '../../../main/core/demo-phone/create-phone.ts';
import { DEFAULT_PHONE_OPTIONS, type PhoneOptions } from '../../../main/core/demo-phone/options.ts';
import type { SimulatedPhone } from '../../../main/core/demo-phone/phone.ts';
import { startDemoPhone, type RunningDemoPhone } from '../../../main/core/demo-phone/server.ts';
import { KeyStore, openDevice, type Device } from '../../../main/core/device/index.ts';
import { PrivateAdbServer, waitFor } from './support/private-adb-server.ts';

const MOVIE = '/sdcard/Movies/holiday.mp4';
const MOVIE_SIZE = 100 * 1024 * 1024 + 777;
const options: PhoneOptions = {
  ...DEFAULT_PHONE_OPTIONS,
  seed: 7,
  extraFiles: [{ path: MOVIE, size: MOVIE_SIZE }],
  faults: { denyProviders: ['sms'] },
};

let phone: SimulatedPhone;
let running: RunningDemoPhone;
let adb: PrivateAdbServer;
let folder: string;
const devices: Record<'direct' | 'adb-server', Device | undefined> = { direct: undefined, 'adb-server': undefined };

function phoneHash(path: string, size: number): string {
  const hash = createHash('sha256');
  for (let offset = 0; offset < size; offset += 64 * 1024) hash.update(phone.files.read(path, offset, Math.min(64 * 1024, size - offset)));
  return hash.digest('hex');
}

beforeAll(async () => {
  phone = createDemoPhone(options);
  running = await startDemoPhone(phone, options);
  folder = mkdtempSync(join(tmpdir(), 'vitre-demo-'));
  devices.direct = await openDevice(`tcp:127.0.0.1:${running.port}`, { keyStore: new KeyStore({ folder, androidFolder: null }) });
  adb = new PrivateAdbServer();
  await adb.server.connect('127.0.0.1', running.port);
  await waitFor(async () => (await adb.server.devices()).find((d) => d.serial === running.serial && d.state === 'ready'), 'the phone to be ready');
  devices['adb-server'] = await openDevice(running.serial, { adbServer: adb.server });
});

afterAll(async () => {
  await devices.direct?.close();
  await devices['adb-server']?.close();
  await running?.close();
  await adb?.stop();
  rmSync(folder, { recursive: true, force: true });
});

describe.each(['direct', 'adb-server'] as const)('the simulated phone (%s)', (connection) => {
  const device = () => devices[connection] as Device;

  it('reports the facts its properties, df and dumpsys describe', async () => {
    const facts = await device().facts();
    expect(facts).toMatchObject({
      model: phone.properties.get('ro.product.model'),
      manufacturer: phone.properties.get('ro.product.manufacturer'),
      androidVersion: phone.properties.get('ro.build.version.release'),
      sdk: Number(phone.properties.get('ro.build.version.sdk')),
      storage: { mountPoint: '/data' },
      battery: { levelPercent: expect.any(Number) },
    });
    expect(facts.storage?.freeBytes).toBeGreaterThan(0);
    expect(facts.storage?.usedBytes).toBeGreaterThan(0);
  });

  it('lists a folder the way the phone stores it', async () => {
    const entries = await device().list('/sdcard/Movies');
    const expected = phone.files.list('/sdcard/Movies');
    expect(entries.map((e) => e.name).sort()).toEqual(expected.map((e) => e.name).sort());
    expect(entries.find((e) => e.name === 'holiday.mp4')).toMatchObject({ type: 'file', size: MOVIE_SIZE });
  });

  it('pulls a file over 100 MiB byte-identical', async () => {
    const pulled = device().pull(MOVIE);
    const hash = createHash('sha256');
    for await (const chunk of pulled.readable) hash.update(chunk);
    expect(pulled.bytes).toBe(MOVIE_SIZE);
    expect(hash.digest('hex')).toBe(phoneHash(MOVIE, MOVIE_SIZE));
  });

  it('shows a denied content provider as readable stderr, not a crash', async () => {
    const result = await device().shell('content query --uri content://sms --projection _id:address');
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/SecurityException: Permission Denial/);
    // Android's `content` tool prints the exception and still exits 0 (AOSP cmds/content
    // Content.java catches it in execute()), so callers must look at stderr, as here.
    expect(result.exitCode).toBe(0);
  });

  it('gives a non-zero exit code and stderr for a failing command', async () => {
    const result = await device().shell('ls /sdcard/no-such-folder');
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toMatch(/No such file or directory/);
  });
});
