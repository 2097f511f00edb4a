// A cloud upload interrupted in the middle of a large object's multipart upload, then run again
// in a new session: the parts the server already holds are not sent again (counted at the S3 test
// server), the multipart upload is the same one, and the object decrypts to the original file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buffer } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localTreePaths } from '../../../main/core/backup/local-names.ts';
import {
  objectPath, openCloudDestination, openRepository, restoreFromDestination, uploadSnapshot, type StoredDestination,
} from '../../../main/core/cloud/index.ts';
import { UPLOAD_STARTS_FOLDER } from '../../../main/core/cloud/upload-starts.ts';
import { decryptObject, type RepositoryKey } from '../../../main/core/crypto/index.ts';
import { startS3TestServer, type S3TestServer } from '../../support/servers/s3-test-server.ts';
import { temporaryFolder } from '../backup/support/backup-phone.ts';
import { writeBackupFolder, type WrittenFile } from './support/backup-folder.ts';

const MiB = 1024 * 1024;
const PART = 5 * MiB;
const BIG = 8 * PART + 12_345; // nine parts once encrypted
let server: S3TestServer;
let work: ReturnType<typeof temporaryFolder>;
let files: WrittenFile[];

const count = (operation: string) => server.stats.get(operation) ?? 0;

function settings(): StoredDestination {
  return {
    kind: 's3', name: 'Resume bucket', endpoint: server.endpoint, region: server.region, bucket: server.bucket,
    accessKeyId: server.credentials.accessKeyId, pathStyle: true, addedAt: '', consent: { by: 'test', at: '', shown: '' },
  };
}

/** A new session: nothing in memory, only the data folder (upload state) carries over. */
function openSession(home: string) {
  return openCloudDestination(settings(), server.credentials.secretAccessKey, {
    stateFolder: home, s3: { multipartThreshold: PART, partSize: PART, partConcurrency: 1 },
  });
}

beforeAll(async () => {
  work = temporaryFolder('vitre-cloud-resume-');
  files = writeBackupFolder(path.join(work.path, 'backup'), [
    { path: '/storage/emulated/0/DCIM/Camera/VID_1.mp4', size: BIG, category: 'videos' },
    { path: '/storage/emulated/0/DCIM/Camera/IMG_1.jpg', size: 300_000, category: 'photos' },
  ]);
  server = await startS3TestServer();
});

afterAll(async () => {
  await server?.close();
  work?.remove();
});

describe('an interrupted cloud upload, run again', () => {
  it('resumes the multipart upload and sends only the parts the server lacks', async () => {
    const home = path.join(work.path, 'home');
    const backupFolder = path.join(work.path, 'backup');
    let key: RepositoryKey;
    const first = openSession(home);
    try {
      ({ key } = await openRepository(first.storage, 'resume passphrase', { create: true, workFactor: 10 }));
      // Cancel once the server holds three parts of the video (the user pressed Cancel, or the
      // laptop went to sleep).
      const controller = new AbortController();
      const watch = setInterval(() => {
        if (count('UploadPart') >= 3) controller.abort(new Error('interrupted by the test'));
      }, 1);
      try {
        const failure = await uploadSnapshot({ backupFolder, destination: first, key, signal: controller.signal }).catch((error: unknown) => error);
        expect(failure).toMatchObject({ kind: 'aborted' });
      } finally {
        clearInterval(watch);
      }
    } finally {
      await first.close();
    }
    expect(server.store.uploads.size).toBe(1);
    const kept = [...server.store.uploads.values()][0]!.parts.size;
    expect(kept).toBeGreaterThanOrEqual(3);
    expect(kept).toBeLessThan(9);
    expect(fs.readdirSync(path.join(home, UPLOAD_STARTS_FOLDER))).toHaveLength(1);
    const partsBefore = count('UploadPart');
    const createsBefore = count('CreateMultipartUpload');

    const second = openSession(home);
    try {
      const report = await uploadSnapshot({ backupFolder, destination: second, key });
      expect(report.objectsUploaded + report.objectsAlreadyThere).toBe(2);
      expect(count('CreateMultipartUpload')).toBe(createsBefore);
      expect(count('UploadPart') - partsBefore).toBe(9 - kept);
      expect(server.store.uploads.size).toBe(0);
      expect(fs.readdirSync(path.join(home, UPLOAD_STARTS_FOLDER))).toEqual([]);
      const video = files[0]!;
      const stored = await buffer(decryptObject(await second.storage.get(objectPath(key, video.hash)), key));
      expect(stored.equals(fs.readFileSync(video.file))).toBe(true);
      const restored = path.join(work.path, 'restored');
      const restore = await restoreFromDestination({ destination: second, key, to: restored });
      expect(restore.problems).toEqual([]);
      const tree = localTreePaths(files.map((file) => file.path));
      for (const file of files) {
        expect(fs.readFileSync(path.join(restored, tree.get(file.path)!)).equals(fs.readFileSync(file.file))).toBe(true);
      }
    } finally {
      await second.close();
    }
  });
});
