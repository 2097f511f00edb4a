// A small S3-compatible TEST server (not a product component) for the destination tests: it
// checks every request's SigV4 signature and signed payload hash, and implements the subset
// Vitre uses — PUT/GET/HEAD/DELETE object (with Range), ListObjectsV2, and multipart create /
// upload-part / list-parts / complete / abort / list-uploads. Written here because no S3 server
// installable from npm or Debian both checks signatures and implements ListParts and
// ListMultipartUploads (s3rver, the npm candidate, lacks ListParts: jamhall/s3rver#330).
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { listenHttp, type HttpRequest, type HttpResponse, type HttpServer } from '../../../main/core/net/http-server.ts';
import { verifySignature, type Credentials } from './sigv4.ts';
import { S3TestStore, type Received } from './s3-test-store.ts';
import { completedParts, document, element, errorDocument } from './s3-xml.ts';

export interface S3TestServerOptions {
  bucket?: string;
  region?: string;
  credentials?: Credentials;
  /** S3 refuses parts under 5 MiB except the last; tests may lower it. */
  minPartSize?: number;
}

export interface S3TestServer {
  endpoint: string;
  port: number;
  bucket: string;
  region: string;
  credentials: Credentials;
  store: S3TestStore;
  /** Requests served per operation ("PutObject", "UploadPart", ...) and refused signatures. */
  stats: Map<string, number>;
  close(): Promise<void>;
}

class S3Failure extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export async function startS3TestServer(options: S3TestServerOptions = {}): Promise<S3TestServer> {
  const bucket = options.bucket ?? 'vitre-test';
  const region = options.region ?? 'us-east-1';
  const credentials = options.credentials ?? { accessKeyId: 'VITRETESTKEY', secretAccessKey: 'test-secret-do-not-use-0123456789' };
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'vitre-s3-'));
  const store = new S3TestStore(folder);
  const stats = new Map<string, number>();
  const count = (operation: string) => stats.set(operation, (stats.get(operation) ?? 0) + 1);
  const context: Context = { bucket, region, credentials, store, count, minPartSize: options.minPartSize ?? 5 * 1024 * 1024 };
  const { server, port } = await listenHttp((request, response) => {
    handle(context, request, response).catch((error: unknown) => {
      if (!response.headersSent) sendError(response, request, new S3Failure(500, 'InternalError', String(error)));
      else response.destroy();
    });
  });
  return {
    endpoint: `http://127.0.0.1:${port}`, port, bucket, region, credentials, store, stats,
    close: async () => {
      await closeServer(server);
      await fs.rm(folder, { recursive: true, force: true });
    },
  };
}

interface Context {
  bucket: string;
  region: string;
  credentials: Credentials;
  store: S3TestStore;
  count(operation: string): void;
  minPartSize: number;
}

interface Route {
  bucket: string;
  key: string;
  query: URLSearchParams;
}

async function handle(context: Context, request: HttpRequest, response: HttpResponse): Promise<void> {
  const target = request.url ?? '/';
  const check = verifySignature({ method: request.method ?? 'GET', target, rawHeaders: request.rawHeaders }, context.credentials, context.region);
  if (!check.ok) {
    context.count('SignatureRejected');
    request.resume();
    const status = check.code === 'NotImplemented' ? 501 : check.code === 'AuthorizationHeaderMalformed' ? 400 : 403;
    sendError(response, request, new S3Failure(status, check.code, check.message));
    return;
  }
  try {
    const route = routeOf(context, request, target);
    if (route.bucket !== context.bucket) throw new S3Failure(404, 'NoSuchBucket', 'The specified bucket does not exist');
    await dispatch(context, route, request, response, check.payloadHash);
  } catch (error) {
    request.resume();
    if (error instanceof S3Failure) sendError(response, request, error);
    else if (!request.readableAborted) throw error;
  }
}

