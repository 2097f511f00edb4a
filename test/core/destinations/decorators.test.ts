// The decorators on their own: retry (backoff with jitter, only transient errors, bounded,
// resuming cut downloads), the concurrency limit, and the activity context. The inner
// destination is a real folder behind a scripted layer that fails on demand.
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActivityDestination } from '../../../main/core/destinations/activity-destination.ts';
import type { Destination, GetOptions, ObjectBody, ObjectInfo, PutOptions } from '../../../main/core/destinations/destination.ts';
import { DestinationError } from '../../../main/core/destinations/destination-error.ts';
import { FolderDestination } from '../../../main/core/destinations/folder-destination.ts';
import { LimitedDestination } from '../../../main/core/destinations/limited-destination.ts';
import { RetryDestination } from '../../../main/core/destinations/retry-destination.ts';
import { currentPurpose } from '../../../main/core/net/activity-context.ts';
import type { Purpose } from '../../../main/core/net/activity-record.ts';

/** A folder destination whose next calls fail as scripted, and which counts what it sees. */
class Scripted implements Destination {
  readonly name = 'Scripted';
  readonly inner: Destination;
  failures: unknown[] = [];
  /** Cut the next download after this many bytes. */
  cutAfter: number | undefined;
  calls: string[] = [];
  ranges: (GetOptions['range'] | undefined)[] = [];
  running = 0;
  maxRunning = 0;
  purposes: Purpose[] = [];

  constructor(inner: Destination) {
    this.inner = inner;
  }

  async #enter<T>(call: string, run: () => Promise<T>): Promise<T> {
    this.calls.push(call);
    this.purposes.push(currentPurpose());
    this.running += 1;
    this.maxRunning = Math.max(this.maxRunning, this.running);
    try {
      await new Promise((resolve) => setTimeout(resolve, 5));
      const failure = this.failures.shift();
      if (failure !== undefined) throw failure;
      return await run();
    } finally {
      this.running -= 1;
    }
  }

  put(name: string, body: ObjectBody, options?: PutOptions): Promise<ObjectInfo> {
    return this.#enter('put', () => this.inner.put(name, body, options));
  }

  get(name: string, options: GetOptions = {}): Promise<Readable> {
    this.ranges.push(options.range);
    return this.#enter('get', async () => {
      const stream = await this.inner.get(name, options);
      const cut = this.cutAfter;
      this.cutAfter = undefined;
      if (cut === undefined) return stream;
      const bytes = await buffer(stream);
      return Readable.from((async function* () {
        yield bytes.subarray(0, cut);
        throw new DestinationError('truncated', 'Scripted', 'cut short on purpose');
      })());
    });
  }

  stat(name: string): Promise<ObjectInfo> {
    return this.#enter('stat', () => this.inner.stat(name));
  }

  list(prefix: string): AsyncIterable<ObjectInfo> {
    return this.inner.list(prefix);
  }

  delete(name: string): Promise<void> {
    return this.#enter('delete', () => this.inner.delete(name));
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

let folder: string;
beforeAll(async () => {
  folder = await fs.mkdtemp(path.join(os.tmpdir(), 'vitre-decorators-'));
});
afterAll(async () => fs.rm(folder, { recursive: true, force: true }));

function scripted(): Scripted {
  return new Scripted(new FolderDestination({ name: 'Scripted', path: folder }));
}

const transient = () => new DestinationError('unavailable', 'Scripted', 'HTTP 503');
const reset = () => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });

