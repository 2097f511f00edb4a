// Every request a destination makes passes the egress guard and is recorded with its purpose
// (which destination, which module), and no record carries a credential.
import { randomBytes } from 'node:crypto';
import { buffer } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDestination } from '../../../main/core/destinations/open-destination.ts';
import type { ActivityRecord } from '../../../main/core/net/activity-record.ts';
import { installEgressGuard, type InstalledGuard } from '../../../main/core/net/egress-guard.ts';
import { startRcloneWebdav, type WebdavTestServer } from '../../support/servers/rclone-webdav.ts';
import { startS3TestServer, type S3TestServer } from '../../support/servers/s3-test-server.ts';
import { openTestBucket } from './s3-support.ts';

let s3: S3TestServer;
let webdav: WebdavTestServer;
let guard: InstalledGuard;
const records: ActivityRecord[] = [];

beforeAll(async () => {
  s3 = await startS3TestServer();
  webdav = await startRcloneWebdav();
  guard = installEgressGuard({
    rules: [
      { protocol: 'tcp', host: '127.0.0.1', port: s3.port, why: 'destination "Test bucket"' },
      { protocol: 'tcp', host: '127.0.0.1', port: webdav.port, why: 'destination "Test rclone"' },
    ],
    record: (record) => records.push(record),
    children: false,
  });
});
afterAll(async () => {
  guard?.uninstall();
  await s3?.close();
  await webdav?.close();
});

async function exercise(destination: ReturnType<typeof openDestination>): Promise<void> {
  const bytes = randomBytes(100_000);
  await destination.put('activity/object', bytes, { size: bytes.length });
  expect(await buffer(await destination.get('activity/object'))).toEqual(bytes);
  for await (const info of destination.list('activity/')) expect(info.name).toBe('activity/object');
  await destination.delete('activity/object');
  await destination.close();
}

describe('destination requests in the activity log', () => {
  it('records every S3 request with the destination and module as its purpose', async () => {
    await exercise(openTestBucket(s3));
    const http = records.filter((record) => record.kind === 'http' && record.port === s3.port);
    expect(http.map((record) => record.method)).toEqual(expect.arrayContaining(['PUT', 'GET', 'HEAD', 'DELETE']));
    for (const record of http) {
      expect(record.verdict).toBe('allowed');
      expect(record.purpose).toMatchObject({ destination: 'Test bucket', module: 'main/core/destinations' });
    }
  });

  it('records every WebDAV request with its purpose, and no record holds the password', async () => {
    await exercise(openDestination(
      { kind: 'webdav', name: 'Test rclone', url: `${webdav.url}/backup`, username: webdav.username },
      { password: webdav.password },
    ));
    const http = records.filter((record) => record.kind === 'http' && record.port === webdav.port);
    expect(http.map((record) => record.method)).toEqual(expect.arrayContaining(['MKCOL', 'PUT', 'MOVE', 'GET', 'PROPFIND', 'DELETE']));
    for (const record of http) expect(record.purpose).toMatchObject({ destination: 'Test rclone', module: 'main/core/destinations' });
    const everything = JSON.stringify(records);
    expect(everything).not.toContain(webdav.password);
    expect(everything).not.toContain(Buffer.from(`${webdav.username}:${webdav.password}`).toString('base64'));
    expect(everything).not.toContain(s3.credentials.secretAccessKey);
  });
});
