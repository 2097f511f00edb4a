// Vitre against the full simulated phone (createDemoPhone), directly and through Google's adb
// server: facts, a large extra file, and a content provider the phone denies.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PHONE_OPTIONS, type PhoneOptions } from '../../../main/core/demo-phone/options.ts';
import type { SimulatedPhone } from '../../../main/core/demo-phone/phone.ts';
import { openBothWays, type PhoneBothWays } from './support/both-ways.ts';
import { hashing } from './support/pull-all.ts';

const MOVIE = '/sdcard/Movies/holiday.mp4';
const MOVIE_SIZE = 100 * 1024 * 1024 + 777;
const options: PhoneOptions = {
  ...DEFAULT_PHONE_OPTIONS,
  seed: 7,
  extraFiles: [{ path: MOVIE, size: MOVIE_SIZE }],
  faults: { denyProviders: ['sms'] },
};

let both: PhoneBothWays | undefined;
let phone: SimulatedPhone;

function phoneHash(path: string, size: number): string {
  const hash = createHash('sha256');
  for (let offset = 0; offset < size; offset += 64 * 1024) hash.update(phone.files.read(path, offset, Math.min(64 * 1024, size - offset)));
  return hash.digest('hex');
}

beforeAll(async () => {
  both = await openBothWays(options);
  phone = both.phone;
});

afterAll(async () => {
  await both?.close();
});

describe.each(['direct', 'adb-server'] as const)('the simulated phone (%s)', (connection) => {
  const device = () => (both as PhoneBothWays).devices[connection];

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
    const hash = createHash('sha256');
    const pulled = { bytes: await device().pullInto(MOVIE, hashing(hash)) };
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