function routeOf(context: Context, request: HttpRequest, target: string): Route {
  const question = target.indexOf('?');
  const rawPath = question < 0 ? target : target.slice(0, question);
  const query = new URLSearchParams(question < 0 ? '' : target.slice(question + 1));
  const segments = rawPath.split('/').slice(1).map((segment) => decodeURIComponent(segment));
  const host = (request.headers.host ?? '').toLowerCase();
  if (host.startsWith(`${context.bucket}.`)) return { bucket: context.bucket, key: segments.join('/'), query };
  return { bucket: segments[0] ?? '', key: segments.slice(1).join('/'), query };
}

async function dispatch(context: Context, route: Route, request: HttpRequest, response: HttpResponse, payloadHash: string): Promise<void> {
  const { key, query } = route;
  const method = request.method ?? 'GET';
  if (key === '') {
    if (method === 'GET' && query.has('uploads')) return listUploads(context, route, response);
    if (method === 'GET') return listObjects(context, route, response);
    if (method === 'HEAD') return void response.writeHead(200).end();
    throw new S3Failure(501, 'NotImplemented', `${method} on a bucket is not implemented`);
  }
  if (method === 'PUT' && query.has('uploadId')) return uploadPart(context, route, request, response, payloadHash);
  if (method === 'PUT') return putObject(context, route, request, response, payloadHash);
  if (method === 'POST' && query.has('uploads')) return createUpload(context, route, response);
  if (method === 'POST' && query.has('uploadId')) return completeUpload(context, route, request, response, payloadHash);
  if (method === 'GET' && query.has('uploadId')) return listParts(context, route, response);
  if (method === 'GET' || method === 'HEAD') return getObject(context, route, request, response, method === 'HEAD');
  if (method === 'DELETE' && query.has('uploadId')) return abortUpload(context, route, response);
  if (method === 'DELETE') return deleteObject(context, route, response);
  throw new S3Failure(405, 'MethodNotAllowed', `${method} is not allowed here`);
}

/** Receives the body and checks it against the signed payload hash and Content-MD5. */
async function receiveVerified(context: Context, request: HttpRequest, payloadHash: string): Promise<Received> {
  if (request.headers['content-encoding']?.includes('aws-chunked')) throw new S3Failure(501, 'NotImplemented', 'aws-chunked bodies are not supported');
  const received = await context.store.receive(request);
  const md5 = request.headers['content-md5'];
  if (payloadHash !== 'UNSIGNED-PAYLOAD' && payloadHash !== received.sha256) {
    await context.store.discard(received);
    throw new S3Failure(400, 'XAmzContentSHA256Mismatch', 'The provided x-amz-content-sha256 header does not match what was computed');
  }
  if (typeof md5 === 'string' && md5 !== received.md5.toString('base64')) {
    await context.store.discard(received);
    throw new S3Failure(400, 'BadDigest', 'The Content-MD5 you specified did not match what we received');
  }
  return received;
}

async function putObject(context: Context, route: Route, request: HttpRequest, response: HttpResponse, payloadHash: string): Promise<void> {
  if (request.headers['x-amz-copy-source'] !== undefined) throw new S3Failure(501, 'NotImplemented', 'CopyObject is not implemented');
  const received = await receiveVerified(context, request, payloadHash);
  const object = await context.store.putObject(route.key, received);
  context.count('PutObject');
  response.writeHead(200, { ETag: `"${object.etag}"`, 'Content-Length': 0 }).end();
}

function getObject(context: Context, route: Route, request: HttpRequest, response: HttpResponse, headOnly: boolean): void {
  const object = context.store.objects.get(route.key);
  if (object === undefined) throw new S3Failure(404, 'NoSuchKey', 'The specified key does not exist.');
  context.count(headOnly ? 'HeadObject' : 'GetObject');
  const headers: Record<string, string | number> = { ETag: `"${object.etag}"`, 'Last-Modified': object.modified.toUTCString(), 'Accept-Ranges': 'bytes', 'Content-Type': 'application/octet-stream' };
  const range = parseRange(request.headers.range, object.size);
  if (range === 'invalid') throw new S3Failure(416, 'InvalidRange', 'The requested range is not satisfiable');
  const [start, end] = range ?? [0, object.size - 1];
  headers['Content-Length'] = Math.max(0, end - start + 1);
  if (range !== undefined) headers['Content-Range'] = `bytes ${start}-${end}/${object.size}`;
  response.writeHead(range === undefined ? 200 : 206, headers);
  if (headOnly || end < start) {
    response.end();
    return;
  }
  const stream = context.store.read(object, start, end);
  stream.on('error', () => response.destroy());
  stream.pipe(response);
}

