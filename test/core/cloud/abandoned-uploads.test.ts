// Abandoned multipart uploads on an S3-compatible destination: an upload interrupted on a computer
// that then lost its resume state leaves parts on the server (kept, and billed, until aborted).
// The next complete upload aborts those older than the cut-off and leaves recent ones alone.
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCloudDestination, openRepository, uploadSnapshot, type StoredDestination } from '../../../main/core/cloud/index.ts';
import type { RepositoryKey } from '../../../main/core/crypto/index.ts';
import { startS3TestServer, type S3TestServer } from '../../support/servers/s3-test-server.ts';
import { temporaryFolder } from '../backup/support/backup-phone.ts';
import { writeBackupFolder } from './support/backup-folder.ts';

const MiB = 1024 * 1024;
const PART = 5 * MiB;
let server: S3TestServer;
let work: ReturnType<typeof temporaryFolder>;

function open(home: string) {
  const settings: StoredDestination = {
    kind: 's3', name: 'Bucket', endpoint: server.endpoint, region: server.region, bucket: server.bucket,
    accessKeyId: server.credentials.accessKeyId, pathStyle: true, addedAt: '', consent: { by: 'test', at: '', shown: '' },
  };
  return openCloudDestination(settings, server.credentials.secretAccessKey, { stateFolder: home, s3: { multipartThreshold: PART, partSize: PART, partConcurrency: 1 } });
}

beforeAll(async () => {
  work = temporaryFolder('vitre-cloud-abandoned-');
  writeBackupFolder(path.join(work.path, 'backup'), [{ path: '/storage/emulated/0/DCIM/Camera/VID_1.mp4', size: 4 * PART, category: 'videos' }]);
  server = await startS3TestServer();
});

afterAll(async () => {
  await server?.close();
  work?.remove();
});

describe('abandoned multipart uploads', () => {
  it('are left while recent, and aborted by a later complete upload once past the cut-off', async () => {
    const backupFolder = path.join(work.path, 'backup');
    // A computer starts the upload and is interrupted after two parts...
    const lost = open(path.join(work.path, 'home-lost'));
    let key: RepositoryKey;
    try {
      ({ key } = await openRepository(lost.storage, 'a passphrase', { create: true, workFactor: 10 }));
      const controller = new AbortController();
      const watch = setInterval(() => {
        if ((server.stats.get('UploadPart') ?? 0) >= 2) controller.abort(new Error('interrupted by the test'));
      }, 1);
      try {
        await expect(uploadSnapshot({ backupFolder, destination: lost, key, signal: controller.signal })).rejects.toMatchObject({ kind: 'aborted' });
      } finally {
        clearInterval(watch);
      }
    } finally {
      await lost.close();
    }
    expect(server.store.uploads.size).toBe(1);

    // ...and its resume state is gone: the next upload starts afresh and completes, leaving the
    // first one's parts, which are still recent.
    const fresh = open(path.join(work.path, 'home-new'));
    try {
      const first = await uploadSnapshot({ backupFolder, destination: fresh, key });
      expect(first.objectsUploaded).toBe(1);
      expect(first.abandonedUploadsAborted).toBe(0);
      expect(server.store.uploads.size).toBe(1);

      // Once past the cut-off (zero here, a week by default), the next upload aborts them.
      const second = await uploadSnapshot({ backupFolder, destination: fresh, key, abandonedAfterMs: 0 });
      expect(second.objectsAlreadyThere).toBe(1);
      expect(second.abandonedUploadsAborted).toBe(1);
      expect(server.store.uploads.size).toBe(0);
      expect(server.stats.get('AbortMultipartUpload')).toBe(1);
    } finally {
      await fresh.close();
    }
  });
});
