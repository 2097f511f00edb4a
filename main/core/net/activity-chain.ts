// The hash chain: each record's hash covers the previous record's hash and every stored column
// of the record, including its id, so an edited, inserted or deleted row breaks the chain at
// exactly that place.
import { createHash } from 'node:crypto';
import type { ActivityRecord, StoredRecord } from './activity-record.ts';

export const GENESIS_HASH = '0'.repeat(64);

/** A record as a row of the `activity` table, column for column. */
export interface ActivityRow {
  id: number;
  time: number;
  kind: string;
  verdict: string;
  reason: string;
  host: string;
  port: number;
  protocol: string;
  method: string;
  url: string;
  status: number;
  bytes_up: number;
  bytes_down: number;
  dns_ms: number;
  connect_ms: number;
  tls_ms: number;
  first_byte_ms: number;
  total_ms: number;
  job: string | null;
  category: string | null;
  destination: string | null;
  module: string | null;
  pid: number;
  thread: number;
  detail: string;
  hash: string;
}

export const ROW_COLUMNS = [
  'id', 'time', 'kind', 'verdict', 'reason', 'host', 'port', 'protocol', 'method', 'url', 'status',
  'bytes_up', 'bytes_down', 'dns_ms', 'connect_ms', 'tls_ms', 'first_byte_ms', 'total_ms',
  'job', 'category', 'destination', 'module', 'pid', 'thread', 'detail',
] as const satisfies readonly (keyof ActivityRow)[];

export function recordToRow(id: number, record: ActivityRecord, previousHash: string): ActivityRow {
  const row: Omit<ActivityRow, 'hash'> = {
    id,
    time: Math.trunc(record.time),
    kind: record.kind,
    verdict: record.verdict,
    reason: record.reason,
    host: record.host,
    port: Math.trunc(record.port),
    protocol: record.protocol,
    method: record.method,
    url: record.url,
    status: Math.trunc(record.status),
    bytes_up: Math.trunc(record.bytesUp),
    bytes_down: Math.trunc(record.bytesDown),
    dns_ms: record.timings.dns,
    connect_ms: record.timings.connect,
    tls_ms: record.timings.tls,
    first_byte_ms: record.timings.firstByte,
    total_ms: record.timings.total,
    job: record.purpose.job ?? null,
    category: record.purpose.category ?? null,
    destination: record.purpose.destination ?? null,
    module: record.purpose.module ?? null,
    pid: record.pid,
    thread: record.thread,
    detail: JSON.stringify(record.detail),
  };
  return { ...row, hash: rowHash(previousHash, row) };
}

export function rowHash(previousHash: string, row: Omit<ActivityRow, 'hash'>): string {
  const values = ROW_COLUMNS.map((column) => row[column]);
  return createHash('sha256').update(previousHash).update('\n').update(JSON.stringify(values)).digest('hex');
}

export function rowToRecord(row: ActivityRow): StoredRecord {
  const purpose: StoredRecord['purpose'] = {};
  if (row.job !== null) purpose.job = row.job;
  if (row.category !== null) purpose.category = row.category;
  if (row.destination !== null) purpose.destination = row.destination;
  if (row.module !== null) purpose.module = row.module;
  return {
    id: row.id,
    hash: row.hash,
    time: row.time,
    kind: row.kind as StoredRecord['kind'],
    verdict: row.verdict as StoredRecord['verdict'],
    reason: row.reason,
    host: row.host,
    port: row.port,
    protocol: row.protocol,
    method: row.method,
    url: row.url,
    status: row.status,
    bytesUp: row.bytes_up,
    bytesDown: row.bytes_down,
    timings: { dns: row.dns_ms, connect: row.connect_ms, tls: row.tls_ms, firstByte: row.first_byte_ms, total: row.total_ms },
    purpose,
    pid: row.pid,
    thread: row.thread,
    detail: JSON.parse(row.detail) as StoredRecord['detail'],
  };
}
