// The cloud backup flow end to end against the S3 test server (which checks every signature):
// settings without secrets, no upload without consent, the repository key, an encrypted and
// deduplicated upload of a real local snapshot of the simulated phone, a second upload after 100
// photos were moved or renamed on the phone (zero photo bytes), resume, restore and verify.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBackup, type BackupReport } from '../../../main/core/backup/index.ts';
import {
  addDestination, CloudError, giveConsent, loadDestinations, openCloudDestination, openRepository, OBJECTS_PREFIX, objectPath,
  restoreFromDestination, uploadSnapshot, verifyDestination, type CloudDestination, type StoredDestination,
} from '../../../main/core/cloud/index.ts';
import { readLocalSnapshot } from '../../../main/core/cloud/snapshot-manifest.ts';
import { CryptoError, REPOSITORY_KEY_FILE_NAME, type RepositoryKey } from '../../../main/core/crypto/index.ts';
import { openDestination } from '../../../main/core/destinations/open-destination.ts';
import { loadPolicySettings } from '../../../main/core/net/policy-store.ts';
import { startS3TestServer, type S3TestServer } from '../../support/servers/s3-test-server.ts';
import { startBackupPhone, temporaryFolder, type BackupPhone } from '../backup/support/backup-phone.ts';

const SD = '/storage/emulated/0';
const PASSPHRASE = 'correct horse battery staple';
const CATEGORIES = ['photos', 'documents', 'contacts'];
const FAST = { workFactor: 10 };

let server: S3TestServer;
let phone: BackupPhone;
let home: ReturnType<typeof temporaryFolder>;
let folder: ReturnType<typeof temporaryFolder>;
let restored: ReturnType<typeof temporaryFolder>;
let cloud: CloudDestination;
let key: RepositoryKey;
let first: BackupReport;
let second: BackupReport;

function totalRequests(): number {
  return [...server.stats.values()].reduce((sum, count) => sum + count, 0);
}

