import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findAdb } from '../../../main/core/device/index.ts';
import { requireTool } from '../../support/tools.ts';

describe('finding adb', () => {
  const folder = mkdtempSync(join(tmpdir(), 'vitre-find-adb-'));
  const fakeAdb = join(folder, 'adb');
  writeFileSync(fakeAdb, '#!/bin/sh\n', { mode: 0o755 });

  it('prefers the configured path, then VITRE_ADB, then PATH', () => {
    const realAdb = requireTool('adb');
    expect(findAdb(fakeAdb, { PATH: '/usr/bin' })).toBe(fakeAdb);
    expect(findAdb(undefined, { VITRE_ADB: fakeAdb, PATH: '/usr/bin' })).toBe(fakeAdb);
    expect(findAdb(undefined, { PATH: `${folder}-missing:/usr/bin` })).toBe(realAdb);
  });

  it('says what to do when adb cannot be found', () => {
    expect(() => findAdb(undefined, { PATH: folder + '-missing' })).toThrow(/apt-get install adb.*VITRE_ADB/);
    expect(() => findAdb(undefined, { VITRE_ADB: join(folder, 'nope'), PATH: '/usr/bin' })).toThrow(/VITRE_ADB is set to/);
  });
});
