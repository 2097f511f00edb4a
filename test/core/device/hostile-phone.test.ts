// A phone that reports hostile names and lying sizes (the simulator's `hostileNames` switch), read
// through Vitre's device layer both directly and through Google's adb server: every name arrives
// exactly as the phone sent it (deciding what to do with it is the backup engine's job), nothing
// crashes or hangs, and what cannot be read ends in a typed error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  HOSTILE_DIR,
  HOSTILE_LINKS,
  LYING_ACTUAL_SIZE,
  LYING_CLAIMED_SIZE,
  LYING_FILE,
  hostileFileNames,
} from '../../../main/core/demo-phone/content/hostile-names.ts';
import { DEFAULT_PHONE_OPTIONS, type PhoneOptions } from '../../../main/core/demo-phone/options.ts';
import { DeviceError } from '../../../main/core/device/index.ts';
import { openBothWays, type PhoneBothWays } from './support/both-ways.ts';
import { pullAll } from './support/pull-all.ts';

const options: PhoneOptions = { ...DEFAULT_PHONE_OPTIONS, seed: 11, faults: { hostileNames: true } };
let phone: PhoneBothWays | undefined;

beforeAll(async () => {
  phone = await openBothWays(options);
});

afterAll(async () => {
  await phone?.close();
});

describe.each(['direct', 'adb-server'] as const)('a hostile phone (%s)', (connection) => {
  const device = () => (phone as PhoneBothWays).devices[connection];

  it('lists every hostile name exactly as the phone sent it, but never "." or ".."', async () => {
    const entries = await device().list(HOSTILE_DIR);
    const names = entries.map((entry) => entry.name);
    const expected = [...hostileFileNames(), ...HOSTILE_LINKS.map(([link]) => link), LYING_FILE].filter((name) => name !== '..');
    for (const name of expected) expect(names).toContain(name);
    // A "file" named ".." is indistinguishable from the parent folder's own entry: it is dropped
    // with '.' and '..', so nothing downstream can be led to the parent folder by it.
    expect(names).not.toContain('..');
    expect(names).not.toContain('.');
    const links = entries.filter((entry) => entry.type === 'symlink').map((entry) => entry.name);
    expect(links.sort()).toEqual(HOSTILE_LINKS.map(([link]) => link).sort());
  });

  it('reports a link pointing outside as a link (lstat), never as what it points to', async () => {
    const stat = await device().lstat(`${HOSTILE_DIR}/escape`);
    expect(stat.type).toBe('symlink');
  });

  it('ends the pull of a file whose size lies when the phone stops sending, without hanging', async () => {
    const stat = await device().stat(`${HOSTILE_DIR}/${LYING_FILE}`);
    expect(stat.size).toBe(LYING_CLAIMED_SIZE);
    expect((await pullAll(device(), `${HOSTILE_DIR}/${LYING_FILE}`, { timeoutMs: 5_000 })).length).toBe(LYING_ACTUAL_SIZE);
  });

  it('answers a name that cannot be a path (it holds "/") with a typed not-found error', async () => {
    const failure = await pullAll(device(), `${HOSTILE_DIR}/a/b`, { timeoutMs: 5_000 }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(DeviceError);
    expect((failure as DeviceError).kind).toBe('not-found');
  });
});
