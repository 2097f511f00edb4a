// An S3-compatible destination (AWS, Backblaze B2, Cloudflare R2, Wasabi, MinIO) through the
// AWS SDK v3, handed the agents of main/core/net so every request passes the egress guard.
// Small objects with a known size are one streamed PutObject; larger or unknown-size objects go
// through the resumable multipart upload in s3-multipart.ts.
import {
  DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client,
} from '@aws-sdk/client-s3';
import type { Readable } from 'node:stream';
import { createHttpAgents, type HttpAgents } from '../net/http-transport.ts';
import type { Destination, GetOptions, ObjectBody, ObjectInfo, PutOptions } from './destination.ts';
import { checkedChunks, chunksOf, countedDownload, readableOf, sourceFailureOf } from './object-body.ts';
import { checkName } from './object-name.ts';
import { s3Error } from './s3-errors.ts';
import { MultipartUploader, abortAbandonedUploads, partsOf, type AbandonedCleanup } from './s3-multipart.ts';

export interface S3DestinationOptions {
  name: string;
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** `https://host/bucket/key` instead of `https://bucket.host/key` (MinIO and most self-hosted servers). */
  pathStyle: boolean;
  /** Key prefix inside the bucket ("vitre/"), so one bucket can hold other things too. */
  prefix?: string;
  /** Where resumable multipart uploads keep their state; without it an interrupted upload starts over. */
  stateFolder?: string;
  /** Objects larger than this (or of unknown size) use multipart upload. */
  multipartThreshold?: number;
  /** Bytes per part (S3's minimum is 5 MiB for all parts but the last). */
  partSize?: number;
  /** Parts in flight per upload; each holds one part in memory. */
  partConcurrency?: number;
  /** Keys per ListObjectsV2 page (S3's maximum and default is 1000). */
  pageSize?: number;
}

const MiB = 1024 * 1024;
const SILENT = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

export class S3Destination implements Destination {
  readonly name: string;
  readonly #client: S3Client;
  readonly #agents: HttpAgents;
  readonly #bucket: string;
  readonly #prefix: string;
  readonly #secrets: string[];
  readonly #threshold: number;
  readonly #pageSize: number;
  readonly #multipart: MultipartUploader;

