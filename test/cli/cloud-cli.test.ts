// The cloud commands as a user runs them, against rclone's WebDAV server: add a destination, be
// refused before consenting, enable it, test it, upload a snapshot, verify and restore it; and
// the password and passphrase appear nowhere in the data folder nor in activity exports.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBackup, type BackupReport } from '../../main/core/backup/index.ts';
import { readLocalSnapshot } from '../../main/core/cloud/snapshot-manifest.ts';
import { cloudCli } from '../core/cloud/support/cloud-cli.ts';
import { startRcloneWebdav, type WebdavTestServer } from '../support/servers/rclone-webdav.ts';
import { startBackupPhone, temporaryFolder, type BackupPhone } from '../core/backup/support/backup-phone.ts';

const PASSPHRASE = 'cloud-cli passphrase 7f3a9c';

let server: WebdavTestServer;
let phone: BackupPhone;
let home: ReturnType<typeof temporaryFolder>;
let folder: ReturnType<typeof temporaryFolder>;
let restored: ReturnType<typeof temporaryFolder>;
let backup: BackupReport;

const vitre = (args: string[], env: NodeJS.ProcessEnv = {}) => cloudCli(home.path, args, env);

const secrets = () => ({ VITRE_DESTINATION_SECRET: server.password, VITRE_PASSPHRASE: PASSPHRASE });

function grepTree(root: string, needle: string): string[] {
  return fs.readdirSync(root, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => fs.readFileSync(file).includes(needle));
}

beforeAll(async () => {
  home = temporaryFolder('vitre-cloud-cli-home-');
  folder = temporaryFolder('vitre-cloud-cli-backup-');
  restored = temporaryFolder('vitre-cloud-cli-restored-');
  server = await startRcloneWebdav();
  phone = await startBackupPhone({ seed: 3, photos: 5, videos: 0 });
  backup = await runBackup({ device: phone.device, folder: folder.path, categories: ['photos', 'contacts'] });
});

afterAll(async () => {
  await phone?.close();
  await server?.close();
  for (const temporary of [home, folder, restored]) temporary?.remove();
});

