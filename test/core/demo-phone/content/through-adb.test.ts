// The simulated phone's shell answers as seen by Google's adb (the independent judge): hostile
// message bodies arrive raw, exit statuses survive shell v2, quoting passes through adb's own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimulatedPhone } from '../../../../main/core/demo-phone/phone.ts';
import { startDemoPhone, type RunningDemoPhone } from '../../../../main/core/demo-phone/server.ts';
import { AdbServer } from '../daemon/adb-harness.ts';
import { makePhone, sh } from './test-phone.ts';

const adb = new AdbServer();
let phone: SimulatedPhone;
let running: RunningDemoPhone;

beforeAll(async () => {
  phone = makePhone({ seed: 8, messages: 120, faults: { denyProviders: ['call_log'] } });
  running = await startDemoPhone(phone, { auth: 'none', trustedKeys: [], faults: {}, onProblem: () => undefined });
  await adb.start();
  await adb.connect(running.serial);
  await adb.waitForState(running.serial, 'device');
});

afterAll(async () => {
  await adb.stop();
  await running.close();
});

const on = (...args: string[]) => adb.run(['-s', running.serial, ...args]);

describe('simulated phone content through Google adb', () => {
  it('delivers content query output byte for byte, hostile bodies included', async () => {
    const command = `content query --uri content://sms --projection _id:address:body --where "_id<=20" --sort "_id ASC"`;
    const direct = await sh(phone, command);
    const viaAdb = await on('shell', command);
    expect(viaAdb.code).toBe(0);
    expect(viaAdb.stdout).toBe(direct.stdout);
    expect(viaAdb.stdout).toContain('body=Line one\nLine two\n\nLine four\n');
  });

  it('keeps exit statuses and stderr apart through shell v2', async () => {
    const missing = await on('shell', 'frobnicate');
    expect(missing.code).toBe(127);
    expect(missing.stderr).toBe('/system/bin/sh: frobnicate: inaccessible or not found\n');
    expect((await on('shell', 'exit 7')).code).toBe(7);
    const denied = await on('shell', 'content query --uri content://call_log/calls');
    expect(denied.code).toBe(0);
    expect(denied.stderr).toMatch(/^Error while accessing provider:call_log\njava\.lang\.SecurityException: Permission Denial: /);
  });

  it('lists and stats through adb shell as toybox would', async () => {
    const listing = await on('shell', 'ls -l /sdcard/Documents/');
    expect(listing.stdout).toMatch(/^total \d+\n/);
    expect(listing.stdout).toMatch(/ Lease agreement\.pdf\n/);
    const size = phone.files.stat('/sdcard/Documents/Lease agreement.pdf').size;
    expect((await on('shell', "stat -c %s '/sdcard/Documents/Lease agreement.pdf'")).stdout).toBe(`${size}\n`);
  });
});
