// Cloud destinations through the API, against `rclone serve webdav` and the simulated phone: adding
// one keeps its password out of every file; nothing is reached before consent; the connection test
// runs the probe; a passphrase must be typed twice; a backup of photos goes to the destination
// encrypted only for the categories agreed to, with a test-decrypt; a wrong passphrase is refused
// before anything is written; removing forgets the secrets.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DestinationList, DestinationTest, DestinationView, EventMessage, PassphraseCheck } from '../../../preload/contract/api.ts';
import type { Device } from '../../../preload/contract/devices.ts';
import { createAppApi } from '../../../main/core/api/create-app-api.ts';
import type { Api } from '../../../main/core/api/create-api.ts';
import { KeyStore } from '../../../main/core/device/index.ts';
import { startRcloneWebdav, type WebdavTestServer } from '../../support/servers/rclone-webdav.ts';
import { startS3TestServer } from '../../support/servers/s3-test-server.ts';
import { finished, value } from './support/api-results.ts';

let scratch: string;
let home: string;

/** The consent record as destinations.json keeps it. */
function storedConsent(): unknown {
  const stored = JSON.parse(readFileSync(join(home, 'destinations.json'), 'utf8')) as { destinations: Array<{ name: string; consent?: unknown }> };
  return stored.destinations.find((d) => d.name === NAME)?.consent;
}
let api: Api;
let phone: Device;
let webdav: WebdavTestServer;
const events: EventMessage[] = [];
const NAME = 'Home NAS';
const PASSPHRASE = 'correct horse battery staple';

function refusal(result: { ok: boolean; error?: { kind: string; message: string } }): { kind: string; message: string } {
  if (result.ok) throw new Error('expected a refusal');
  return result.error!;
}

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

beforeAll(async () => {
  webdav = await startRcloneWebdav();
  scratch = mkdtempSync(join(tmpdir(), 'vitre-api-destinations-'));
  home = join(scratch, 'home');
  api = createAppApi({ keyStore: new KeyStore({ folder: join(scratch, 'keys'), androidFolder: null }), home });
  api.subscribe((message) => events.push(message));
  phone = value<Device>(await api.invoke('demo-phone.start', {}));
});

