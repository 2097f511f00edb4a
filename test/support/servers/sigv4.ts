// AWS Signature Version 4 verification for the S3 test server, following the published
// algorithm ("Create a signed AWS API request", AWS IAM User Guide): canonical request →
// string to sign → HMAC chain of the secret over date, region, service, "aws4_request".
// Only the Authorization-header form is accepted (no presigned URLs, no aws-chunked bodies).
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export interface SignedRequest {
  method: string;
  /** The request target as received: path and query, still percent-encoded. */
  target: string;
  /** Raw header pairs as received (Node's `rawHeaders`). */
  rawHeaders: string[];
}

export type SignatureCheck =
  | { ok: true; accessKeyId: string; payloadHash: string }
  | { ok: false; code: 'AccessDenied' | 'InvalidAccessKeyId' | 'SignatureDoesNotMatch' | 'AuthorizationHeaderMalformed' | 'RequestTimeTooSkewed' | 'NotImplemented'; message: string };

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

const AUTH = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

export function verifySignature(request: SignedRequest, credentials: Credentials, region: string, now = Date.now()): SignatureCheck {
  const headers = headerMap(request.rawHeaders);
  const authorization = headers.get('authorization');
  if (authorization === undefined) return { ok: false, code: 'AccessDenied', message: 'Anonymous requests are refused' };
  const match = AUTH.exec(authorization);
  if (match === null) return { ok: false, code: 'AuthorizationHeaderMalformed', message: 'Malformed Authorization header' };
  const [accessKeyId, day, scopeRegion, service, signedHeaderList, signature] = match.slice(1).map((part) => part ?? '') as [string, string, string, string, string, string];
  if (accessKeyId !== credentials.accessKeyId) return { ok: false, code: 'InvalidAccessKeyId', message: 'Unknown access key' };
  if (scopeRegion !== region || service !== 's3') return { ok: false, code: 'AuthorizationHeaderMalformed', message: `Scope must be ${region}/s3` };
  const amzDate = headers.get('x-amz-date') ?? '';
  const signedAt = Date.parse(amzDate.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'));
  if (!amzDate.startsWith(day) || Number.isNaN(signedAt)) return { ok: false, code: 'AuthorizationHeaderMalformed', message: 'x-amz-date missing or not matching the scope' };
  if (Math.abs(now - signedAt) > 15 * 60_000) return { ok: false, code: 'RequestTimeTooSkewed', message: 'Request time too far from server time' };
  const payloadHash = headers.get('x-amz-content-sha256');
  if (payloadHash === undefined) return { ok: false, code: 'AccessDenied', message: 'x-amz-content-sha256 is required' };
  if (payloadHash.startsWith('STREAMING-')) return { ok: false, code: 'NotImplemented', message: 'aws-chunked bodies are not supported by this test server' };
  const signedHeaders = signedHeaderList.split(';');
  if (!signedHeaders.includes('host') || !signedHeaders.includes('x-amz-date')) {
    return { ok: false, code: 'AccessDenied', message: 'host and x-amz-date must be signed' };
  }
  const canonical = canonicalRequest(request, headers, signedHeaders, payloadHash);
  const scope = `${day}/${region}/s3/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonical)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${credentials.secretAccessKey}`, day), region), 's3'), 'aws4_request');
  const expected = Buffer.from(hmac(key, stringToSign).toString('hex'));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { ok: false, code: 'SignatureDoesNotMatch', message: 'The request signature we calculated does not match the signature you provided' };
  }
  return { ok: true, accessKeyId, payloadHash };
}

function canonicalRequest(request: SignedRequest, headers: Map<string, string>, signedHeaders: string[], payloadHash: string): string {
  const question = request.target.indexOf('?');
  const rawPath = question < 0 ? request.target : request.target.slice(0, question);
  const rawQuery = question < 0 ? '' : request.target.slice(question + 1);
  // S3 signs the path encoded once (no double encoding, unlike other services).
  const path = rawPath.split('/').map((segment) => strictEncode(decodeURIComponent(segment))).join('/');
  const query = rawQuery === '' ? '' : rawQuery.split('&').map((pair) => {
    const equals = pair.indexOf('=');
    const name = decodeURIComponent((equals < 0 ? pair : pair.slice(0, equals)).replace(/\+/g, '%20'));
    const value = equals < 0 ? '' : decodeURIComponent(pair.slice(equals + 1).replace(/\+/g, '%20'));
    return [strictEncode(name), strictEncode(value)] as const;
  }).sort(([a, x], [b, y]) => (a === b ? compare(x, y) : compare(a, b))).map(([name, value]) => `${name}=${value}`).join('&');
  const canonicalHeaders = signedHeaders.map((name) => `${name}:${headers.get(name) ?? ''}\n`).join('');
  return [request.method, path, query, canonicalHeaders, signedHeaders.join(';'), payloadHash].join('\n');
}

/** Lower-cased names; repeated headers joined with commas; values trimmed, inner spaces collapsed. */
function headerMap(raw: string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = (raw[i] ?? '').toLowerCase();
    const value = (raw[i + 1] ?? '').trim().replace(/\s+/g, ' ');
    const previous = map.get(name);
    map.set(name, previous === undefined ? value : `${previous},${value}`);
  }
  return map;
}

/** RFC 3986 unreserved characters stay; everything else is %XX in upper case. */
export function strictEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
