import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { openDestination } from '../../../main/core/destinations/open-destination.ts';
import { startS3TestServer } from '../../support/servers/s3-test-server.ts';
import { describeConformance } from './conformance.ts';

const MiB = 1024 * 1024;

describeConformance('S3 (SigV4-checking test server)', async () => {
  const server = await startS3TestServer();
  const state = await fs.mkdtemp(path.join(os.tmpdir(), 'vitre-s3-state-'));
  const destination = openDestination(
    { kind: 's3', name: 'Test bucket', endpoint: server.endpoint, region: server.region, bucket: server.bucket, accessKeyId: server.credentials.accessKeyId, pathStyle: true, prefix: 'backup/' },
    { secretAccessKey: server.credentials.secretAccessKey },
    // Multipart from 5 MiB so the multi-MiB round trip exercises it.
    { stateFolder: state, s3: { multipartThreshold: 5 * MiB, partSize: 5 * MiB } },
  );
  return {
    destination,
    async close() {
      await destination.close();
      await server.close();
      await fs.rm(state, { recursive: true, force: true });
    },
  };
}, { paginationCount: 1005 });
