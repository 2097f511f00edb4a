// Through the fault proxy (dropped connections, 500/503, slow answers, truncated bodies), the
// retry decorator gets every object through: afterwards the server holds exactly the objects
// sent, each byte-identical (checked by hash on the server's own storage), and reading them back
// through the same faults gives the same bytes.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Destination } from '../../../main/core/destinations/destination.ts';
import { openDestination } from '../../../main/core/destinations/open-destination.ts';
import { S3Destination } from '../../../main/core/destinations/s3-destination.ts';
import { randomPlan, startFaultProxy, type FaultProxy } from '../../support/servers/fault-proxy.ts';
import { startRcloneWebdav, type WebdavTestServer } from '../../support/servers/rclone-webdav.ts';
import { startS3TestServer, type S3TestServer } from '../../support/servers/s3-test-server.ts';
import { readAll, sha256 } from './conformance.ts';
import { MiB, openTestBucket, removeStateFolders, stateFolder } from './s3-support.ts';

const RETRY = { attempts: 15, baseDelayMs: 2, maxDelayMs: 40 };
const FAULTS = { drop: 0.06, status: 0.06, slow: 0.03, truncate: 0.06 };

/** 40 objects: mostly small, a few large enough for multipart on S3. */
function backupSet(): Map<string, Buffer> {
  const objects = new Map<string, Buffer>();
  for (let i = 0; i < 36; i++) objects.set(`data/${String(i).padStart(2, '0')}`, randomBytes(1024 + Math.floor(Math.random() * 300_000)));
  for (let i = 0; i < 4; i++) objects.set(`data/large-${i}`, randomBytes(11 * MiB + i * 777));
  return objects;
}

async function putAll(destination: Destination, objects: Map<string, Buffer>): Promise<void> {
  await Promise.all([...objects].map(([name, bytes]) => destination.put(name, bytes, { size: bytes.length })));
}

async function listed(destination: Destination): Promise<string[]> {
  const names: string[] = [];
  for await (const info of destination.list('')) names.push(info.name);
  return names.sort();
}

function faultsInjected(proxy: FaultProxy): number {
  return Object.values(proxy.stats.faults).reduce((a, b) => a + b, 0);
}

describe('S3 through the fault proxy', () => {
  let server: S3TestServer;
  let proxy: FaultProxy;
  beforeAll(async () => {
    server = await startS3TestServer();
    proxy = await startFaultProxy({ host: '127.0.0.1', port: server.port }, randomPlan({ seed: 7, rates: FAULTS, slowDelayMs: 3 }));
  });
  afterAll(async () => {
    await proxy?.close();
    await server?.close();
    await removeStateFolders();
  });

  it('stores every object exactly once and intact, and reads them back intact', async () => {
    const objects = backupSet();
    const retries: string[] = [];
    const destination = openTestBucket(server, {
      endpoint: proxy.url, stateFolder: await stateFolder(),
      retry: { ...RETRY, onRetry: ({ operation }) => retries.push(operation) },
    });
    await putAll(destination, objects);
    expect([...server.store.objects.keys()].sort()).toEqual([...objects.keys()].sort());
    for (const [name, bytes] of objects) {
      const stored = server.store.objects.get(name);
      expect(sha256(await fs.readFile(stored?.file ?? '')), name).toBe(sha256(bytes));
    }
    expect(await listed(destination)).toEqual([...objects.keys()].sort());
    for (const [name, bytes] of objects) expect(sha256(await readAll(destination, name)), name).toBe(sha256(bytes));
    // An upload whose CreateMultipartUpload answer was lost is abandoned: the cleanup (run here
    // without faults, it is not retried) finds it and nothing else is left half-done.
    const direct = openTestBucket(server);
    const cleanup = await (direct.backend as S3Destination).abortAbandonedUploads(0);
    expect(cleanup.aborted).toBeLessThanOrEqual(proxy.stats.faults.drop + proxy.stats.faults.truncate + proxy.stats.faults.status);
    expect(server.store.uploads.size).toBe(0);
    await direct.close();
    expect(faultsInjected(proxy)).toBeGreaterThanOrEqual(10);
    for (const kind of ['drop', 'status', 'truncate'] as const) expect(proxy.stats.faults[kind], kind).toBeGreaterThan(0);
    expect(retries.length).toBeGreaterThan(0);
    await destination.close();
  });
});

describe('WebDAV (rclone) through the fault proxy', () => {
  let server: WebdavTestServer;
  let proxy: FaultProxy;
  beforeAll(async () => {
    server = await startRcloneWebdav();
    proxy = await startFaultProxy({ host: '127.0.0.1', port: server.port }, randomPlan({ seed: 11, rates: FAULTS, slowDelayMs: 3 }));
  });
  afterAll(async () => {
    await proxy?.close();
    await server?.close();
  });

  it('stores every object exactly once and intact, and reads them back intact', async () => {
    const objects = backupSet();
    const destination = openDestination(
      { kind: 'webdav', name: 'Test rclone', url: `${proxy.url}/backup`, username: server.username },
      { password: server.password },
      { retry: RETRY },
    );
    await putAll(destination, objects);
    expect(await listed(destination)).toEqual([...objects.keys()].sort());
    for (const [name, bytes] of objects) {
      expect(sha256(await fs.readFile(path.join(server.root, 'backup', name))), name).toBe(sha256(bytes));
      expect(sha256(await readAll(destination, name)), name).toBe(sha256(bytes));
    }
    expect(faultsInjected(proxy)).toBeGreaterThanOrEqual(10);
    await destination.close();
  });
});
