// One conformance suite for every destination backend (restic's internal/backend/test/suite.go):
// each backend's test file starts its real server and calls `describeConformance`. The suite
// goes through the decorated destination from openDestination, as the engine does.
import { createHash, randomBytes } from 'node:crypto';
import { buffer } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Destination } from '../../../main/core/destinations/destination.ts';
import { DestinationError, isNotFound } from '../../../main/core/destinations/destination-error.ts';
import { openDestination } from '../../../main/core/destinations/open-destination.ts';
import type { WebdavTestServer } from '../../support/servers/rclone-webdav.ts';

export interface ConformanceOptions {
  /** Objects to create for the pagination test: more than one page of the backend's listing. */
  paginationCount: number;
  /** Ranged reads are part of the interface; a backend could opt out (none does). */
  range?: boolean;
}

export interface ConformanceTarget {
  destination: Destination;
  close(): Promise<void>;
}

const MiB = 1024 * 1024;

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export async function readAll(destination: Destination, name: string, range?: { start: number; end?: number }): Promise<Buffer> {
  return buffer(await destination.get(name, range === undefined ? {} : { range }));
}

/** `size` pseudo-random bytes delivered in chunks of `chunk`, as a one-shot stream. */
export async function* streamed(bytes: Uint8Array, chunk = 64 * 1024): AsyncIterable<Uint8Array> {
  for (let offset = 0; offset < bytes.byteLength; offset += chunk) {
    await Promise.resolve();
    yield bytes.subarray(offset, offset + chunk);
  }
}

async function names(destination: Destination, prefix: string): Promise<string[]> {
  const found: string[] = [];
  for await (const info of destination.list(prefix)) found.push(info.name);
  return found.sort();
}

async function expectError(promise: Promise<unknown>, kind: DestinationError['kind']): Promise<DestinationError> {
  const error = await promise.then(() => undefined, (failure: unknown) => failure);
  expect(error).toBeInstanceOf(DestinationError);
  expect((error as DestinationError).kind).toBe(kind);
  return error as DestinationError;
}

/** A WebDAV destination on a test server the suite starts, closed with it. */
export async function webdavTarget(start: () => Promise<WebdavTestServer>, name: string): Promise<ConformanceTarget> {
  const server = await start();
  const destination = openDestination(
    { kind: 'webdav', name, url: `${server.url}/backup`, username: server.username },
    { password: server.password },
  );
  return {
    destination,
    async close() {
      await destination.close();
      await server.close();
    },
  };
}

