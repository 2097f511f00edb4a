// Resumable multipart upload. The upload id and every finished part (number, ETag, MD5, size)
// are written to a small state file after each part; a rerun of the same put finds the file,
// asks the server which parts it really holds (ListParts), and re-sends only parts whose bytes
// differ or that the server lost. Parts carry Content-MD5, so a part damaged in transit is
// refused by the server instead of stored. Uploads nobody finished are aborted by
// `abortAbandonedUploads` (S3 keeps, and bills, their parts until then).
import {
  AbortMultipartUploadCommand, CompleteMultipartUploadCommand, CreateMultipartUploadCommand, ListMultipartUploadsCommand,
  ListPartsCommand, UploadPartCommand, type S3Client,
} from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import type { ObjectBody, ObjectInfo } from './destination.ts';
import { isNotFound } from './destination-error.ts';
import { checkedChunks, chunksOf, sourceFailureOf } from './object-body.ts';
import { s3Error } from './s3-errors.ts';
import { UploadStateStore, type FinishedPart, type UploadState } from './upload-state.ts';

export interface MultipartOptions {
  client: S3Client;
  bucket: string;
  destination: string;
  /** Endpoint and bucket: state files of different buckets never mix. */
  identity: string;
  secrets: readonly string[];
  stateFolder?: string;
  partSize: number;
  partConcurrency: number;
}

export interface UploadRequest {
  size?: number;
  signal?: AbortSignal;
  what: string;
}

const MAX_PARTS = 10_000;

interface ServerPart {
  etag: string;
  size: number;
}

interface Resumed {
  state: UploadState;
  onServer: Map<number, ServerPart>;
}

/** One upload's parts in progress. */
interface PartRun {
  state: UploadState;
  earlier: Map<number, FinishedPart>;
  /** Parts the server holds (ListParts): their ETag is their MD5 on S3 and the services tried. */
  onServer: Map<number, ServerPart>;
  finished: FinishedPart[];
  inFlight: Set<Promise<void>>;
  stop: AbortController;
  signal: AbortSignal;
  failure?: unknown;
}

export class MultipartUploader {
  readonly #options: MultipartOptions;
  readonly store: UploadStateStore | undefined;

  constructor(options: MultipartOptions) {
    this.#options = options;
    this.store = options.stateFolder === undefined ? undefined : new UploadStateStore(options.stateFolder, options.identity);
  }

  get options(): MultipartOptions {
    return this.#options;
  }