describe('vitre destination and vitre cloud', () => {
  it('adds a WebDAV destination without its password, not enabled', async () => {
    const add = await vitre(['destination', 'add', 'webdav', 'Nextcloud', '--url', `${server.url}/backup`, '--username', server.username], secrets());
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);
    expect(add.stdout).toMatch(/Nothing is sent there until you run "vitre destination enable Nextcloud"/);
    const list = await vitre(['destination', 'list', '--json']);
    expect(JSON.parse(list.stdout)).toEqual([expect.objectContaining({ name: 'Nextcloud', kind: 'webdav', enabled: false, address: { host: '127.0.0.1', port: server.port } })]);
  });

  it('refuses to upload before consent, sending nothing', async () => {
    const upload = await vitre(['cloud', 'upload', folder.path, '--to-destination', 'Nextcloud'], secrets());
    expect(upload.code).toBe(4);
    expect(upload.stderr).toMatch(/Nothing was sent.*vitre destination enable Nextcloud/);
    expect(fs.readdirSync(server.root)).toEqual([]);
    const enable = await vitre(['destination', 'enable', 'Nextcloud']);
    expect(enable.code).toBe(4);
    expect(enable.stdout).toMatch(/encrypted with your passphrase/);
    expect(enable.stderr).toMatch(/--yes/);
  });

  it('records consent with --yes, then tests the destination step by step', async () => {
    const enable = await vitre(['destination', 'enable', 'Nextcloud', '--yes']);
    expect(enable.code).toBe(0);
    expect(enable.stdout).toMatch(/Enabled "Nextcloud": consent recorded/);
    const test = await vitre(['destination', 'test', 'Nextcloud'], secrets());
    expect(test.code).toBe(0);
    expect(test.stderr).toMatch(/Using the password for "Nextcloud" from VITRE_DESTINATION_SECRET/);
    expect(test.stdout.split('\n').filter(Boolean).map((line) => line.split(/\s+/).slice(0, 2).join(' '))).toEqual(['ok reach', 'ok credentials', 'ok write', 'ok read', 'ok delete']);
    const wrong = await vitre(['destination', 'test', 'Nextcloud'], { VITRE_DESTINATION_SECRET: 'not-the-password' });
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toMatch(/FAIL reach .*refused the credentials/);
  });

  it('uploads the snapshot, saying where the passphrase came from', async () => {
    const upload = await vitre(['cloud', 'upload', folder.path, '--to-destination', 'Nextcloud'], secrets());
    expect(upload.code, upload.stderr).toBe(0);
    expect(upload.stderr).toMatch(/Using the passphrase from VITRE_PASSPHRASE\./);
    expect(upload.stderr).toMatch(/Created the backup key on "Nextcloud"/);
    expect(upload.stdout).toMatch(new RegExp(`Snapshot ${backup.snapshotId} is complete on "Nextcloud"`));
    expect(fs.readdirSync(path.join(server.root, 'backup')).sort()).toEqual(['catalog.age', 'key.age', 'objects', 'snapshots']);
  });

  it('refuses a wrong passphrase before writing anything', async () => {
    const before = fs.readdirSync(path.join(server.root, 'backup'), { recursive: true }).length;
    const upload = await vitre(['cloud', 'upload', folder.path, '--to-destination', 'Nextcloud'], { ...secrets(), VITRE_PASSPHRASE: 'wrong passphrase' });
    expect(upload.code).toBe(1);
    expect(upload.stderr).toMatch(/passphrase/i);
    expect(upload.stderr).not.toContain('wrong passphrase');
    expect(fs.readdirSync(path.join(server.root, 'backup'), { recursive: true }).length).toBe(before);
  });

  it('verifies a sample and restores byte-identical files with their dates', async () => {
    const verify = await vitre(['cloud', 'verify', '--destination', 'Nextcloud', '--sample', '2', '--json'], secrets());
    expect(verify.code, verify.stderr).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true, snapshots: 1, objectsChecked: 2 });
    const snapshots = await vitre(['cloud', 'snapshots', '--destination', 'Nextcloud', '--json'], secrets());
    expect(JSON.parse(snapshots.stdout)).toEqual([expect.objectContaining({ id: backup.snapshotId, entryCount: backup.entries })]);
    const restore = await vitre(['cloud', 'restore', '--from-destination', 'Nextcloud', '--to', restored.path], secrets());
    expect(restore.code, restore.stderr).toBe(0);
    const manifest = await readLocalSnapshot(folder.path, backup.snapshotId);
    for (const entry of manifest.entries) {
      const file = entry.path.startsWith('/storage/emulated/0/')
        ? path.join(restored.path, 'Internal storage', ...entry.path.slice('/storage/emulated/0/'.length).split('/'))
        : path.join(restored.path, ...entry.path.split('/'));
      expect(fs.readFileSync(file).equals(fs.readFileSync(path.join(folder.path, entry.object))), entry.path).toBe(true);
      expect(fs.statSync(file).mtimeMs, entry.path).toBe(entry.mtime);
    }
  });

  it('shows the uploads in Activity with their purpose, and no secret anywhere on disk or in exports', async () => {
    const list = await vitre(['activity', 'list', '--json', '--limit', '5000']);
    const records = JSON.parse(list.stdout) as { purpose: { destination?: string; module?: string; job?: string }; method?: string; verdict: string }[];
    const uploads = records.filter((record) => record.purpose.destination === 'Nextcloud' && record.method === 'PUT');
    expect(uploads.length).toBeGreaterThan(3);
    expect(uploads.every((record) => record.verdict === 'allowed' && record.purpose.module === 'main/core/cloud')).toBe(true);
    const exports = temporaryFolder('vitre-cloud-cli-exports-');
    try {
      for (const [format, raw] of [['jsonl', false], ['jsonl', true], ['har', false], ['har', true], ['csv', true]] as const) {
        const out = path.join(exports.path, `activity-${raw ? 'raw' : 'default'}.${format}`);
        const result = await vitre(['activity', 'export', '--format', format, '--out', out, ...(raw ? ['--raw'] : [])]);
        expect(result.code, result.stderr).toBe(0);
        expect(fs.readFileSync(out, 'utf8')).toContain('Nextcloud');
      }
      for (const secret of [server.password, PASSPHRASE, Buffer.from(`${server.username}:${server.password}`).toString('base64')]) {
        expect(grepTree(home.path, secret), secret).toEqual([]);
        expect(grepTree(exports.path, secret), secret).toEqual([]);
      }
    } finally {
      exports.remove();
    }
  });

  it('disabling takes consent back: the policy blocks it again and uploads are refused', async () => {
    const disable = await vitre(['destination', 'disable', 'Nextcloud']);
    expect(disable.code).toBe(0);
    const list = await vitre(['destination', 'list', '--json']);
    expect(JSON.parse(list.stdout)).toEqual([expect.objectContaining({ name: 'Nextcloud', enabled: false })]);
    const upload = await vitre(['cloud', 'upload', folder.path, '--to-destination', 'Nextcloud'], secrets());
    expect(upload.code).toBe(4);
    const remove = await vitre(['destination', 'remove', 'Nextcloud']);
    expect(remove.code).toBe(0);
    expect(fs.readdirSync(path.join(server.root, 'backup'))).toContain('key.age');
  });
});