afterAll(async () => {
  await api?.close();
  await webdav?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('cloud destinations from the interface', () => {
  it('adds a WebDAV destination, off, without writing its password anywhere', async () => {
    const added = value<DestinationView>(await api.invoke('destinations.add', {
      kind: 'webdav', name: NAME, url: `${webdav.url}/vitre`, username: webdav.username, secret: webdav.password,
    }));
    expect(added).toMatchObject({ name: NAME, kind: 'webdav', user: webdav.username, consentAt: null, hasSecret: true, hasPassphrase: false, host: '127.0.0.1', port: webdav.port });
    const list = value<DestinationList>(await api.invoke('destinations.list', {}));
    expect(list.secretsKept).toBe('session');
    expect(list.destinations.map((d) => d.name)).toEqual([NAME]);
    for (const file of filesUnder(home)) expect(readFileSync(file, 'utf8'), file).not.toContain(webdav.password);
    expect(JSON.stringify(list)).not.toContain(webdav.password);
  });

  it('refuses to test or back up before the user agrees, and nothing reaches the server', async () => {
    expect(refusal(await api.invoke('destinations.test', { name: NAME })).kind).toBe('refused');
    value(await api.invoke('destinations.set-passphrase', { name: NAME, passphrase: PASSPHRASE, confirmation: PASSPHRASE }));
    const start = refusal(await api.invoke('backup.start', { deviceId: phone.id, folder: join(scratch, 'backup'), categories: ['photos'], uploads: { photos: NAME } }));
    expect(start).toMatchObject({ kind: 'refused' });
    expect(readdirSync(webdav.root)).toEqual([]);
  });

  it('refuses two different passphrases and keeps none of them', async () => {
    const error = refusal(await api.invoke('destinations.set-passphrase', { name: NAME, passphrase: 'first passphrase', confirmation: 'first passphrasf' }));
    expect(error).toMatchObject({ kind: 'invalid-input', message: expect.stringMatching(/differ/) });
  });

  it('tests the connection once consent is recorded: reach, credentials, write, read, delete', async () => {
    const enabled = value<DestinationView>(await api.invoke('destinations.consent', { name: NAME, categories: [] }));
    expect(enabled.consentAt).not.toBeNull();
    expect(enabled.consentScope).toBe('connect');
    expect(enabled.categories).toEqual([]);
    // What is recorded is what was agreed: a connection test, not backups.
    expect(storedConsent()).toMatchObject({ scope: 'connect', shown: expect.stringMatching(/Nothing from your phone is sent/) });
    const test = value<DestinationTest>(await api.invoke('destinations.test', { name: NAME }));
    expect(test.steps.map((s) => [s.step, s.ok])).toEqual([['reach', true], ['credentials', true], ['write', true], ['read', true], ['delete', true]]);
    expect(test.ok).toBe(true);
  });

  it('sends only the categories agreed to', async () => {
    const error = refusal(await api.invoke('backup.start', { deviceId: phone.id, folder: join(scratch, 'backup'), categories: ['photos'], uploads: { photos: NAME } }));
    expect(error.message).toMatch(/not agreed to send photos/);
  });

  it('backs up photos to the destination encrypted, then decrypts the key and catalog again', async () => {
    value(await api.invoke('destinations.consent', { name: NAME, categories: ['photos'] }));
    expect(storedConsent()).toMatchObject({ scope: 'backup', shown: expect.stringMatching(/will send your backups/) });
    expect(value<DestinationList>(await api.invoke('destinations.list', {})).destinations.find((d) => d.name === NAME)?.consentScope).toBe('backup');
    const { job } = value<{ job: string }>(await api.invoke('backup.start', {
      deviceId: phone.id, folder: join(scratch, 'backup'), categories: ['photos', 'contacts'], uploads: { photos: NAME },
    }));
    const summary = await finished(events, job);
    expect(summary.state).toBe('complete');
    const [upload] = summary.uploads ?? [];
    expect(upload).toMatchObject({ destination: NAME, categories: ['photos'], state: 'complete', createdKey: true, decryptChecked: true });
    expect(upload!.objectsUploaded).toBeGreaterThan(0);
    expect(events.some((m) => m.event === 'backup.progress' && (m.payload as { uploads?: Array<{ phase: string }> }).uploads?.some((u) => u.phase === 'uploading'))).toBe(true);
    const stored = filesUnder(webdav.root).map((file) => file.slice(webdav.root.length + 1));
    expect(stored).toContain('vitre/key.age');
    expect(stored).toContain('vitre/catalog.age');
    expect(stored.filter((file) => file.startsWith('vitre/objects/')).length).toBe(upload!.objectsUploaded);
    const check = value<PassphraseCheck>(await api.invoke('destinations.check-passphrase', { name: NAME }));
    expect(check).toEqual({ name: NAME, hasBackup: true, snapshots: 1 });
  });

  it('refuses a wrong passphrase before anything is written', async () => {
    value(await api.invoke('destinations.set-passphrase', { name: NAME, passphrase: 'not the passphrase', confirmation: 'not the passphrase' }));
    const before = filesUnder(webdav.root).sort();
    const { job } = value<{ job: string }>(await api.invoke('backup.start', {
      deviceId: phone.id, folder: join(scratch, 'backup'), categories: ['photos'], uploads: { photos: NAME },
    }));
    const [upload] = (await finished(events, job)).uploads ?? [];
    expect(upload).toMatchObject({ state: 'failed', objectsUploaded: 0, message: expect.stringMatching(/passphrase does not open/) });
    expect(filesUnder(webdav.root).sort()).toEqual(before);
    expect(refusal(await api.invoke('destinations.check-passphrase', { name: NAME })).kind).toBe('refused');
  });

  it('removes the destination and forgets its secrets; the backups there stay', async () => {
    value(await api.invoke('destinations.remove', { name: NAME }));
    expect(value<DestinationList>(await api.invoke('destinations.list', {})).destinations).toEqual([]);
    expect(filesUnder(webdav.root).length).toBeGreaterThan(0);
    const again = value<DestinationView>(await api.invoke('destinations.add', { kind: 'webdav', name: NAME, url: `${webdav.url}/vitre`, username: 'vitre', secret: 'x' }));
    expect(again).toMatchObject({ hasPassphrase: false, consentAt: null, categories: [] });
  });

  it('adds an S3 bucket (path-style, with a prefix), tests it with the probe, and says why a wrong secret key fails', async () => {
    const s3 = await startS3TestServer();
    try {
      const settings = { kind: 's3', endpoint: s3.endpoint, region: s3.region, bucket: s3.bucket, accessKeyId: s3.credentials.accessKeyId, pathStyle: true, prefix: 'vitre/' };
      const added = value<DestinationView>(await api.invoke('destinations.add', { ...settings, name: 'Bucket', secret: s3.credentials.secretAccessKey }));
      expect(added).toMatchObject({ kind: 's3', bucket: s3.bucket, region: s3.region, pathStyle: true, prefix: 'vitre/', user: s3.credentials.accessKeyId });
      value(await api.invoke('destinations.consent', { name: 'Bucket', categories: [] }));
      expect(value<DestinationTest>(await api.invoke('destinations.test', { name: 'Bucket' })).ok).toBe(true);
      for (const file of filesUnder(home)) expect(readFileSync(file, 'utf8'), file).not.toContain(s3.credentials.secretAccessKey);

      value(await api.invoke('destinations.set-secret', { name: 'Bucket', secret: 'not-the-secret-key' }));
      const failed = value<DestinationTest>(await api.invoke('destinations.test', { name: 'Bucket' }));
      expect(failed.ok).toBe(false);
      expect(failed.steps.at(-1)).toMatchObject({ ok: false, message: expect.stringMatching(/Bucket/) });
      expect(JSON.stringify(failed)).not.toContain('not-the-secret-key');
    } finally {
      await s3.close();
    }
  });
});
