import { describe, expect, it } from 'vitest';
import {
  HOSTILE_DIR,
  HOSTILE_LINKS,
  hostileFileNames,
  LYING_ACTUAL_SIZE,
  LYING_CLAIMED_SIZE,
  LYING_FILE,
} from '../../../../main/core/demo-phone/content/hostile-names.ts';
import { S_IFLNK, S_IFMT, S_IFREG } from '../../../../main/core/demo-phone/phone.ts';
import { makePhone, sh } from './test-phone.ts';

describe('hostile names on the simulated phone', () => {
  const phone = makePhone({ faults: { hostileNames: true } });

  it('lists every hostile name exactly, with a regular-file stat', () => {
    const entries = phone.files.list('/sdcard/Hostile');
    const names = entries.map((e) => e.name);
    for (const name of hostileFileNames()) expect(names).toContain(name);
    for (const name of ['..', 'a/b', 'nul\0name', 'line\nbreak.txt', '\x1b[31mred\x1b[0m.txt', 'CON', 'nul.txt', 'COM1.jpg', 'file:name?.jpg', 'trailing.', 'Photo.jpg', 'photo.jpg']) {
      const entry = entries.find((e) => e.name === name);
      expect(entry?.stat.mode, name).toBe(S_IFREG | 0o660);
      expect(entry?.stat.size, name).toBeGreaterThan(0);
    }
  });

  it('has a 255-byte multi-byte name', () => {
    const long = phone.files.list(HOSTILE_DIR).map((e) => e.name).find((n) => Buffer.byteLength(n) === 255);
    expect(long).toBeDefined();
    expect([...(long as string)].length).toBeLessThan(255);
  });

  it('reports symlinks that point outside the sdcard, at their folder and at themselves', () => {
    for (const [name, target] of HOSTILE_LINKS) {
      expect(phone.files.lstat(`${HOSTILE_DIR}/${name}`).mode & S_IFMT).toBe(S_IFLNK);
      expect(phone.files.readlink(`${HOSTILE_DIR}/${name}`)).toBe(target);
    }
    expect(phone.files.list(`${HOSTILE_DIR}/up`).map((e) => e.name)).toContain('hosts');
    expect(phone.files.list(`${HOSTILE_DIR}/loop/loop/loop`).map((e) => e.name)).toContain('loop');
    expect(() => phone.files.stat(`${HOSTILE_DIR}/self`)).toThrow(/Too many symbolic links/);
    expect(() => phone.files.stat(`${HOSTILE_DIR}/dangling`)).toThrow(/No such file/);
    expect(() => phone.files.list(`${HOSTILE_DIR}/escape`)).toThrow(/Permission denied/);
  });

  it('serves fewer bytes than the stat size of the lying file', () => {
    const path = `${HOSTILE_DIR}/${LYING_FILE}`;
    expect(phone.files.stat(path).size).toBe(LYING_CLAIMED_SIZE);
    let served = 0;
    for (let offset = 0; offset < LYING_CLAIMED_SIZE; offset += 65536) served += phone.files.read(path, offset, 65536).length;
    expect(served).toBe(LYING_ACTUAL_SIZE);
  });

  it('prints hostile names raw in ls, as toybox does for a pipe', async () => {
    const result = await sh(phone, 'ls -a /sdcard/Hostile');
    expect(result.stdout).toContain('\nline\nbreak.txt\n');
    expect(result.stdout).toContain('\n\x1b[31mred\x1b[0m.txt\n');
  });

  it('leaves hostile names out unless asked for', () => {
    expect(() => makePhone().files.list('/sdcard/Hostile')).toThrow(/No such file/);
  });
});
