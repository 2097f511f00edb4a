// Exports: HAR 1.2 that validates against har-schema and carries every field Chromium DevTools'
// HAR importer requires, CSV and JSONL; and no planted secret or phone number in a default export.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportActivity, type ExportFormat } from '../../../main/core/net/activity-export.ts';
import { openActivityLog, type ActivityLog } from '../../../main/core/net/activity-log.ts';
import { countActivity } from '../../../main/core/net/activity-query.ts';
import { makeRecord, type ActivityRecord } from '../../../main/core/net/activity-record.ts';
import { installEgressGuard } from '../../../main/core/net/egress-guard.ts';
import type { TcpServer } from '../../../main/core/net/tcp.ts';
import { startLoopbackServer } from './test-server.ts';
import { sampleRecord } from './sample-records.ts';
import { harValidator } from '../../support/har-validator.ts';

// Planted in a real request (through the guard) and in a process launch; none may appear in a
// default export.
const SECRETS = {
  signature: 'deadbeefcafe0123456789',
  accessKey: 'AKIAIOSFODNN7EXAMPLE',
  authorization: 'AWS4-HMAC-SHA256',
  cookie: 's3cr3tcookie',
  serverCookie: 'servercookie123',
  message: 'Meet me at the station',
  token: 'ya29.tokentokentoken',
};
const PHONES = ['+33 6 12 34 56 78', '33612345678', '06 98 76 54 32', '0698765432'];

let home: string;
let log: ActivityLog;
let server: TcpServer;

async function recordRealRequest(): Promise<ActivityRecord[]> {
  const started = await startLoopbackServer();
  server = started.server;
  const records: ActivityRecord[] = [];
  const guard = installEgressGuard({ rules: [{ protocol: 'tcp', host: '127.0.0.1', port: started.port, why: 'test server' }], record: (r) => records.push(r), children: false });
  try {
    const query = `X-Amz-Signature=${SECRETS.signature}&X-Amz-Credential=${SECRETS.accessKey}%2F20261128&body=${encodeURIComponent(SECRETS.message)}&address=%2B33612345678&access_token=${SECRETS.token}&page=2`;
    // eslint-disable-next-line no-restricted-globals -- the guard under test must capture what fetch sends
    const response = await fetch(`http://127.0.0.1:${started.port}/upload/${encodeURIComponent(PHONES[0]!)}/photo.jpg?${query}`, {
      method: 'PUT',
      body: 'x'.repeat(1000),
      headers: { Authorization: `${SECRETS.authorization} Credential=${SECRETS.accessKey}/20261128`, Cookie: `session=${SECRETS.cookie}`, 'X-Client': SECRETS.accessKey },
    });
    await response.text();
    await new Promise((resolve) => setTimeout(resolve, 50));
  } finally {
    guard.uninstall();
  }
  return records;
}

beforeAll(async () => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'vitre-export-'));
  log = openActivityLog(home);
  const real = await recordRealRequest();
  log.append([
    ...Array.from({ length: 5 }, (_, i) => sampleRecord(i)),
    ...real,
    makeRecord({ kind: 'process', verdict: 'allowed', reason: 'allowed: a program Vitre starts', protocol: 'adb', detail: { command: ['adb', 'shell', 'content', 'query', '--uri', 'content://sms', '--where', `address='${PHONES[2]}'`] } }),
    makeRecord({ kind: 'dns', verdict: 'blocked', reason: 'blocked: looking up "telemetry.example.net" …', host: 'telemetry.example.net', port: 53, protocol: 'dns' }),
    makeRecord({ kind: 'tcp', verdict: 'blocked', reason: 'blocked: tcp to 192.0.2.1:443 …', host: '192.0.2.1', port: 443, protocol: 'tls' }),
    makeRecord({ kind: 'udp', verdict: 'blocked', reason: 'blocked: udp to [2001:db8::1]:53 …', host: '2001:db8::1', port: 53, protocol: 'udp', detail: { error: `call ${PHONES[3]}` } }),
  ]);
});
afterAll(() => {
  server.close();
  log.close();
  fs.rmSync(home, { recursive: true, force: true });
});

