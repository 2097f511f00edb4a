// Opening an S3 destination against the test server (directly or through the fault proxy).
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { openDestination, type OpenOptions, type OpenedDestination } from '../../../main/core/destinations/open-destination.ts';
import type { S3TestServer } from '../../support/servers/s3-test-server.ts';

export const MiB = 1024 * 1024;

export function openTestBucket(server: S3TestServer, options: OpenOptions & { endpoint?: string; secret?: string } = {}): OpenedDestination {
  return openDestination(
    {
      kind: 's3', name: 'Test bucket', endpoint: options.endpoint ?? server.endpoint, region: server.region, bucket: server.bucket,
      accessKeyId: server.credentials.accessKeyId, pathStyle: true,
    },
    { secretAccessKey: options.secret ?? server.credentials.secretAccessKey },
    { ...options, s3: { multipartThreshold: 5 * MiB, partSize: 5 * MiB, ...options.s3 } },
  );
}

const stateFolders: string[] = [];

/** A fresh folder for upload state; `removeStateFolders` deletes them all. */
export async function stateFolder(): Promise<string> {
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'vitre-upload-state-'));
  stateFolders.push(folder);
  return folder;
}

export async function removeStateFolders(): Promise<void> {
  await Promise.all(stateFolders.splice(0).map((folder) => fs.rm(folder, { recursive: true, force: true })));
}