  async upload(key: string, body: ObjectBody, request: UploadRequest): Promise<Omit<ObjectInfo, 'name'>> {
    const { client, bucket, destination, secrets } = this.#options;
    const partSize = this.#partSizeFor(request.size);
    try {
      const resumed = (await this.#resumable(key, partSize, request)) ?? { state: await this.#start(key, partSize, request), onServer: new Map() };
      const { state } = resumed;
      const parts = await this.#sendParts(resumed, body, request);
      const done = await client.send(new CompleteMultipartUploadCommand({
        Bucket: bucket, Key: key, UploadId: state.uploadId,
        MultipartUpload: { Parts: parts.map((part) => ({ PartNumber: part.number, ETag: `"${part.etag}"` })) },
      }), { abortSignal: request.signal });
      await this.store?.remove(key);
      const size = parts.reduce((total, part) => total + part.size, 0);
      return { size, etag: done.ETag?.replace(/"/g, ''), modified: new Date() };
    } catch (error) {
      throw sourceFailureOf(error) ?? s3Error(destination, request.what, error, secrets, request.signal);
    }
  }

  // Parts grow for very large objects: S3 allows at most 10,000 parts per upload.
  #partSizeFor(size: number | undefined): number {
    const { partSize } = this.#options;
    if (size === undefined || size <= partSize * MAX_PARTS) return partSize;
    const MiB = 1024 * 1024;
    return Math.ceil(size / MAX_PARTS / MiB) * MiB;
  }

  async #resumable(key: string, partSize: number, request: UploadRequest): Promise<Resumed | undefined> {
    const saved = await this.store?.load(key);
    if (saved === undefined) return undefined;
    if (saved.partSize !== partSize || (request.size !== undefined && saved.size !== request.size)) {
      // The object changed since the interruption: its old parts are of no use.
      const { client, bucket } = this.#options;
      await client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: saved.uploadId }), { abortSignal: request.signal })
        .catch(() => undefined); // Left for abortAbandonedUploads if this fails.
      return undefined;
    }
    let onServer: Map<number, ServerPart>;
    try {
      onServer = await this.#listParts(key, saved.uploadId, request.signal);
    } catch (error) {
      // The server forgot the upload (completed, aborted or expired): start a new one.
      if (isNotFound(s3Error(this.#options.destination, request.what, error, this.#options.secrets))) return undefined;
      throw error;
    }
    const parts = saved.parts.filter((part) => onServer.get(part.number)?.etag === part.etag);
    return { state: { ...saved, parts }, onServer };
  }

  async #listParts(key: string, uploadId: string, signal?: AbortSignal): Promise<Map<number, ServerPart>> {
    const { client, bucket } = this.#options;
    const parts = new Map<number, ServerPart>();
    let marker: string | undefined;
    for (;;) {
      const page = await client.send(new ListPartsCommand({ Bucket: bucket, Key: key, UploadId: uploadId, PartNumberMarker: marker }), { abortSignal: signal });
      for (const part of page.Parts ?? []) {
        if (part.PartNumber !== undefined && part.ETag !== undefined) parts.set(part.PartNumber, { etag: part.ETag.replace(/"/g, ''), size: part.Size ?? -1 });
      }
      if (page.IsTruncated !== true || page.NextPartNumberMarker === undefined) return parts;
      marker = String(page.NextPartNumberMarker);
    }
  }

  async #start(key: string, partSize: number, request: UploadRequest): Promise<UploadState> {
    const { client, bucket } = this.#options;
    const created = await client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key }), { abortSignal: request.signal });
    if (created.UploadId === undefined) throw new Error('CreateMultipartUpload returned no upload id');
    const state: UploadState = { key, uploadId: created.UploadId, size: request.size, partSize, startedAt: Date.now(), parts: [] };
    await this.store?.save(state);
    return state;
  }

  async #sendParts({ state, onServer }: Resumed, body: ObjectBody, request: UploadRequest): Promise<FinishedPart[]> {
    const { partConcurrency, destination } = this.#options;
    const stop = new AbortController();
    const run: PartRun = {
      state, earlier: new Map(state.parts.map((part) => [part.number, part])), onServer, finished: [], inFlight: new Set(), stop,
      signal: request.signal === undefined ? stop.signal : AbortSignal.any([request.signal, stop.signal]),
    };
    const chunks = checkedChunks(chunksOf(body), { destination, what: request.what, size: request.size, signal: request.signal });
    try {
      let number = 0;
      for await (const bytes of partsOf(chunks, state.partSize)) {
        this.#startPart(run, ++number, bytes);
        while (run.inFlight.size >= partConcurrency) await Promise.race(run.inFlight);
        if (run.failure !== undefined) break;
      }
      await Promise.all(run.inFlight);
    } catch (error) {
      // Reading the source failed (or saving the state did): stop the parts still in flight.
      run.failure ??= error;
      stop.abort();
      await Promise.allSettled(run.inFlight);
    }
    if (run.failure !== undefined) throw run.failure;
    return run.finished.sort((a, b) => a.number - b.number);
  }

  /** Sends one part in the background, or reuses it when the server already holds these bytes. */
  #startPart(run: PartRun, number: number, bytes: Uint8Array): void {
    const md5 = createHash('md5').update(bytes).digest('hex');
    const previous = run.earlier.get(number);
    if (previous !== undefined && previous.md5 === md5 && previous.size === bytes.byteLength) {
      run.finished.push(previous);
      return;
    }
    // Stored by the server, but the interruption came before its answer was recorded here.
    const held = run.onServer.get(number);
    if (held !== undefined && held.etag === md5 && held.size === bytes.byteLength) {
      run.finished.push({ number, etag: held.etag, md5, size: held.size });
      return;
    }
    const sending: Promise<void> = this.#sendPart(run.state, number, bytes, md5, run.signal).then(
      async (part) => {
        run.finished.push(part);
        run.state.parts = [...run.finished];
        await this.store?.save(run.state);
      },
      (error: unknown) => {
        run.failure ??= error;
        run.stop.abort();
      },
    ).finally(() => run.inFlight.delete(sending));
    run.inFlight.add(sending);
  }

  async #sendPart(state: UploadState, number: number, bytes: Uint8Array, md5: string, signal: AbortSignal): Promise<FinishedPart> {
    const { client, bucket } = this.#options;
    const result = await client.send(new UploadPartCommand({
      Bucket: bucket, Key: state.key, UploadId: state.uploadId, PartNumber: number, Body: bytes,
      ContentLength: bytes.byteLength, ContentMD5: Buffer.from(md5, 'hex').toString('base64'),
    }), { abortSignal: signal });
    return { number, etag: (result.ETag ?? md5).replace(/"/g, ''), md5, size: bytes.byteLength };
  }
}