async function exportText(format: ExportFormat, raw = false): Promise<string> {
  const file = path.join(home, `activity-${raw ? 'raw' : 'default'}.${format}`);
  await exportActivity(log, file, { format, raw });
  return fs.readFileSync(file, 'utf8');
}


// The fields Chromium DevTools' HAR importer reads as required (front_end/models/har/HARFormat.ts:
// HARLog, HAREntry, HARRequest, HARResponse, HARTimings call importRequiredField for these).
const DEVTOOLS_REQUIRED = {
  log: ['version', 'creator', 'entries'],
  entry: ['startedDateTime', 'time', 'request', 'response', 'timings'],
  request: ['method', 'url', 'httpVersion', 'cookies', 'headers', 'queryString', 'headersSize', 'bodySize'],
  response: ['status', 'statusText', 'httpVersion', 'cookies', 'headers', 'content', 'redirectURL', 'headersSize', 'bodySize'],
  timings: ['send', 'wait', 'receive'],
};

describe('activity exports', () => {
  it('HAR validates against the HAR 1.2 schema and has what DevTools import requires', async () => {
    const har = JSON.parse(await exportText('har')) as { log: { entries: Record<string, Record<string, unknown>>[] } & Record<string, unknown> };
    const validate = harValidator();
    expect(validate(har), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    for (const field of DEVTOOLS_REQUIRED.log) expect(har.log).toHaveProperty(field);
    expect(har.log.entries).toHaveLength(countActivity(log));
    for (const entry of har.log.entries) {
      for (const field of DEVTOOLS_REQUIRED.entry) expect(entry).toHaveProperty(field);
      for (const field of DEVTOOLS_REQUIRED.request) expect(entry.request).toHaveProperty(field);
      for (const field of DEVTOOLS_REQUIRED.response) expect(entry.response).toHaveProperty(field);
      for (const field of DEVTOOLS_REQUIRED.timings) expect(entry.timings).toHaveProperty(field);
      expect(Date.parse(String(entry.startedDateTime))).not.toBeNaN();
      expect(['allowed', 'blocked']).toContain(entry._verdict);
      expect(entry).toHaveProperty('_purpose');
    }
  });

  it('HAR carries the real request: method, status, bytes, purpose', async () => {
    const har = JSON.parse(await exportText('har')) as { log: { entries: { request: { method: string; url: string }; response: { status: number }; _bytesUp: number; _purpose: object }[] } };
    const put = har.log.entries.find((e) => e.request.method === 'PUT' && e.request.url.includes('/upload/'));
    expect(put?.response.status).toBe(200);
    expect(put?._bytesUp).toBeGreaterThan(1000);
    expect(put?.request.url).toContain('page=2');
  });

  it('CSV has a header and one line per record; JSONL one record per line', async () => {
    const csv = (await exportText('csv')).trimEnd().split('\r\n');
    expect(csv[0]).toMatch(/^id,time,kind,verdict,reason,host,port/);
    expect(csv).toHaveLength(countActivity(log) + 1);
    const jsonl = (await exportText('jsonl')).trimEnd().split('\n').map((line) => JSON.parse(line) as { id: number; hash: string });
    expect(jsonl).toHaveLength(countActivity(log));
    expect(jsonl[0]?.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('default exports contain no credential, access key, message text or phone number', async () => {
    for (const format of ['har', 'csv', 'jsonl'] as const) {
      const text = await exportText(format);
      for (const secret of [...Object.values(SECRETS), ...PHONES, encodeURIComponent(SECRETS.message), encodeURIComponent(PHONES[0]!)]) {
        expect(text.includes(secret), `${format} export contains "${secret}"`).toBe(false);
      }
      expect(text).toContain('[redacted]');
    }
  });

  it('raw exports, on request, keep phone numbers and message text but still no credential', async () => {
    const text = await exportText('jsonl', true);
    expect(text).toContain(PHONES[2]);
    expect(text).toContain('33612345678');
    for (const secret of [SECRETS.signature, SECRETS.accessKey, SECRETS.cookie, SECRETS.serverCookie, SECRETS.token, SECRETS.authorization]) {
      expect(text.includes(secret), `raw export contains "${secret}"`).toBe(false);
    }
  });
});