function parseRange(header: string | undefined, size: number): [number, number] | 'invalid' | undefined {
  if (header === undefined) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (match === null || (match[1] === '' && match[2] === '')) return undefined;
  if (match[1] === '') return [Math.max(0, size - Number(match[2])), size - 1];
  const start = Number(match[1]);
  if (start >= size) return 'invalid';
  return [start, match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1)];
}

async function deleteObject(context: Context, route: Route, response: HttpResponse): Promise<void> {
  await context.store.deleteObject(route.key);
  context.count('DeleteObject');
  response.writeHead(204).end();
}

function listObjects(context: Context, route: Route, response: HttpResponse): void {
  const { query } = route;
  const prefix = query.get('prefix') ?? '';
  const maxKeys = Math.min(1000, Number(query.get('max-keys') ?? 1000));
  const token = query.get('continuation-token');
  const after = token !== null ? Buffer.from(token, 'base64url').toString('utf8') : (query.get('start-after') ?? '');
  const keys = [...context.store.objects.keys()].filter((key) => key.startsWith(prefix) && key > after).sort(byBytes);
  const page = keys.slice(0, maxKeys);
  const truncated = keys.length > page.length;
  context.count('ListObjectsV2');
  sendXml(response, document('ListBucketResult', {
    Name: context.bucket, Prefix: prefix, KeyCount: page.length, MaxKeys: maxKeys, IsTruncated: truncated,
    ContinuationToken: token ?? undefined,
    NextContinuationToken: truncated ? Buffer.from(page[page.length - 1] ?? '', 'utf8').toString('base64url') : undefined,
    Contents: page.map((key) => {
      const object = context.store.objects.get(key);
      return element('Contents', { Key: key, LastModified: object?.modified.toISOString(), ETag: `"${object?.etag}"`, Size: object?.size, StorageClass: 'STANDARD' });
    }),
  }));
}

// S3 orders keys by their UTF-8 bytes.
function byBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

function createUpload(context: Context, route: Route, response: HttpResponse): void {
  const upload = context.store.createUpload(route.key);
  context.count('CreateMultipartUpload');
  sendXml(response, document('InitiateMultipartUploadResult', { Bucket: context.bucket, Key: route.key, UploadId: upload.uploadId }));
}

function uploadOf(context: Context, route: Route) {
  const upload = context.store.uploads.get(route.query.get('uploadId') ?? '');
  if (upload === undefined || upload.key !== route.key) throw new S3Failure(404, 'NoSuchUpload', 'The specified upload does not exist.');
  return upload;
}

async function uploadPart(context: Context, route: Route, request: HttpRequest, response: HttpResponse, payloadHash: string): Promise<void> {
  const upload = uploadOf(context, route);
  const number = Number(route.query.get('partNumber'));
  if (!Number.isInteger(number) || number < 1 || number > 10_000) throw new S3Failure(400, 'InvalidArgument', 'Part number must be 1 to 10000');
  const received = await receiveVerified(context, request, payloadHash);
  const part = await context.store.putPart(upload, number, received);
  context.count('UploadPart');
  response.writeHead(200, { ETag: `"${part.etag}"`, 'Content-Length': 0 }).end();
}

async function completeUpload(context: Context, route: Route, request: HttpRequest, response: HttpResponse, payloadHash: string): Promise<void> {
  const upload = uploadOf(context, route);
  const received = await receiveVerified(context, request, payloadHash);
  const xml = await fs.readFile(received.file, 'utf8');
  await context.store.discard(received);
  const chosen = completedParts(xml);
  if (chosen.length === 0) throw new S3Failure(400, 'MalformedXML', 'No parts were named');
  const parts = chosen.map(({ number, etag }, index) => {
    const part = upload.parts.get(number);
    if (part === undefined || part.etag !== etag) throw new S3Failure(400, 'InvalidPart', `Part ${number} is missing or its ETag differs`);
    if (index > 0 && (chosen[index - 1]?.number ?? 0) >= number) throw new S3Failure(400, 'InvalidPartOrder', 'Parts must be in ascending order');
    if (index < chosen.length - 1 && part.size < context.minPartSize) throw new S3Failure(400, 'EntityTooSmall', `Part ${number} is smaller than the minimum`);
    return part;
  });
  const object = await context.store.complete(upload, parts);
  context.count('CompleteMultipartUpload');
  sendXml(response, document('CompleteMultipartUploadResult', { Bucket: context.bucket, Key: route.key, ETag: `"${object.etag}"` }));
}