  constructor(options: S3DestinationOptions) {
    this.name = options.name;
    this.#bucket = options.bucket;
    this.#prefix = options.prefix ?? '';
    this.#secrets = [options.secretAccessKey];
    this.#threshold = options.multipartThreshold ?? 64 * MiB;
    this.#pageSize = options.pageSize ?? 1000;
    this.#agents = createHttpAgents();
    this.#client = new S3Client({
      endpoint: options.endpoint,
      region: options.region,
      forcePathStyle: options.pathStyle,
      credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
      requestHandler: { httpAgent: this.#agents.httpAgent, httpsAgent: this.#agents.httpsAgent, connectionTimeout: 15_000, requestTimeout: 120_000 },
      // The retry decorator owns retries: two layers would multiply attempts.
      maxAttempts: 1,
      // CRC checksums with aws-chunked bodies (the SDK default since early 2025) are not
      // accepted by several S3-compatible services; SigV4 and Content-MD5 on parts suffice.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      // The SDK prints warnings to the console when no logger is given; failures reach the
      // user through the typed errors instead.
      logger: SILENT,
    });
    this.#multipart = new MultipartUploader({
      client: this.#client,
      bucket: this.#bucket,
      destination: this.name,
      identity: `${options.endpoint}|${options.bucket}`,
      secrets: this.#secrets,
      stateFolder: options.stateFolder,
      partSize: Math.max(5 * MiB, options.partSize ?? 16 * MiB),
      partConcurrency: options.partConcurrency ?? 2,
    });
  }

  async put(name: string, body: ObjectBody, options: PutOptions = {}): Promise<ObjectInfo> {
    const key = this.#key(name);
    const what = `saving "${name}"`;
    const { size, signal } = options;
    if (size === undefined) return this.#putUnsized(name, key, body, options, what);
    if (size > this.#threshold) return { ...(await this.#multipart.upload(key, body, { size, signal, what })), name };
    const source = readableOf(body, { destination: this.name, what, size, signal });
    // The SDK does not notice a failing body stream: stop the request when the source fails.
    const stop = new AbortController();
    source.once('error', () => stop.abort());
    try {
      const result = await this.#client.send(new PutObjectCommand({
        Bucket: this.#bucket, Key: key, ContentLength: size, Body: size === 0 ? new Uint8Array(0) : source,
      }), { abortSignal: signal === undefined ? stop.signal : AbortSignal.any([signal, stop.signal]) });
      return { name, size, etag: unquote(result.ETag), modified: new Date() };
    } catch (error) {
      throw sourceFailureOf(source.errored ?? error) ?? s3Error(this.name, what, source.errored ?? error, this.#secrets, signal);
    } finally {
      source.destroy();
    }
  }

  // Of unknown size: one part's worth is read first; a body that fits is a single PutObject
  // (one request instead of three), anything longer continues as a multipart upload.
  async #putUnsized(name: string, key: string, body: ObjectBody, options: PutOptions, what: string): Promise<ObjectInfo> {
    const { signal } = options;
    const chunks = checkedChunks(chunksOf(body), { destination: this.name, what, signal });
    const parts = partsOf(chunks, this.#multipart.options.partSize)[Symbol.asyncIterator]();
    const first = await parts.next();
    const second = first.done === true ? first : await parts.next();
    if (second.done === true) {
      const bytes = first.done === true ? new Uint8Array(0) : first.value;
      return this.put(name, bytes, { size: bytes.byteLength, signal });
    }
    async function* rejoined(): AsyncIterable<Uint8Array> {
      yield first.value as Uint8Array;
      yield second.value as Uint8Array;
      for (let next = await parts.next(); next.done !== true; next = await parts.next()) yield next.value;
    }
    return { ...(await this.#multipart.upload(key, rejoined(), { signal, what })), name };
  }

  async get(name: string, options: GetOptions = {}): Promise<Readable> {
    const what = `reading "${name}"`;
    const { range, signal } = options;
    try {
      const result = await this.#client.send(new GetObjectCommand({
        Bucket: this.#bucket, Key: this.#key(name),
        Range: range === undefined ? undefined : `bytes=${range.start}-${range.end ?? ''}`,
      }), { abortSignal: signal });
      const body = result.Body as Readable | undefined;
      if (body === undefined) return countedDownload(emptyBody(), 0, this.name, what);
      return countedDownload(body, result.ContentLength, this.name, what);
    } catch (error) {
      throw s3Error(this.name, what, error, this.#secrets, signal);
    }
  }

  async stat(name: string, options: { signal?: AbortSignal } = {}): Promise<ObjectInfo> {
    try {
      const result = await this.#client.send(new HeadObjectCommand({ Bucket: this.#bucket, Key: this.#key(name) }), { abortSignal: options.signal });
      return { name, size: result.ContentLength ?? 0, etag: unquote(result.ETag), modified: result.LastModified };
    } catch (error) {
      throw s3Error(this.name, `looking up "${name}"`, error, this.#secrets, options.signal);
    }
  }

  async *list(prefix: string, options: { signal?: AbortSignal } = {}): AsyncIterable<ObjectInfo> {
    let token: string | undefined;
    do {
      let page;
      try {
        page = await this.#client.send(new ListObjectsV2Command({
          Bucket: this.#bucket, Prefix: this.#prefix + prefix, ContinuationToken: token, MaxKeys: this.#pageSize,
        }), { abortSignal: options.signal });
      } catch (error) {
        throw s3Error(this.name, `listing "${prefix}"`, error, this.#secrets, options.signal);
      }
      for (const object of page.Contents ?? []) {
        if (object.Key === undefined) continue;
        yield { name: object.Key.slice(this.#prefix.length), size: object.Size ?? 0, etag: unquote(object.ETag), modified: object.LastModified };
      }
      token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
  }

  // S3 answers 204 for a missing key; the interface promises not-found, so look first.
  async delete(name: string, options: { signal?: AbortSignal } = {}): Promise<void> {
    await this.stat(name, options);
    try {
      await this.#client.send(new DeleteObjectCommand({ Bucket: this.#bucket, Key: this.#key(name) }), { abortSignal: options.signal });
    } catch (error) {
      throw s3Error(this.name, `deleting "${name}"`, error, this.#secrets, options.signal);
    }
  }

  /** Aborts multipart uploads under this destination's prefix started more than `olderThanMs` ago. */
  abortAbandonedUploads(olderThanMs: number, signal?: AbortSignal): Promise<AbandonedCleanup> {
    return abortAbandonedUploads(this.#multipart, this.#prefix, olderThanMs, signal);
  }

  async close(): Promise<void> {
    this.#client.destroy();
    this.#agents.close();
  }

  #key(name: string): string {
    return this.#prefix + checkName(this.name, name);
  }
}

export function unquote(etag: string | undefined): string | undefined {
  return etag?.replace(/^(W\/)?"|"$/g, '');
}

async function* emptyBody(): AsyncIterable<Uint8Array> {}
