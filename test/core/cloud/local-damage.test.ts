// A local copy that no longer matches its checksum is never uploaded, whether encryption runs in
// a worker or on the upload's thread; and an interrupted upload whose local file was damaged
// since is refused before a single part is sent again from the kept encryption start (the same
// key stream must never seal different bytes).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OBJECTS_PREFIX, openCloudDestination, openRepository, uploadSnapshot, type StoredDestination } from '../../../main/core/cloud/index.ts';
import { startS3TestServer, type S3TestServer } from '../../support/servers/s3-test-server.ts';
import { temporaryFolder } from '../backup/support/backup-phone.ts';
import { writeBackupFolder } from './support/backup-folder.ts';

const MiB = 1024 * 1024;
const CONSENT = { by: 'test', at: '', shown: '' };
let work: ReturnType<typeof temporaryFolder>;
let server: S3TestServer;

beforeAll(async () => {
  work = temporaryFolder('vitre-cloud-damage-');
  server = await startS3TestServer();
});
afterAll(async () => {
  await server?.close();
  work?.remove();
});

function flipByte(file: string, at: number): void {
  const bytes = fs.readFileSync(file);
  bytes[at] = bytes[at]! ^ 0xff;
  fs.writeFileSync(file, bytes);
}

describe('a damaged local copy', () => {
  it.each([1, 0])('is refused and not stored (%i encryption workers)', async (encryptionWorkers) => {
    const backupFolder = path.join(work.path, `backup-${encryptionWorkers}`);
    const files = writeBackupFolder(backupFolder, [
      { path: '/storage/emulated/0/DCIM/IMG_1.jpg', size: 2 * MiB + 7, category: 'photos' },
      { path: '/storage/emulated/0/DCIM/IMG_2.jpg', size: 100_000, category: 'photos' },
    ]);
    flipByte(files[0]!.file, MiB);
    const target = path.join(work.path, `destination-${encryptionWorkers}`);
    fs.mkdirSync(target);
    const settings: StoredDestination = { kind: 'folder', name: 'Drive', path: target, addedAt: '', consent: CONSENT };
    const cloud = openCloudDestination(settings, undefined);
    try {
      const { key } = await openRepository(cloud.storage, 'damage passphrase', { create: true, workFactor: 10 });
      await expect(uploadSnapshot({ backupFolder, destination: cloud, key, encryptionWorkers, concurrency: 1 })).rejects.toMatchObject({ name: 'CloudError', kind: 'damaged' });
      const stored: string[] = [];
      for await (const object of cloud.storage.list(OBJECTS_PREFIX)) stored.push(object.name);
      expect(stored.length).toBeLessThanOrEqual(1); // the intact photo may have gone first
    } finally {
      await cloud.close();
    }
  });

  it('is refused on resume before any part is sent again', async () => {
    const backupFolder = path.join(work.path, 'backup-resume');
    const [video] = writeBackupFolder(backupFolder, [{ path: '/storage/emulated/0/DCIM/VID_1.mp4', size: 6 * 5 * MiB, category: 'videos' }]);
    const home = path.join(work.path, 'home');
    const settings: StoredDestination = {
      kind: 's3', name: 'Bucket', endpoint: server.endpoint, region: server.region, bucket: server.bucket,
      accessKeyId: server.credentials.accessKeyId, pathStyle: true, addedAt: '', consent: CONSENT,
    };
    const open = () => openCloudDestination(settings, server.credentials.secretAccessKey, {
      stateFolder: home, s3: { multipartThreshold: 5 * MiB, partSize: 5 * MiB, partConcurrency: 1 },
    });
    const parts = () => server.stats.get('UploadPart') ?? 0;
    const first = open();
    const { key } = await openRepository(first.storage, 'damage passphrase', { create: true, workFactor: 10 });
    const controller = new AbortController();
    const watch = setInterval(() => parts() >= 2 && controller.abort(new Error('interrupted by the test')), 1);
    await uploadSnapshot({ backupFolder, destination: first, key, signal: controller.signal }).catch(() => undefined);
    clearInterval(watch);
    await first.close();
    expect(server.store.uploads.size).toBe(1);

    flipByte(video!.file, 12 * MiB); // in a part not yet sent
    const sentBefore = parts();
    const second = open();
    try {
      await expect(uploadSnapshot({ backupFolder, destination: second, key })).rejects.toMatchObject({ kind: 'damaged' });
      expect(parts()).toBe(sentBefore);
    } finally {
      await second.close();
    }
  });
});