function listParts(context: Context, route: Route, response: HttpResponse): void {
  const upload = uploadOf(context, route);
  const marker = Number(route.query.get('part-number-marker') ?? 0);
  const maxParts = Math.min(1000, Number(route.query.get('max-parts') ?? 1000));
  const all = [...upload.parts.values()].filter((part) => part.number > marker).sort((a, b) => a.number - b.number);
  const page = all.slice(0, maxParts);
  const truncated = all.length > page.length;
  context.count('ListParts');
  sendXml(response, document('ListPartsResult', {
    Bucket: context.bucket, Key: route.key, UploadId: upload.uploadId, PartNumberMarker: marker,
    NextPartNumberMarker: page[page.length - 1]?.number, MaxParts: maxParts, IsTruncated: truncated,
    Part: page.map((part) => element('Part', { PartNumber: part.number, LastModified: part.modified.toISOString(), ETag: `"${part.etag}"`, Size: part.size })),
  }));
}

async function abortUpload(context: Context, route: Route, response: HttpResponse): Promise<void> {
  await context.store.abort(uploadOf(context, route));
  context.count('AbortMultipartUpload');
  response.writeHead(204).end();
}

function listUploads(context: Context, route: Route, response: HttpResponse): void {
  const prefix = route.query.get('prefix') ?? '';
  const keyMarker = route.query.get('key-marker') ?? '';
  const idMarker = route.query.get('upload-id-marker') ?? '';
  const maxUploads = Math.min(1000, Number(route.query.get('max-uploads') ?? 1000));
  const all = [...context.store.uploads.values()]
    .filter((upload) => upload.key.startsWith(prefix))
    .sort((a, b) => byBytes(a.key, b.key) || (a.uploadId < b.uploadId ? -1 : 1))
    .filter((upload) => keyMarker === '' || byBytes(upload.key, keyMarker) > 0 || (upload.key === keyMarker && upload.uploadId > idMarker));
  const page = all.slice(0, maxUploads);
  const truncated = all.length > page.length;
  const last = page[page.length - 1];
  context.count('ListMultipartUploads');
  sendXml(response, document('ListMultipartUploadsResult', {
    Bucket: context.bucket, KeyMarker: keyMarker, UploadIdMarker: idMarker, Prefix: prefix, MaxUploads: maxUploads, IsTruncated: truncated,
    NextKeyMarker: truncated ? last?.key : undefined, NextUploadIdMarker: truncated ? last?.uploadId : undefined,
    Upload: page.map((upload) => element('Upload', { Key: upload.key, UploadId: upload.uploadId, Initiated: upload.initiated.toISOString(), StorageClass: 'STANDARD' })),
  }));
}

function sendXml(response: HttpResponse, xml: string): void {
  const body = Buffer.from(xml, 'utf8');
  response.writeHead(200, { 'Content-Type': 'application/xml', 'Content-Length': body.length }).end(body);
}

function sendError(response: HttpResponse, request: HttpRequest, failure: S3Failure): void {
  const body = request.method === 'HEAD' ? Buffer.alloc(0) : Buffer.from(errorDocument(failure.code, failure.message, request.url ?? '/'), 'utf8');
  response.writeHead(failure.status, { 'Content-Type': 'application/xml', 'Content-Length': body.length, 'x-amz-error-code': failure.code }).end(body);
}

function closeServer(server: HttpServer): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** MD5 of bytes in hex, as S3 ETags of single-part objects. */
export function md5Hex(bytes: Uint8Array): string {
  return createHash('md5').update(bytes).digest('hex');
}