function grepTree(root: string, needle: string): string[] {
  const hits: string[] = [];
  for (const entry of fs.readdirSync(root, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    if (fs.readFileSync(file).includes(needle)) hits.push(file);
  }
  return hits;
}

beforeAll(async () => {
  home = temporaryFolder('vitre-cloud-home-');
  folder = temporaryFolder('vitre-cloud-backup-');
  restored = temporaryFolder('vitre-cloud-restored-');
  server = await startS3TestServer();
  phone = await startBackupPhone({ seed: 11, photos: 110, videos: 0 });
  first = await runBackup({ device: phone.device, folder: folder.path, categories: CATEGORIES });
});

afterAll(async () => {
  await cloud?.close();
  await phone?.close();
  await server?.close();
  for (const temporary of [home, folder, restored]) temporary?.remove();
});

describe('cloud backup to an S3 destination', () => {
  let stored: StoredDestination;

  it('stores the destination without its secret, and disabled in the network policy', () => {
    stored = addDestination(home.path, {
      kind: 's3', name: 'Photos bucket', endpoint: server.endpoint, region: server.region, bucket: server.bucket,
      accessKeyId: server.credentials.accessKeyId, pathStyle: true,
      // A careless caller passing the secret along must not get it stored.
      ...({ secretAccessKey: server.credentials.secretAccessKey } as object),
    });
    expect(loadDestinations(home.path)).toEqual([stored]);
    expect(stored.consent).toBeUndefined();
    const port = Number(new URL(server.endpoint).port);
    expect(loadPolicySettings(home.path).destinations).toEqual([{ name: 'Photos bucket', host: '127.0.0.1', port, enabled: false }]);
    expect(grepTree(home.path, server.credentials.secretAccessKey)).toEqual([]);
  });

  it('refuses to upload without recorded consent, before any request is made', async () => {
    const before = totalRequests();
    expect(() => openCloudDestination(stored, server.credentials.secretAccessKey)).toThrow(expect.objectContaining({ kind: 'no-consent' }));
    // Even an engine caller that opens the storage itself is refused by the upload.
    const storage = openDestination(stored, { secretAccessKey: server.credentials.secretAccessKey });
    const unconsented: CloudDestination = { settings: stored, storage: Object.assign(storage, { backend: storage }), close: () => storage.close() };
    const failure = await uploadSnapshot({ backupFolder: folder.path, destination: unconsented, key: {} as RepositoryKey }).catch((error: unknown) => error);
    await storage.close();
    expect(failure).toBeInstanceOf(CloudError);
    expect(failure).toMatchObject({ kind: 'no-consent', message: expect.stringContaining('vitre destination enable Photos bucket') });
    expect(totalRequests()).toBe(before);
  });

  it('records consent (who, when, what was shown) and enables the destination in the policy', () => {
    stored = giveConsent(home.path, 'Photos bucket', { by: 'tester' });
    expect(stored.consent).toMatchObject({ by: 'tester', shown: expect.stringContaining('encrypted') });
    expect(loadDestinations(home.path)[0]!.consent).toEqual(stored.consent);
    expect(loadPolicySettings(home.path).destinations[0]!.enabled).toBe(true);
    cloud = openCloudDestination(stored, server.credentials.secretAccessKey, { concurrency: 4 });
  });

  it('creates the repository key on first use and refuses a wrong passphrase before writing anything', async () => {
    const opened = await openRepository(cloud.storage, PASSPHRASE, { create: true, ...FAST });
    expect(opened.created).toBe(true);
    key = opened.key;
    expect([...server.store.objects.keys()]).toEqual([REPOSITORY_KEY_FILE_NAME]);
    const puts = server.stats.get('PutObject');
    const wrong = await openRepository(cloud.storage, 'not the passphrase', { create: true, ...FAST }).catch((error: unknown) => error);
    expect(wrong).toBeInstanceOf(CryptoError);
    expect(wrong).toMatchObject({ kind: 'wrong-passphrase' });
    expect(server.stats.get('PutObject')).toBe(puts);
    const again = await openRepository(cloud.storage, PASSPHRASE);
    expect(again).toMatchObject({ created: false, key: { recipientText: key.recipientText } });
  });

  it('uploads the snapshot encrypted, under names that reveal nothing, manifest last', async () => {
    const manifest = await readLocalSnapshot(folder.path, first.snapshotId);
    const distinct = new Set(manifest.entries.map((entry) => entry.hash));
    // Interrupted after ten objects: no snapshot is visible, and the rerun sends only the rest.
    const controller = new AbortController();
    const interrupted = await uploadSnapshot({
      backupFolder: folder.path, destination: cloud, key, signal: controller.signal,
      onEvent: (event) => event.type === 'object-uploaded' && event.objectsDone === 10 && controller.abort(),
    }).catch((error: unknown) => error);
    expect(interrupted).toMatchObject({ kind: 'aborted' });
    const sent = [...server.store.objects.keys()].filter((name) => name.startsWith(OBJECTS_PREFIX)).length;
    expect(sent).toBeGreaterThanOrEqual(10);
    expect([...server.store.objects.keys()].filter((name) => !name.startsWith(OBJECTS_PREFIX))).toEqual([REPOSITORY_KEY_FILE_NAME]);
    const report = await uploadSnapshot({ backupFolder: folder.path, destination: cloud, key });
    // (An upload cut at the very end may still land on the server after the count above.)
    expect(report).toMatchObject({ snapshotId: first.snapshotId, objects: distinct.size });
    expect(report.objectsAlreadyThere).toBeGreaterThanOrEqual(sent);
    expect(report.objectsUploaded).toBe(distinct.size - report.objectsAlreadyThere);
    expect(report.objectsUploaded).toBeGreaterThan(0);
    expect(report.bytesUploadedByCategory.photos).toBeGreaterThan(0);
    const names = [...server.store.objects.keys()];
    expect(names.filter((name) => name.startsWith(OBJECTS_PREFIX))).toHaveLength(distinct.size);
    expect(names).toEqual(expect.arrayContaining(['catalog.age', expect.stringMatching(/^snapshots\/[0-9a-f]{64}$/)]));
    for (const name of names) {
      expect(name).not.toContain(first.snapshotId);
      for (const hash of distinct) expect(name).not.toContain(hash.slice('sha256:'.length, 'sha256:'.length + 16));
      const bytes = fs.readFileSync(server.store.objects.get(name)!.file);
      expect(bytes.subarray(0, 21).toString()).toBe('age-encryption.org/v1');
    }
    const modified = (name: string) => server.store.objects.get(name)!.modified.getTime();
    const manifestName = names.find((name) => name.startsWith('snapshots/'))!;
    const lastObject = Math.max(...names.filter((name) => name.startsWith(OBJECTS_PREFIX)).map(modified));
    expect(modified(manifestName)).toBeGreaterThanOrEqual(lastObject);
  });

  it('uploads nothing when run again (only what is missing moves)', async () => {
    const report = await uploadSnapshot({ backupFolder: folder.path, destination: cloud, key });
    expect(report).toMatchObject({ objectsUploaded: 0, bytesUploaded: 0 });
  });

  it('uploads zero bytes of photo content after 100 photos are moved or renamed on the phone', async () => {
    const camera = `${SD}/DCIM/Camera`;
    const photos = phone.phone.files.list(camera).filter((entry) => entry.name.endsWith('.jpg')).slice(0, 100);
    expect(photos).toHaveLength(100);
    const files = phone.phone.files;
    await phone.device.shell(`mkdir -p ${SD}/Pictures/Trip`);
    photos.forEach((photo, index) => {
      const from = `${camera}/${photo.name}`;
      const to = index % 2 === 0 ? `${SD}/Pictures/Trip/${photo.name}` : `${camera}/renamed-${index}.jpg`;
      const stat = files.stat(from);
      const writer = files.create(to, 0o100660);
      writer.write(files.read(from, 0, stat.size));
      writer.finish(stat.mtime);
    });
    await phone.device.shell(`rm ${photos.map((photo) => `${camera}/${photo.name}`).join(' ')}`);
    expect(files.list(camera).filter((entry) => entry.name.endsWith('.jpg'))).toHaveLength(60);
    second = await runBackup({ device: phone.device, folder: folder.path, categories: CATEGORIES });
    expect(second.state).toBe('complete');
    const report = await uploadSnapshot({ backupFolder: folder.path, destination: cloud, key });
    expect(report.snapshotId).toBe(second.snapshotId);
    expect(report.bytesUploadedByCategory.photos ?? 0).toBe(0);
    const manifest = await readLocalSnapshot(folder.path, second.snapshotId);
    expect(manifest.entries.filter((entry) => entry.path.startsWith(`${SD}/Pictures/Trip/`))).toHaveLength(50);
  });

  it('resumes: objects lost from the destination are uploaded again, and only they', async () => {
    const objectNames = [...server.store.objects.keys()].filter((name) => name.startsWith(OBJECTS_PREFIX)).slice(0, 3);
    for (const name of objectNames) await cloud.storage.delete(name);
    const report = await uploadSnapshot({ backupFolder: folder.path, destination: cloud, key });
    expect(report.objectsUploaded).toBe(3);
  });

  it('restores the snapshot into a folder: byte-identical files with their dates', async () => {
    const report = await restoreFromDestination({ destination: cloud, key, to: restored.path });
    expect(report.problems).toEqual([]);
    const manifest = await readLocalSnapshot(folder.path, second.snapshotId);
    expect(report).toMatchObject({ snapshotId: second.snapshotId, files: manifest.entries.length });
    const moved = manifest.entries.find((entry) => entry.path.startsWith(`${SD}/Pictures/Trip/`))!;
    const file = path.join(restored.path, 'Internal storage', 'Pictures', 'Trip', path.basename(moved.path));
    expect(fs.readFileSync(file).equals(fs.readFileSync(path.join(folder.path, moved.object)))).toBe(true);
    expect(fs.statSync(file).mtimeMs).toBe(moved.mtime);
    let checked = 0;
    for (const entry of manifest.entries.filter((e) => e.path.startsWith(`${SD}/`))) {
      const local = path.join(restored.path, 'Internal storage', ...entry.path.slice(SD.length + 1).split('/'));
      expect(fs.statSync(local).size, entry.path).toBe(entry.size);
      expect(fs.statSync(local).mtimeMs, entry.path).toBe(entry.mtime);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('restores a file onto the phone with its date', async () => {
    const manifest = await readLocalSnapshot(folder.path, second.snapshotId);
    const photo = manifest.entries.find((entry) => entry.path.startsWith(`${SD}/Pictures/Trip/`))!;
    await phone.device.shell(`rm ${photo.path}`);
    const report = await restoreFromDestination({ destination: cloud, key, device: phone.device, only: [photo.path] });
    expect(report).toMatchObject({ files: 1, problems: [] });
    const stat = phone.phone.files.stat(photo.path);
    expect(stat.mtime).toBe(photo.mtime / 1000);
    expect(Buffer.from(phone.phone.files.read(photo.path, 0, stat.size)).equals(fs.readFileSync(path.join(folder.path, photo.object)))).toBe(true);
  });

  it('verifies a random sample, then every object, finding the one damaged', async () => {
    const sample = await verifyDestination({ destination: cloud, key, sample: 5 });
    expect(sample).toMatchObject({ ok: true, snapshots: 2, objectsChecked: 5, problems: [] });
    const manifest = await readLocalSnapshot(folder.path, second.snapshotId);
    const victim = manifest.entries.find((entry) => entry.category === 'photos')!;
    const stored = server.store.objects.get(objectPath(key, victim.hash))!;
    const bytes = fs.readFileSync(stored.file);
    bytes[bytes.length - 100]! ^= 1;
    fs.chmodSync(stored.file, 0o600);
    fs.writeFileSync(stored.file, bytes);
    const all = await verifyDestination({ destination: cloud, key });
    expect(all.ok).toBe(false);
    expect(all.objectsChecked).toBe(all.objects);
    expect(all.problems).toHaveLength(1);
    expect(all.problems[0]!.message).toMatch(/damaged|tampered/);
    const target = temporaryFolder('vitre-cloud-damaged-');
    const restore = await restoreFromDestination({ destination: cloud, key, to: target.path, only: [victim.path] });
    target.remove();
    expect(restore.files).toBe(0);
    expect(restore.problems).toHaveLength(1);
  });
});