export function describeConformance(label: string, open: () => Promise<ConformanceTarget>, options: ConformanceOptions): void {
  describe(`destination conformance: ${label}`, () => {
    let target: ConformanceTarget;
    let d: Destination;
    beforeAll(async () => {
      target = await open();
      d = target.destination;
    });
    afterAll(async () => target?.close());

    it('stores and returns 0 bytes, a few bytes and a multi-MiB streamed object unchanged', async () => {
      const small = randomBytes(1000);
      const large = randomBytes(7 * MiB + 123);
      await d.put('roundtrip/empty', new Uint8Array(0), { size: 0 });
      await d.put('roundtrip/small', small, { size: small.length });
      await d.put('roundtrip/large', streamed(large), { size: large.length });
      await d.put('roundtrip/large-unsized', streamed(large));
      expect((await readAll(d, 'roundtrip/empty')).length).toBe(0);
      expect(sha256(await readAll(d, 'roundtrip/small'))).toBe(sha256(small));
      expect(sha256(await readAll(d, 'roundtrip/large'))).toBe(sha256(large));
      expect(sha256(await readAll(d, 'roundtrip/large-unsized'))).toBe(sha256(large));
    });

    it('reports the stored size in stat and list', async () => {
      const bytes = randomBytes(4321);
      await d.put('stat/object', bytes, { size: bytes.length });
      const info = await d.stat('stat/object');
      expect(info).toMatchObject({ name: 'stat/object', size: 4321 });
      expect((await d.stat('roundtrip/empty')).size).toBe(0);
      const listed = [];
      for await (const entry of d.list('stat/')) listed.push(entry);
      expect(listed).toEqual([expect.objectContaining({ name: 'stat/object', size: 4321 })]);
    });

    it('replaces an object on overwrite', async () => {
      await d.put('overwrite/object', Buffer.from('first version, longer'), { size: 21 });
      await d.put('overwrite/object', Buffer.from('second'), { size: 6 });
      expect((await readAll(d, 'overwrite/object')).toString()).toBe('second');
      expect((await d.stat('overwrite/object')).size).toBe(6);
    });

    it('lists exactly the names under a prefix', async () => {
      for (const name of ['prefix/a/1', 'prefix/a/2', 'prefix/b/1', 'prefixed']) await d.put(name, Buffer.from(name));
      expect(await names(d, 'prefix/a/')).toEqual(['prefix/a/1', 'prefix/a/2']);
      expect(await names(d, 'prefix/')).toEqual(['prefix/a/1', 'prefix/a/2', 'prefix/b/1']);
      expect(await names(d, 'prefix')).toEqual(['prefix/a/1', 'prefix/a/2', 'prefix/b/1', 'prefixed']);
      expect(await names(d, 'prefix/a/1')).toEqual(['prefix/a/1']);
      expect(await names(d, 'nothing-here/')).toEqual([]);
    });

    it(`lists all ${options.paginationCount} objects of a listing longer than one page`, async () => {
      const expected: string[] = [];
      const queue = Array.from({ length: options.paginationCount }, (_, i) => `page/${String(i).padStart(5, '0')}`);
      const worker = async () => {
        for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
          await d.put(name, Buffer.from(name));
          expected.push(name);
        }
      };
      await Promise.all(Array.from({ length: 8 }, worker));
      expect(await names(d, 'page/')).toEqual(expected.sort());
    });

    it('deletes objects, and a deleted object is not found', async () => {
      await d.put('delete/object', Buffer.from('bye'));
      await d.delete('delete/object');
      expect(await names(d, 'delete/')).toEqual([]);
      await expectError(d.stat('delete/object'), 'not-found');
      await expectError(d.delete('delete/object'), 'not-found');
    });

    it('answers a missing object with a typed, permanent not-found error', async () => {
      for (const attempt of [() => d.stat('missing/object'), () => d.get('missing/object'), () => d.delete('missing/object')]) {
        const error = await expectError(attempt(), 'not-found');
        expect(isNotFound(error)).toBe(true);
        expect(error.permanent).toBe(true);
        expect(error.message).toContain('missing/object');
      }
    });

    it('keeps names with spaces, unicode and URL-special characters exact', async () => {
      const special = ['names/with space/fïlé 名前.bin', 'names/percent%20plus+hash#amp&eq=semi;', 'names/emoji 📷 ünïcødé'];
      for (const name of special) await d.put(name, Buffer.from(name));
      expect(await names(d, 'names/')).toEqual([...special].sort());
      for (const name of special) expect((await readAll(d, name)).toString()).toBe(name);
    });

    it('refuses names that could escape the destination or be reinterpreted', async () => {
      for (const name of ['', '/absolute', '../outside', 'a/../b', 'a//b', 'trailing/', 'back\\slash']) {
        await expectError(d.put(name, Buffer.from('x')), 'invalid-name');
      }
    });

    it('stores concurrent puts without mixing their bytes', async () => {
      const bodies = Array.from({ length: 16 }, () => randomBytes(200_000 + Math.floor(Math.random() * 100_000)));
      await Promise.all(bodies.map((body, i) => d.put(`concurrent/${i}`, streamed(body, 16 * 1024), { size: body.length })));
      for (const [i, body] of bodies.entries()) expect(sha256(await readAll(d, `concurrent/${i}`))).toBe(sha256(body));
    });

    it('leaves no object under the final name when a put is aborted midway', async () => {
      const controller = new AbortController();
      async function* halfThenAbort() {
        yield randomBytes(MiB);
        controller.abort(new Error('user cancelled'));
        await new Promise((resolve) => setTimeout(resolve, 50));
        yield randomBytes(MiB);
      }
      await expectError(d.put('abort/new', halfThenAbort(), { size: 2 * MiB, signal: controller.signal }), 'aborted');
      await expectError(d.stat('abort/new'), 'not-found');
      expect(await names(d, 'abort/')).toEqual([]);
    });

    it('keeps the previous version when an overwrite is aborted midway', async () => {
      await d.put('abort/existing', Buffer.from('old content'));
      const controller = new AbortController();
      async function* abortAfterFirstChunk() {
        yield randomBytes(MiB);
        controller.abort(new Error('user cancelled'));
        await new Promise((resolve) => setTimeout(resolve, 50));
        yield randomBytes(MiB);
      }
      await expectError(d.put('abort/existing', abortAfterFirstChunk(), { size: 2 * MiB, signal: controller.signal }), 'aborted');
      expect((await readAll(d, 'abort/existing')).toString()).toBe('old content');
    });

    it('refuses a body shorter than the size announced, storing nothing', async () => {
      const error = await d.put('short/object', Buffer.from('12345'), { size: 10 }).then(() => undefined, (failure: unknown) => failure);
      expect(error).toBeInstanceOf(DestinationError);
      await expectError(d.stat('short/object'), 'not-found');
    });

    it.runIf(options.range !== false)('reads byte ranges', async () => {
      const bytes = randomBytes(10_000);
      await d.put('range/object', bytes, { size: bytes.length });
      expect(await readAll(d, 'range/object', { start: 10, end: 19 })).toEqual(bytes.subarray(10, 20));
      expect(await readAll(d, 'range/object', { start: 9_990 })).toEqual(bytes.subarray(9_990));
      expect(await readAll(d, 'range/object', { start: 0, end: 0 })).toEqual(bytes.subarray(0, 1));
    });
  });
}
