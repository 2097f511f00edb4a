// The issue's own spelling of the cloud commands, through the real `vitre` entry point: `backup
// --to-destination`, `verify --destination --sample` and `restore --from-destination`.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackupPhone, temporaryFolder, vitre, type BackupPhone } from '../core/backup/support/backup-phone.ts';
import { startRcloneWebdav, type WebdavTestServer } from '../support/servers/rclone-webdav.ts';

const PASSPHRASE = 'flags passphrase 51c0';
let server: WebdavTestServer;
let phone: BackupPhone;
let home: ReturnType<typeof temporaryFolder>;
let folder: ReturnType<typeof temporaryFolder>;

const run = (args: string[]) =>
  vitre(args, { VITRE_HOME: home.path, VITRE_DESTINATION_SECRET: server.password, VITRE_PASSPHRASE: PASSPHRASE });

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

beforeAll(async () => {
  home = temporaryFolder('vitre-cloud-flags-home-');
  folder = temporaryFolder('vitre-cloud-flags-backup-');
  server = await startRcloneWebdav();
  phone = await startBackupPhone({ seed: 9, photos: 4, videos: 0 });
  const add = await run(['destination', 'add', 'webdav', 'Home', '--url', `${server.url}/vitre`, '--username', server.username]);
  expect(add.code).toBe(0);
  expect((await run(['destination', 'enable', 'Home', '--yes'])).code).toBe(0);
});

afterAll(async () => {
  await phone?.close();
  await server?.close();
  home?.remove();
  folder?.remove();
});

describe('cloud flags on backup, verify and restore', () => {
  it('backs up to the folder, then uploads that snapshot to the destination, encrypted', async () => {
    const result = await run(['backup', phone.target, '--to', folder.path, '--categories', 'photos', '--to-destination', 'Home']);
    expect(result.stderr).not.toMatch(/Error/);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Uploaded \d+ files .* is complete on "Home"/);
  });

  it('records every request of that backup with its job, category and destination', async () => {
    const list = await run(['activity', '--json', '--host', '127.0.0.1']);
    expect(list.code).toBe(0);
    type Listed = { kind: string; port: number; method?: string; purpose: { job?: string; category?: string; destination?: string } };
    const toServer = (JSON.parse(list.stdout) as Listed[]).filter((record) => record.port === server.port && record.kind === 'http');
    const puts = toServer.filter((record) => record.method === 'PUT');
    expect(puts.length).toBeGreaterThanOrEqual(4);
    for (const record of toServer) {
      expect(record.purpose.destination).toBe('Home');
      expect(record.purpose.job).toBeTruthy();
    }
    expect(puts.filter((record) => record.purpose.category === 'photos').length).toBeGreaterThanOrEqual(4);
  });

  it('verifies a sample of the destination', async () => {
    const result = await run(['verify', '--destination', 'Home', '--sample', '2']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^OK: 1 snapshots/m);
  });

  it('restores a photo deleted on the phone from the destination, bytes and date', async () => {
    const photos = phone.phone.files.list('/sdcard/DCIM/Camera').filter((entry) => entry.name.endsWith('.jpg'));
    const photo = `/storage/emulated/0/DCIM/Camera/${photos[0]!.name}`;
    const stat = phone.phone.files.stat(photo);
    const before = sha256(phone.phone.files.read(photo, 0, stat.size));
    expect((await phone.device.shell(`rm ${photo}`)).exitCode).toBe(0);
    const result = await run(['restore', '--from-destination', 'Home', '--to', phone.target, '--only', photo]);
    expect(result.code).toBe(0);
    const after = phone.phone.files.stat(photo);
    expect(after.mtime).toBe(stat.mtime);
    expect(sha256(phone.phone.files.read(photo, 0, after.size))).toBe(before);
  });

  it('says what to write instead when neither a folder nor a destination is named', async () => {
    const result = await run(['verify']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--destination NAME');
  });
});
