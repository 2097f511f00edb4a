// Exports of the activity log: HAR 1.2 (for DevTools and HAR viewers), CSV (spreadsheets) and
// JSONL (scripts). Redacted by default: credentials were never stored, and exports also mask phone
// numbers, message text and access keys; `raw` exports what is stored, on explicit request only.
import * as fs from 'node:fs';
import * as net from 'node:net';
import { once } from 'node:events';
import type { ActivityLog } from './activity-log.ts';
import type { StoredRecord } from './activity-record.ts';
import { rowToRecord, type ActivityRow } from './activity-chain.ts';
import { redactHeaders, redactText, redactUrl } from './redact.ts';

export type ExportFormat = 'har' | 'csv' | 'jsonl';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['har', 'csv', 'jsonl'];

export interface ExportOptions {
  format: ExportFormat;
  /** Export stored values without masking phone numbers, message text or access keys. */
  raw?: boolean;
  since?: number;
  until?: number;
  /** Name and version written into the HAR's `creator`. */
  creator?: { name: string; version: string };
}

/** The record as it may be shown outside Vitre. */
export function exportedRecord(record: StoredRecord, raw: boolean): StoredRecord {
  if (raw) return record;
  const detail = { ...record.detail };
  if (detail.requestHeaders) detail.requestHeaders = redactHeaders(detail.requestHeaders, 'export');
  if (detail.responseHeaders) detail.responseHeaders = redactHeaders(detail.responseHeaders, 'export');
  if (detail.error !== undefined) detail.error = redactText(detail.error, 'export');
  if (detail.command) detail.command = detail.command.map((part) => redactText(part, 'export'));
  if (detail.answers) detail.answers = detail.answers.map((answer) => redactText(answer, 'export'));
  return { ...record, url: redactUrl(record.url, 'export'), reason: redactText(record.reason, 'export'), detail };
}

// Pages of 1,000 by (time, id) rather than one long-running iterator: the connection stays free
// between pages for the guard's own appends while a large export streams out.
function* recordsOf(log: ActivityLog, options: ExportOptions): Generator<StoredRecord> {
  const page = log.db.prepare(
    `SELECT * FROM activity WHERE time >= ? AND time < ? AND (time > ? OR (time = ? AND id > ?))
     ORDER BY time, id LIMIT 1000`,
  );
  let after = { time: -Infinity, id: 0 };
  for (;;) {
    const rows = page.all(options.since ?? -Infinity, options.until ?? Infinity, after.time, after.time, after.id) as ActivityRow[];
    for (const row of rows) yield exportedRecord(rowToRecord(row), options.raw === true);
    const last = rows.at(-1);
    if (last === undefined || rows.length < 1000) return;
    after = { time: last.time, id: last.id };
  }
}

/** Writes the export to `file`, streaming: memory stays flat for any size of log. */
export async function exportActivity(log: ActivityLog, file: string, options: ExportOptions): Promise<number> {
  const out = fs.createWriteStream(file);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  let count = 0;
  if (options.format === 'har') {
    const creator = options.creator ?? { name: 'Vitre', version: '0.1.0' };
    await write(`{"log":{"version":"1.2","creator":${JSON.stringify(creator)},"pages":[],"entries":[`);
    for (const record of recordsOf(log, options)) await write(`${count++ === 0 ? '\n' : ',\n'}${JSON.stringify(harEntry(record))}`);
    await write('\n]}}\n');
  } else if (options.format === 'csv') {
    await write(`${CSV_COLUMNS.join(',')}\r\n`);
    for (const record of recordsOf(log, options)) {
      count++;
      await write(`${csvLine(record)}\r\n`);
    }
  } else {
    for (const record of recordsOf(log, options)) {
      count++;
      await write(`${JSON.stringify(record)}\n`);
    }
  }
  out.end();
  await once(out, 'finish');
  return count;
}

function recordUrl(record: StoredRecord): string {
  if (record.url !== '') return record.url;
  const host = net.isIPv6(record.host) ? `[${record.host}]` : record.host;
  switch (record.kind) {
    case 'process':
      return `process:${encodeURIComponent(record.protocol || 'unknown')}`;
    case 'dns':
      return `dns://${encodeURIComponent(host)}`;
    default:
      return `${record.kind}://${host === '' ? 'unknown' : host}:${record.port}`;
  }
}