describe('the retry decorator', () => {
  it('retries transient failures with growing, jittered, capped waits until the call succeeds', async () => {
    const inner = scripted();
    inner.failures = [transient(), reset(), transient(), transient()];
    const delays: number[] = [];
    const retry = new RetryDestination(inner, { baseDelayMs: 10, maxDelayMs: 40, onRetry: ({ delayMs }) => delays.push(delayMs) });
    await retry.put('retry/a', Buffer.from('hello'));
    expect(inner.calls).toEqual(['put', 'put', 'put', 'put', 'put']);
    expect(delays).toHaveLength(4);
    delays.forEach((delay, i) => expect(delay).toBeLessThanOrEqual(Math.min(40, 10 * 2 ** i)));
    expect((await buffer(await retry.get('retry/a'))).toString()).toBe('hello');
  });

  it('does not retry permanent errors', async () => {
    const inner = scripted();
    inner.failures = [new DestinationError('unauthorized', 'Scripted', 'HTTP 401')];
    const retry = new RetryDestination(inner, { baseDelayMs: 1 });
    await expect(retry.stat('retry/a')).rejects.toMatchObject({ kind: 'unauthorized' });
    expect(inner.calls).toEqual(['stat']);
  });

  it('gives up after the configured number of attempts', async () => {
    const inner = scripted();
    inner.failures = Array.from({ length: 10 }, transient);
    const retry = new RetryDestination(inner, { attempts: 3, baseDelayMs: 1 });
    await expect(retry.delete('retry/a')).rejects.toMatchObject({ kind: 'unavailable' });
    expect(inner.calls).toHaveLength(3);
  });

  it('does not resend a one-shot stream, but does resend a body it can reopen', async () => {
    const inner = scripted();
    inner.failures = [transient()];
    const retry = new RetryDestination(inner, { baseDelayMs: 1 });
    const once = (async function* () { yield Buffer.from('once'); })();
    await expect(retry.put('retry/stream', once)).rejects.toMatchObject({ kind: 'unavailable' });
    inner.failures = [transient()];
    await retry.put('retry/stream', () => (async function* () { yield Buffer.from('again'); })());
    expect((await buffer(await retry.get('retry/stream'))).toString()).toBe('again');
  });

  it('stops waiting when the operation is cancelled', async () => {
    const inner = scripted();
    inner.failures = Array.from({ length: 10 }, transient);
    const retry = new RetryDestination(inner, { baseDelayMs: 10_000, maxDelayMs: 10_000 });
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 50);
    await expect(retry.stat('retry/a', { signal: controller.signal })).rejects.toMatchObject({ kind: 'aborted' });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('continues a download cut short from the first missing byte', async () => {
    const inner = scripted();
    const bytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));
    await inner.put('retry/cut', bytes);
    inner.cutAfter = 300;
    const retry = new RetryDestination(inner, { baseDelayMs: 1 });
    expect(await buffer(await retry.get('retry/cut'))).toEqual(bytes);
    expect(inner.ranges).toEqual([undefined, { start: 300, end: undefined }]);
  });
});

describe('the concurrency limit', () => {
  it('never runs more requests at once than allowed, and a download holds its slot until read', async () => {
    const inner = scripted();
    const limited = new LimitedDestination(inner, 3);
    await Promise.all(Array.from({ length: 20 }, (_, i) => limited.put(`limit/${i}`, Buffer.from(String(i)))));
    expect(inner.maxRunning).toBe(3);
    const open = await Promise.all([limited.get('limit/1'), limited.get('limit/2'), limited.get('limit/3')]);
    let fourthStarted = false;
    const fourth = limited.stat('limit/4').then(() => { fourthStarted = true; });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fourthStarted).toBe(false);
    await buffer(open[0] as Readable);
    await fourth;
    expect(fourthStarted).toBe(true);
    for (const stream of open.slice(1)) stream.destroy();
  });
});

describe('the concurrency limit and listings', () => {
  it('lets a caller read each listed object even with a single slot', async () => {
    const inner = scripted();
    for (const name of ['walk/a', 'walk/b', 'walk/c']) await inner.put(name, Buffer.from(name));
    const limited = new LimitedDestination(inner, 1);
    const read: string[] = [];
    for await (const info of limited.list('walk/')) read.push((await buffer(await limited.get(info.name))).toString());
    expect(read.sort()).toEqual(['walk/a', 'walk/b', 'walk/c']);
  });
});

describe('the activity decorator', () => {
  it('runs every call, and every step of a download, with the destination as purpose', async () => {
    const inner = scripted();
    const bytes = Buffer.alloc(10_000, 7);
    await inner.put('activity/a', bytes);
    inner.purposes = [];
    inner.cutAfter = 100;
    const destination = new ActivityDestination(new RetryDestination(inner, { baseDelayMs: 1 }), { module: 'test-module' });
    await destination.stat('activity/a');
    expect(await buffer(await destination.get('activity/a'))).toEqual(bytes);
    expect(inner.purposes).toHaveLength(3);
    for (const purpose of inner.purposes) expect(purpose).toMatchObject({ destination: 'Scripted', module: 'test-module' });
  });
});
