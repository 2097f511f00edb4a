// The desktop app's secret store: each secret sealed by the keychain (safeStorage) before it is
// written, read back and forgotten by name; without a keychain nothing is written at all and the
// secrets live in memory for the run, which the interface then says.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { desktopSecrets, SECRETS_FILE } from '../../main/electron/secrets.ts';

const home = mkdtempSync(join(tmpdir(), 'vitre-keychain-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

// Stands in for the OS keychain: an XOR with a key the file never holds.
const KEY = 0x5a;
const keychain = (available: boolean) => ({
  isEncryptionAvailable: () => available,
  encryptString: (secret: string) => Buffer.from(Buffer.from(secret, 'utf8').map((byte) => byte ^ KEY)),
  decryptString: (sealed: Buffer) => Buffer.from(sealed.map((byte) => byte ^ KEY)).toString('utf8'),
});

describe('secrets in the desktop app', () => {
  it('seals each secret before it reaches the disk, reads it back, and forgets it', async () => {
    const secrets = desktopSecrets(keychain(true), home);
    expect(secrets.where).toBe('keychain');
    await secrets.store.set('destination/Home NAS', 'rclone-test-password');
    await secrets.store.set('passphrase/Home NAS', 'correct horse battery staple');
    const file = join(home, SECRETS_FILE);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('rclone-test-password');
    expect(text).not.toContain('correct horse');
    expect(statSync(file).mode & 0o077).toBe(0);
    // A new store over the same file (the next launch) finds them.
    const later = desktopSecrets(keychain(true), home);
    expect(await later.store.get('destination/Home NAS')).toBe('rclone-test-password');
    await later.store.delete('destination/Home NAS');
    expect(await later.store.get('destination/Home NAS')).toBeUndefined();
    expect(await later.store.get('passphrase/Home NAS')).toBe('correct horse battery staple');
  });

  it('without a keychain, keeps secrets in memory only and writes no file', async () => {
    const bare = mkdtempSync(join(tmpdir(), 'vitre-no-keychain-'));
    try {
      const secrets = desktopSecrets(keychain(false), bare);
      expect(secrets.where).toBe('session');
      await secrets.store.set('destination/Home NAS', 'rclone-test-password');
      expect(await secrets.store.get('destination/Home NAS')).toBe('rclone-test-password');
      expect(existsSync(join(bare, SECRETS_FILE))).toBe(false);
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });
});
