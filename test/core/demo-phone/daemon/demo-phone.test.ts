// The daemon serving the real demo phone (generated content, hostile names) to Google's adb.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoPhone } from '../../../../main/core/demo-phone/create-phone.ts';
import { DEFAULT_PHONE_OPTIONS } from '../../../../main/core/demo-phone/options.ts';
import type { SimulatedPhone } from '../../../../main/core/demo-phone/phone.ts';
import { startDemoPhone } from '../../../../main/core/demo-phone/server.ts';
import type { RunningDemoPhone } from '../../../../main/core/demo-phone/server.ts';
import { AdbServer } from './adb-harness.ts';

const CAMERA = '/sdcard/DCIM/Camera';
const adb = new AdbServer();
const work = mkdtempSync(join(tmpdir(), 'vitre-demo-content-'));
let phone: SimulatedPhone;
let running: RunningDemoPhone;
const problems: Error[] = [];

beforeAll(async () => {
  phone = createDemoPhone({ ...DEFAULT_PHONE_OPTIONS, photos: 6, videos: 1, faults: { hostileNames: true } });
  running = await startDemoPhone(phone, { auth: 'none', trustedKeys: [], faults: {}, onProblem: (error) => problems.push(error) });
  await adb.start();
  await adb.connect(running.serial);
  await adb.waitForState(running.serial, 'device');
});

afterAll(async () => {
  await adb.stop();
  await running.close();
  rmSync(work, { recursive: true, force: true });
});

const on = (...args: string[]) => adb.run(['-s', running.serial, ...args]);

function phoneBytes(path: string): Buffer {
  const size = phone.files.stat(path).size;
  const chunks: Uint8Array[] = [];
  for (let offset = 0; offset < size; offset += 65536) chunks.push(phone.files.read(path, offset, 65536));
  return Buffer.concat(chunks);
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('demo phone content through Google adb', () => {
  it('answers getprop with the model adb lists', async () => {
    const model = phone.properties.get('ro.product.model')!;
    expect((await on('shell', 'getprop ro.product.model')).stdout.trim()).toBe(model);
    expect(await adb.waitForState(running.serial, 'device')).toContain(`model:${model.replace(/ /g, '_')}`);
  });

  it('pulls the camera folder byte for byte', async () => {
    expect((await on('pull', CAMERA, work)).code).toBe(0);
    const names = phone.files.list(CAMERA).map((entry) => entry.name).sort();
    expect(readdirSync(join(work, 'Camera')).sort()).toEqual(names);
    for (const name of names) {
      expect(sha256(readFileSync(join(work, 'Camera', name)))).toBe(sha256(phoneBytes(`${CAMERA}/${name}`)));
    }
  });

  it('survives listing and pulling a folder of hostile names', async () => {
    await on('ls', '/sdcard/Hostile');
    await on('pull', '/sdcard/Hostile', join(work, 'hostile'));
    expect((await on('shell', 'echo still here')).stdout).toBe('still here\n');
    expect(problems).toEqual([]);
  });
});