/**
 * Cuts a byte stream into parts of exactly `partSize` bytes (the last may be shorter, or empty
 * for an empty body). Chunks are gathered and joined once per part, so a small body never
 * costs a part-sized allocation.
 */
export async function* partsOf(chunks: AsyncIterable<Uint8Array>, partSize: number): AsyncIterable<Uint8Array> {
  let pending: Uint8Array[] = [];
  let filled = 0;
  let any = false;
  for await (const chunk of chunks) {
    let rest = chunk;
    while (filled + rest.byteLength >= partSize) {
      const take = partSize - filled;
      pending.push(rest.subarray(0, take));
      yield Buffer.concat(pending, partSize);
      any = true;
      rest = rest.subarray(take);
      pending = [];
      filled = 0;
    }
    if (rest.byteLength > 0) {
      // Copied: the source may reuse its buffer for the next chunk.
      pending.push(Buffer.from(rest));
      filled += rest.byteLength;
    }
  }
  if (filled > 0 || !any) yield Buffer.concat(pending, filled);
}

export interface AbandonedCleanup {
  aborted: number;
  kept: number;
}

export async function abortAbandonedUploads(uploader: MultipartUploader, prefix: string, olderThanMs: number, signal?: AbortSignal): Promise<AbandonedCleanup> {
  const { client, bucket, destination, secrets } = uploader.options;
  const what = 'cleaning up abandoned uploads';
  const cutoff = Date.now() - olderThanMs;
  const result = { aborted: 0, kept: 0 };
  let keyMarker: string | undefined;
  let uploadIdMarker: string | undefined;
  try {
    for (;;) {
      const page = await client.send(new ListMultipartUploadsCommand({
        Bucket: bucket, Prefix: prefix, KeyMarker: keyMarker, UploadIdMarker: uploadIdMarker,
      }), { abortSignal: signal });
      for (const upload of page.Uploads ?? []) {
        if (upload.Key === undefined || upload.UploadId === undefined) continue;
        if ((upload.Initiated?.getTime() ?? 0) > cutoff) {
          result.kept += 1;
          continue;
        }
        await client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: upload.Key, UploadId: upload.UploadId }), { abortSignal: signal });
        const saved = await uploader.store?.load(upload.Key);
        if (saved?.uploadId === upload.UploadId) await uploader.store?.remove(upload.Key);
        result.aborted += 1;
      }
      if (page.IsTruncated !== true) return result;
      keyMarker = page.NextKeyMarker;
      uploadIdMarker = page.NextUploadIdMarker;
    }
  } catch (error) {
    throw s3Error(destination, what, error, secrets, signal);
  }
}
