// RSA authentication, judged by Google's adb: its own key trusted → online; an unknown key and no
// "Allow USB debugging" tap → unauthorized; with the tap → online.
import { constants, createPrivateKey, privateEncrypt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAdbPublicKey, signatureMatches, TOKEN_SIZE } from '../../../../main/core/demo-phone/daemon/auth.ts';
import { startDemoPhone } from '../../../../main/core/demo-phone/server.ts';
import type { RunningDemoPhone } from '../../../../main/core/demo-phone/server.ts';
import { newAdbKeyPair } from './adb-key.ts';
import { AdbServer } from './adb-harness.ts';
import { createTestPhone } from './test-phone.ts';

const SHA1_DIGEST_INFO = Buffer.from('3021300906052b0e03021a05000414', 'hex');
const adb = new AdbServer();
const phones: RunningDemoPhone[] = [];
let adbPublicKey = '';

beforeAll(async () => {
  await adb.start();
  // The adb server creates ~/.android/adbkey{,.pub} in its HOME on first start.
  adbPublicKey = readFileSync(join(adb.home, '.android', 'adbkey.pub'), 'utf8');
});

afterAll(async () => {
  for (const phone of phones) await phone.close();
  await adb.stop();
});

async function phoneWith(trustedKeys: string[], acceptNewKeys: boolean): Promise<RunningDemoPhone> {
  const phone = await startDemoPhone(createTestPhone(), { auth: 'rsa', trustedKeys, acceptNewKeys, faults: {} });
  phones.push(phone);
  return phone;
}

describe('demo phone RSA authentication', () => {
  it('verifies a token signed with adb\'s private key, and rejects another key\'s signature', () => {
    const token = Buffer.alloc(TOKEN_SIZE, 7);
    const adbPrivate = createPrivateKey(readFileSync(join(adb.home, '.android', 'adbkey')));
    const signature = privateEncrypt({ key: adbPrivate, padding: constants.RSA_PKCS1_PADDING }, Buffer.concat([SHA1_DIGEST_INFO, token]));
    expect(signatureMatches(parseAdbPublicKey(adbPublicKey), token, signature)).toBe(true);
    expect(signatureMatches(parseAdbPublicKey(newAdbKeyPair().publicKey), token, signature)).toBe(false);
    expect(signatureMatches(parseAdbPublicKey(adbPublicKey), Buffer.alloc(TOKEN_SIZE, 8), signature)).toBe(false);
  });

  it('goes online when adb\'s own key is trusted', async () => {
    const phone = await phoneWith([newAdbKeyPair().publicKey, adbPublicKey], false);
    await adb.connect(phone.serial);
    const line = await adb.waitForState(phone.serial, 'device');
    expect(line).toContain('model:Test_Phone');
    const shell = await adb.run(['-s', phone.serial, 'shell', 'echo signed in']);
    expect(shell.stdout).toBe('signed in\n');
  });

  it('stays unauthorized when only another key is trusted and nobody allows the new one', async () => {
    const phone = await phoneWith([newAdbKeyPair().publicKey], false);
    await adb.connect(phone.serial);
    await adb.waitForState(phone.serial, 'unauthorized');
    const shell = await adb.run(['-s', phone.serial, 'shell', 'echo nope']);
    expect(shell.code).not.toBe(0);
    expect(shell.stderr).toMatch(/unauthorized/);
  });

  it('goes online once the user allows the key adb offers', async () => {
    const phone = await phoneWith([], true);
    await adb.connect(phone.serial);
    await adb.waitForState(phone.serial, 'device');
  });

  it('refuses a trusted key that is not in adb format', () => {
    expect(() => parseAdbPublicKey('bm90IGEga2V5 user@host')).toThrow(/adbkey\.pub/);
  });
});
