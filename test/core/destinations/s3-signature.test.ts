// The S3 test server is only a fair judge if it really checks SigV4: a wrong secret, a header
// changed after signing, a body changed after signing and an unsigned request must all fail,
// while the untouched request succeeds. Also: a refused secret never appears in the error.
import { HeadBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DestinationError } from '../../../main/core/destinations/destination-error.ts';
import { startS3TestServer, type S3TestServer } from '../../support/servers/s3-test-server.ts';
import { openTestBucket } from './s3-support.ts';

let server: S3TestServer;
beforeAll(async () => {
  server = await startS3TestServer();
});
afterAll(async () => server?.close());

type Request = { headers: Record<string, string>; body?: unknown };

/** A raw SDK client whose signed requests can be altered afterwards, as an attacker on the wire would. */
function client(options: { secret?: string; tamper?: (request: Request) => void } = {}): S3Client {
  const s3 = new S3Client({
    endpoint: server.endpoint, region: server.region, forcePathStyle: true, maxAttempts: 1,
    credentials: { accessKeyId: server.credentials.accessKeyId, secretAccessKey: options.secret ?? server.credentials.secretAccessKey },
    requestChecksumCalculation: 'WHEN_REQUIRED',
  });
  const tamper = options.tamper;
  if (tamper !== undefined) {
    type Handler = (args: { request: unknown }) => Promise<unknown>;
    const middleware = (next: Handler): Handler => async (args) => {
      tamper(args.request as Request);
      return next(args);
    };
    s3.middlewareStack.addRelativeTo(middleware as unknown as Parameters<typeof s3.middlewareStack.addRelativeTo>[0], { relation: 'after', toMiddleware: 'httpSigningMiddleware', name: 'tamper', override: true });
  }
  return s3;
}

async function outcome(s3: S3Client, body = 'signed body'): Promise<string> {
  try {
    await s3.send(new PutObjectCommand({ Bucket: server.bucket, Key: 'signature/object', Body: body }));
    return 'stored';
  } catch (error) {
    return (error as { name?: string }).name ?? 'error';
  } finally {
    s3.destroy();
  }
}

describe('the S3 test server checks SigV4 signatures', () => {
  it('accepts a correctly signed request', async () => {
    expect(await outcome(client())).toBe('stored');
  });

  it('refuses a request signed with the wrong secret', async () => {
    expect(await outcome(client({ secret: 'not-the-secret-0123456789' }))).toBe('SignatureDoesNotMatch');
  });

  it('refuses a request whose signed header was changed after signing', async () => {
    const shifted = (date: string) => date.replace(/\d\dZ$/, (seconds) => (seconds === '00Z' ? '01Z' : '00Z'));
    const tampered = client({ tamper: (request) => { request.headers['x-amz-date'] = shifted(request.headers['x-amz-date'] ?? ''); } });
    expect(await outcome(tampered, 'x'.repeat(20))).toBe('SignatureDoesNotMatch');
    const otherKey = client({ tamper: (request) => { request.headers['x-amz-content-sha256'] = 'UNSIGNED-PAYLOAD'; } });
    expect(await outcome(otherKey)).toBe('SignatureDoesNotMatch');
  });

  it('refuses a body changed after signing', async () => {
    const tampered = client({ tamper: (request) => { request.body = 'forged body'; } });
    expect(await outcome(tampered)).toBe('XAmzContentSHA256Mismatch');
  });

  it('refuses an unsigned request', async () => {
    const unsigned = client({ tamper: (request) => { delete request.headers.authorization; } });
    expect(await outcome(unsigned)).toBe('AccessDenied');
  });

  it('counts refused signatures', async () => {
    const s3 = client({ secret: 'wrong-secret-again-0123456789' });
    await s3.send(new HeadBucketCommand({ Bucket: server.bucket })).catch(() => undefined);
    s3.destroy();
    expect(server.stats.get('SignatureRejected')).toBeGreaterThanOrEqual(5);
  });
});

describe('a destination with a wrong secret', () => {
  it('fails at once with a permanent, actionable error that does not contain the secret', async () => {
    const secret = 'my-very-private-secret-key-4242';
    const destination = openTestBucket(server, { secret });
    const error = await destination.put('x', Buffer.from('data')).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(DestinationError);
    expect((error as DestinationError).kind).toBe('unauthorized');
    expect((error as DestinationError).permanent).toBe(true);
    expect((error as DestinationError).message).toMatch(/Check both/);
    const everything = JSON.stringify(error, Object.getOwnPropertyNames(error)) + String((error as Error).stack) + String((error as Error).cause);
    expect(everything).not.toContain(secret);
    await destination.close();
  });
});