const positive = (ms: number) => (ms < 0 ? 0 : ms);

/** One HAR 1.2 entry; Vitre's own fields start with `_` as the spec asks. */
export function harEntry(record: StoredRecord) {
  const url = recordUrl(record);
  const { timings, detail } = record;
  const wait = positive(timings.firstByte);
  const before = positive(timings.dns) + positive(timings.connect);
  const receive = positive(positive(timings.total) - before - positive(timings.tls) - wait);
  let queryString: { name: string; value: string }[] = [];
  try {
    queryString = [...new URL(url).searchParams].map(([name, value]) => ({ name, value }));
  } catch {
    // Non-URL targets (process launches) have no query string.
  }
  const headers = (pairs: [string, string][] | undefined) => (pairs ?? []).map(([name, value]) => ({ name, value }));
  return {
    startedDateTime: new Date(record.time).toISOString(),
    // HAR: the entry's time is the sum of its non-negative timings.
    time: before + positive(timings.tls) + wait + receive,
    request: {
      method: record.method || (record.kind === 'process' ? 'EXEC' : record.kind === 'dns' ? 'QUERY' : 'CONNECT'),
      url,
      httpVersion: detail.httpVersion ?? record.protocol.toUpperCase(),
      cookies: [],
      headers: headers(detail.requestHeaders),
      queryString,
      headersSize: -1,
      bodySize: -1,
    },
    response: {
      status: record.status,
      statusText: detail.statusText ?? (record.verdict === 'blocked' ? 'Blocked by Vitre' : ''),
      httpVersion: detail.httpVersion ?? record.protocol.toUpperCase(),
      cookies: [],
      headers: headers(detail.responseHeaders),
      content: { size: record.bytesDown, mimeType: detail.mimeType ?? 'x-unknown' },
      redirectURL: '',
      headersSize: -1,
      bodySize: -1,
      _transferSize: record.bytesDown,
    },
    cache: {},
    // HAR's connect includes ssl; ours are separate spans, so add them.
    timings: {
      blocked: -1,
      dns: timings.dns,
      connect: timings.connect < 0 ? -1 : timings.connect + positive(timings.tls),
      ssl: timings.tls,
      send: 0,
      wait,
      receive,
    },
    ...(net.isIP(record.host) === 0 ? {} : { serverIPAddress: record.host }),
    ...(record.verdict === 'blocked' ? { _error: record.reason } : detail.error === undefined ? {} : { _error: detail.error }),
    _id: record.id,
    _kind: record.kind,
    _verdict: record.verdict,
    _reason: record.reason,
    _purpose: record.purpose,
    _bytesUp: record.bytesUp,
    _bytesDown: record.bytesDown,
    ...(detail.command === undefined ? {} : { _command: detail.command }),
    ...(detail.answers === undefined ? {} : { _answers: detail.answers }),
  };
}

const CSV_COLUMNS = [
  'id', 'time', 'kind', 'verdict', 'reason', 'host', 'port', 'protocol', 'method', 'url', 'status', 'bytes_up', 'bytes_down',
  'dns_ms', 'connect_ms', 'tls_ms', 'first_byte_ms', 'total_ms', 'job', 'category', 'destination', 'module', 'pid', 'thread', 'command',
];

function csvField(value: string | number | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return String(value);
  // A leading = + - @ would run as a formula in a spreadsheet (CSV injection): neutralise it.
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function csvLine(record: StoredRecord): string {
  const { timings: t, purpose: p } = record;
  return [
    record.id, new Date(record.time).toISOString(), record.kind, record.verdict, record.reason, record.host, record.port,
    record.protocol, record.method, record.url, record.status, record.bytesUp, record.bytesDown,
    t.dns, t.connect, t.tls, t.firstByte, t.total, p.job, p.category, p.destination, p.module, record.pid, record.thread,
    record.detail.command?.join(' '),
  ].map(csvField).join(',');
}
