// Resumable multipart upload and the cleanup of abandoned uploads, against the SigV4 test server.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3Destination } from '../../../main/core/destinations/s3-destination.ts';
import { startS3TestServer, type S3TestServer } from '../../support/servers/s3-test-server.ts';
import { readAll, sha256, streamed } from './conformance.ts';
import { MiB, openTestBucket, removeStateFolders, stateFolder } from './s3-support.ts';

let server: S3TestServer;
beforeAll(async () => {
  server = await startS3TestServer();
});
afterAll(async () => {
  await server?.close();
  await removeStateFolders();
});

const count = (operation: string) => server.stats.get(operation) ?? 0;

/** Streams `bytes`, aborting the upload once the server holds `parts` parts. */
async function* interruptedAfter(bytes: Uint8Array, parts: number, controller: AbortController): AsyncIterable<Uint8Array> {
  const before = count('UploadPart');
  for await (const chunk of streamed(bytes, MiB)) {
    while (count('UploadPart') - before >= parts && !controller.signal.aborted) controller.abort(new Error('interrupted by the test'));
    yield chunk;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

describe('multipart upload', () => {
  it('resumes an interrupted upload in a new session, sending only the missing parts', async () => {
    const state = await stateFolder();
    const bytes = randomBytes(6 * 5 * MiB + 4321); // 7 parts of 5 MiB
    const first = openTestBucket(server, { stateFolder: state, s3: { partConcurrency: 1 } });
    const controller = new AbortController();
    const failure = await first.put('resume/big', interruptedAfter(bytes, 3, controller), { size: bytes.length, signal: controller.signal }).catch((error: unknown) => error);
    await first.close();
    expect((failure as { kind?: string }).kind).toBe('aborted');
    const partsBefore = count('UploadPart');
    const createsBefore = count('CreateMultipartUpload');
    expect(server.store.uploads.size).toBe(1);
    const kept = [...server.store.uploads.values()][0]?.parts.size ?? 0;
    expect(kept).toBeGreaterThanOrEqual(3);

    // A new destination object: nothing is remembered in memory, only in the state folder.
    const second = openTestBucket(server, { stateFolder: state });
    await second.put('resume/big', () => streamed(bytes, MiB), { size: bytes.length });
    expect(count('CreateMultipartUpload')).toBe(createsBefore);
    expect(count('UploadPart') - partsBefore).toBe(7 - kept);
    expect(sha256(await readAll(second, 'resume/big'))).toBe(sha256(bytes));
    expect(server.store.uploads.size).toBe(0);
    expect(await fs.readdir(`${state}/s3-uploads`)).toEqual([]);
    await second.close();
  });

  it('re-sends a part whose bytes changed since the interruption', async () => {
    const state = await stateFolder();
    const bytes = randomBytes(3 * 5 * MiB);
    const first = openTestBucket(server, { stateFolder: state, s3: { partConcurrency: 1 } });
    const controller = new AbortController();
    await first.put('resume/changed', interruptedAfter(bytes, 2, controller), { size: bytes.length, signal: controller.signal }).catch(() => undefined);
    await first.close();
    bytes[10] = (bytes[10] ?? 0) ^ 0xff; // the first part differs now
    const partsBefore = count('UploadPart');
    const second = openTestBucket(server, { stateFolder: state });
    await second.put('resume/changed', bytes, { size: bytes.length });
    expect(count('UploadPart') - partsBefore).toBeGreaterThanOrEqual(2);
    expect(sha256(await readAll(second, 'resume/changed'))).toBe(sha256(bytes));
    await second.close();
  });

  it('starts over when the server no longer knows the upload', async () => {
    const state = await stateFolder();
    const bytes = randomBytes(2 * 5 * MiB + 1);
    const first = openTestBucket(server, { stateFolder: state, s3: { partConcurrency: 1 } });
    const controller = new AbortController();
    await first.put('resume/forgotten', interruptedAfter(bytes, 1, controller), { size: bytes.length, signal: controller.signal }).catch(() => undefined);
    await first.close();
    for (const upload of [...server.store.uploads.values()]) await server.store.abort(upload);
    const second = openTestBucket(server, { stateFolder: state });
    await second.put('resume/forgotten', bytes, { size: bytes.length });
    expect(sha256(await readAll(second, 'resume/forgotten'))).toBe(sha256(bytes));
    await second.close();
  });

  it('aborts the interrupted upload when the object to send has changed size', async () => {
    const state = await stateFolder();
    const first = openTestBucket(server, { stateFolder: state, s3: { partConcurrency: 1 } });
    const controller = new AbortController();
    const before = randomBytes(3 * 5 * MiB);
    await first.put('resume/resized', interruptedAfter(before, 1, controller), { size: before.length, signal: controller.signal }).catch(() => undefined);
    await first.close();
    expect(server.store.uploads.size).toBe(1);
    const after = randomBytes(2 * 5 * MiB + 99);
    const second = openTestBucket(server, { stateFolder: state });
    await second.put('resume/resized', after, { size: after.length });
    expect(server.store.uploads.size).toBe(0);
    expect(sha256(await readAll(second, 'resume/resized'))).toBe(sha256(after));
    await second.close();
  });

  it('aborts abandoned uploads older than the limit and keeps recent ones', async () => {
    const state = await stateFolder();
    const destination = openTestBucket(server, { stateFolder: state, s3: { partConcurrency: 1 } });
    for (const name of ['abandoned/a', 'abandoned/b']) {
      const controller = new AbortController();
      const bytes = randomBytes(2 * 5 * MiB);
      await destination.put(name, interruptedAfter(bytes, 1, controller), { size: bytes.length, signal: controller.signal }).catch(() => undefined);
    }
    expect(server.store.uploads.size).toBe(2);
    const backend = destination.backend as S3Destination;
    expect(await backend.abortAbandonedUploads(60 * 60_000)).toEqual({ aborted: 0, kept: 2 });
    expect(await backend.abortAbandonedUploads(0)).toEqual({ aborted: 2, kept: 0 });
    expect(server.store.uploads.size).toBe(0);
    expect(await fs.readdir(`${state}/s3-uploads`)).toEqual([]);
    await destination.close();
  });
});
