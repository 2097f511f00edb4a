// Vitre's key is interchangeable with Google adb's: adb accepts Vitre's adbkey, and Vitre derives
// the same public key adb wrote for its own.
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyStore, vitreHome } from '../../../main/core/device/index.ts';
import { PrivateAdbServer, waitFor } from './support/private-adb-server.ts';
import { startTestPhone } from './support/test-phone.ts';

let adb: PrivateAdbServer;

beforeAll(() => {
  adb = new PrivateAdbServer();
});

afterAll(async () => {
  await adb?.stop();
});

describe('the connection key', () => {
  it('lives in VITRE_HOME, else XDG_CONFIG_HOME/vitre, else ~/.config/vitre', () => {
    expect(vitreHome({ VITRE_HOME: '/data/v' })).toBe('/data/v');
    expect(vitreHome({ XDG_CONFIG_HOME: '/home/a/.cfg' })).toBe('/home/a/.cfg/vitre');
    expect(vitreHome({})).toMatch(/\.config\/vitre$/);
  });

  it('is a PKCS#8 PEM file with mode 0600, created once and then reused', () => {
    const store = new KeyStore({ folder: join(adb.home, 'vitre'), androidFolder: null });
    const first = store.ensureKey();
    expect(readFileSync(store.keyPath, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(statSync(store.keyPath).mode & 0o777).toBe(0o600);
    expect(existsSync(`${store.keyPath}.pub`)).toBe(true);
    expect(Buffer.from(store.ensureKey()).equals(Buffer.from(first))).toBe(true);
  });

  it('is accepted by Google adb, which then connects to a phone that trusts Vitre', async () => {
    const store = new KeyStore({ folder: join(adb.home, 'vitre'), androidFolder: null });
    store.ensureKey();
    mkdirSync(join(adb.home, '.android'), { recursive: true });
    copyFileSync(store.keyPath, join(adb.home, '.android', 'adbkey'));
    copyFileSync(`${store.keyPath}.pub`, join(adb.home, '.android', 'adbkey.pub'));
    const phone = await startTestPhone({ auth: 'rsa', trustedKeys: [store.publicKeys()[0] as string] });
    try {
      await adb.server.connect('127.0.0.1', phone.port).catch(() => undefined);
      const listed = await waitFor(
        async () => (await adb.server.devices()).find((d) => d.serial === phone.serial && d.state !== 'authorizing' && d.state !== 'connecting'),
        'adb to finish authenticating',
      );
      expect(listed.state).toBe('ready');
    } finally {
      await adb.adb(['disconnect', phone.serial]);
      await phone.close();
    }
  });

  it('derives the same public key that adb wrote for its own key', async () => {
    const fresh = new PrivateAdbServer();
    try {
      await fresh.server.ensureRunning(); // adb creates ~/.android/adbkey{,.pub} on first start
      const adbPub = readFileSync(join(fresh.home, '.android', 'adbkey.pub'), 'utf8').split(' ')[0];
      const store = new KeyStore({ folder: join(fresh.home, 'vitre'), androidFolder: join(fresh.home, '.android') });
      const keys = store.publicKeys().map((line) => line.split(' ')[0]);
      expect(keys).toHaveLength(2);
      expect(keys[1]).toBe(adbPub);
    } finally {
      await fresh.stop();
    }
  });
});
