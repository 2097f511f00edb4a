// Reads a content provider through `adb shell content query`, one page at a time, paged by key
// (`_id > last ORDER BY _id LIMIT n`): never one giant query, and memory stays one page deep.
// The call log's provider rejects LIMIT in the sort order (CallLogProvider uses a strict
// SQLiteQueryBuilder), so it is paged with `?limit=` on the URI instead.
import type { Device } from '../device/index.ts';
import type { ContentColumnSpec } from './formats/content-row-fields.ts';
import { ContentRowsParser, projectionArgument, type ContentRow } from './formats/content-rows.ts';

export const PAGE_SIZE = 500;

export interface ContentQuery {
  uri: string;
  /** Must start with the integer key column (`_id`, or the one named by `key`). */
  projection: readonly ContentColumnSpec[];
  where?: string;
  /** The key to page by; default `_id`. */
  key?: string;
  /** 'uri' for providers that refuse LIMIT in the sort order (the call log). */
  limitIn?: 'sort' | 'uri';
  pageSize?: number;
  signal?: AbortSignal;
}

/** Quotes one argument for the phone's `sh` (toybox/mksh): single quotes, `'` as `'\''`. */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", "'\\''")}'`;
}

/** One `content query` run, parsed as it streams; throws ContentQueryError when refused. */
export async function queryOnce(device: Device, args: string, projection: readonly ContentColumnSpec[], signal?: AbortSignal): Promise<ContentRow[]> {
  const parser = new ContentRowsParser(projection);
  const rows: ContentRow[] = [];
  let received = 0;
  const result = await device.shell(`content query ${args}`, {
    ...(signal ? { signal } : {}),
    onStdout: (chunk) => {
      received += chunk.length;
      rows.push(...parser.push(chunk));
    },
  });
  // Content.java prints failures on stderr on some builds and stdout on others: read either.
  if (received === 0) parser.push(result.stderr);
  rows.push(...parser.end());
  return rows;
}

/** Every row, page by page, in key order. */
export async function* queryPaged(device: Device, query: ContentQuery): AsyncGenerator<ContentRow> {
  const key = query.key ?? '_id';
  const size = query.pageSize ?? PAGE_SIZE;
  let after: string | undefined;
  for (;;) {
    const conditions = [query.where, after === undefined ? undefined : `${key}>${after}`].filter(Boolean);
    const uri = query.limitIn === 'uri' ? `${query.uri}?limit=${size}` : query.uri;
    const sort = query.limitIn === 'uri' ? `${key} ASC` : `${key} ASC LIMIT ${size}`;
    const args = [
      `--uri ${shellQuote(uri)}`,
      `--projection ${shellQuote(projectionArgument(query.projection))}`,
      conditions.length > 0 ? `--where ${shellQuote(conditions.map((c) => `(${c})`).join(' AND '))}` : '',
      `--sort ${shellQuote(sort)}`,
    ].filter(Boolean);
    const rows = await queryOnce(device, args.join(' '), query.projection, query.signal);
    yield* rows;
    const last = rows.at(-1)?.[key];
    if (rows.length < size || last === undefined || last === null) return;
    after = last;
  }
}

/** The bytes of `content read --uri URI` (a contact photo, an MMS attachment), or undefined if none. */
export async function readContent(device: Device, uri: string, signal?: AbortSignal): Promise<Uint8Array | undefined> {
  const chunks: Uint8Array[] = [];
  const result = await device.shell(`content read --uri ${shellQuote(uri)}`, {
    ...(signal ? { signal } : {}),
    onStdout: (chunk) => {
      chunks.push(chunk.slice());
    },
  });
  const bytes = Buffer.concat(chunks);
  // A missing file is "Error while accessing provider... FileNotFoundException" (on stderr, or on
  // stdout on builds that print there): no data rather than data.
  const failed = /^Error while accessing provider/.test(bytes.subarray(0, 64).toString('latin1'));
  if (bytes.length === 0 || failed || (result.exitCode !== null && result.exitCode !== 0)) return undefined;
  return bytes;
}
