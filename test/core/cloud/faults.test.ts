// An encrypted upload through a proxy that drops connections, answers 500/503, slows down and cuts
// responses short: every object ends up on the destination once and decrypts to the right
// content (each retry encrypts the file afresh from the start).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  OBJECTS_PREFIX, openCloudDestination, openRepository, uploadSnapshot, verifyDestination, type StoredDestination,
} from '../../../main/core/cloud/index.ts';
import { randomPlan, startFaultProxy, type FaultProxy } from '../../support/servers/fault-proxy.ts';
import { startS3TestServer, type S3TestServer } from '../../support/servers/s3-test-server.ts';
import { temporaryFolder } from '../backup/support/backup-phone.ts';

const FILES = 40;
let server: S3TestServer;
let proxy: FaultProxy;
let work: ReturnType<typeof temporaryFolder>;

/** A backup folder as the engine writes it (LAYOUT.md): FILES distinct objects and one manifest. */
function writeBackupFolder(folder: string): void {
  const lines = [JSON.stringify({ format: 'vitre-manifest', version: 1, snapshot: 's1', startedAt: 1, device: { serial: 'x', model: 'Pixel', name: 'p' } })];
  for (let i = 0; i < FILES; i++) {
    const bytes = Buffer.alloc(200_000 + i * 1000, i + 1);
    const hex = createHash('sha256').update(bytes).digest('hex');
    const object = `objects/${hex.slice(0, 2)}/${hex.slice(2)}`;
    fs.mkdirSync(path.join(folder, path.dirname(object)), { recursive: true });
    fs.writeFileSync(path.join(folder, object), bytes);
    lines.push(JSON.stringify({ path: `/storage/emulated/0/DCIM/IMG_${i}.jpg`, size: bytes.byteLength, mtime: 1_700_000_000_000, mode: 0o100660, hash: `sha256:${hex}`, category: 'photos', object }));
  }
  lines.push(JSON.stringify({ complete: true, completedAt: 2, entryCount: FILES, totalBytes: 0 }));
  fs.mkdirSync(path.join(folder, 'manifests'));
  fs.writeFileSync(path.join(folder, 'manifests', 's1.jsonl'), `${lines.join('\n')}\n`);
}

beforeAll(async () => {
  work = temporaryFolder('vitre-cloud-faults-');
  writeBackupFolder(work.path);
  server = await startS3TestServer();
  proxy = await startFaultProxy({ host: '127.0.0.1', port: server.port }, randomPlan({ seed: 5, rates: { drop: 0.08, status: 0.08, slow: 0.04, truncate: 0.08 }, slowDelayMs: 5, maxFaults: 40 }));
});

afterAll(async () => {
  await proxy?.close();
  await server?.close();
  work?.remove();
});

function settings(endpoint: string): StoredDestination {
  return {
    kind: 's3', name: 'Flaky bucket', endpoint, region: server.region, bucket: server.bucket, accessKeyId: server.credentials.accessKeyId, pathStyle: true,
    addedAt: '', consent: { by: 'test', at: '', shown: '' },
  };
}

describe('an encrypted upload through a faulty network', () => {
  it('stores every object once and intact', async () => {
    let retries = 0;
    const flaky = openCloudDestination(settings(proxy.url), server.credentials.secretAccessKey, {
      retry: { attempts: 12, baseDelayMs: 5, maxDelayMs: 100, onRetry: () => (retries += 1) },
    });
    try {
      const { key } = await openRepository(flaky.storage, 'flaky passphrase', { create: true, workFactor: 10 });
      const report = await uploadSnapshot({ backupFolder: work.path, destination: flaky, key });
      expect(report.objectsUploaded).toBe(FILES);
      expect(retries).toBeGreaterThan(0);
      const faults = Object.values(proxy.stats.faults).reduce((sum, count) => sum + count, 0);
      expect(faults).toBeGreaterThan(3);
      expect([...server.store.objects.keys()].filter((name) => name.startsWith(OBJECTS_PREFIX))).toHaveLength(FILES);
      const direct = openCloudDestination(settings(server.endpoint), server.credentials.secretAccessKey);
      try {
        expect(await verifyDestination({ destination: direct, key })).toMatchObject({ ok: true, objects: FILES, objectsChecked: FILES });
      } finally {
        await direct.close();
      }
    } finally {
      await flaky.close();
    }
  });
});
