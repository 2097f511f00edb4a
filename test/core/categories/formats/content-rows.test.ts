import { describe, expect, it } from 'vitest';
import {
  ContentOutputError,
  ContentRowsParser,
  parseContentRows,
  projectionArgument,
  type ContentRow,
} from '../../../../main/core/categories/formats/content-rows.ts';
import { ContentQueryError } from '../../../../main/core/categories/formats/content-query-error.ts';
import type { ContentColumn } from '../../../../main/core/categories/formats/content-row-fields.ts';
import {
  allReadings,
  hostileText,
  printRows,
  randomChunks,
  randomSource,
  type PrintedValue,
} from './content-rows-support.ts';

const SMS: ContentColumn[] = [
  { name: '_id', kind: 'integer' },
  { name: 'address', kind: 'text' },
  { name: 'date', kind: 'integer' },
  { name: 'body', kind: 'text' },
];

async function collect(chunks: Iterable<Uint8Array | string>, columns: readonly ContentColumn[]): Promise<ContentRow[]> {
  const rows: ContentRow[] = [];
  for await (const row of parseContentRows(chunks, columns)) rows.push(row);
  return rows;
}

function asPrinted(columns: readonly ContentColumn[], rows: readonly ContentRow[]): PrintedValue[][] {
  return rows.map((row) => columns.map((c) => row[c.name] ?? null));
}

describe('content query output', () => {
  it('reads rows keyed by the projected columns, NULL as null', async () => {
    const text = 'Row: 0 _id=1, address=+331234, date=1700000000000, body=Hello\nRow: 1 _id=2, address=NULL, date=NULL, body=\n';
    expect(await collect([text], SMS)).toEqual([
      { _id: '1', address: '+331234', date: '1700000000000', body: 'Hello' },
      { _id: '2', address: null, date: null, body: '' },
    ]);
  });

  it('reads "No result found." as no rows', async () => {
    expect(await collect(['No result', ' found.\n'], SMS)).toEqual([]);
  });

  it('keeps message bodies that contain separators, fake rows and trailing spaces exactly', async () => {
    const rows: PrintedValue[][] = [
      ['1', 'Bob, address=Alice', '5', 'see you, address=+1, date=7 '],
      ['2', ' +44 ', '6', 'line one\nRow: 3 _id=9, address=x\nRow: 2 _id=z, address=\nRow: 2 _id=9, date=1'],
      ['3', '', '7', 'ends with spaces and a line break  \n'],
      ['4', 'a\r\nb', '8', '😀, date=, body=\t'],
    ];
    const text = printRows(SMS, rows);
    const parsed = await collect([text], SMS);
    expect(asPrinted(SMS, parsed)).toEqual(rows);
  });

  it('reads the same rows whatever the chunk boundaries, including inside UTF-8 sequences', async () => {
    const rows: PrintedValue[][] = [
      ['1', 'Zoë', '5', 'naïve 😀 body, address=x'],
      ['2', '日本', '6', 'a\nRow: 2 _id=1'],
    ];
    const text = printRows(SMS, rows);
    const random = randomSource(7);
    for (let run = 0; run < 50; run += 1) {
      expect(asPrinted(SMS, await collect(randomChunks(text, random), SMS))).toEqual(rows);
    }
  });

  /**
   * Parses the printed table from random chunks and checks it against every reading of the text.
   * A text column last in the projection can always swallow the rows after it, so a table always
   * has readings with fewer rows; the parser prefers structure (a row boundary where one fits).
   * Returns whether the original was the only reading with the most rows, i.e. recoverable.
   */
  async function checkTable(columns: ContentColumn[], rows: PrintedValue[][], random: () => number): Promise<boolean> {
    const text = printRows(columns, rows);
    const parsed = asPrinted(columns, await collect(randomChunks(text, random), columns));
    if (rows.length === 0) {
      expect(parsed).toEqual([]);
      return true;
    }
    const readings = allReadings(text, columns, 500);
    const printed = parsed.map((row) => row.map((v) => v ?? 'NULL'));
    expect(readings, JSON.stringify(text)).toContainEqual(printed);
    const most = Math.max(...readings.map((r) => r.length));
    const original = rows.map((row) => row.map((v) => v ?? 'NULL'));
    const fullest = readings.filter((r) => r.length === most);
    if (fullest.length !== 1 || JSON.stringify(fullest[0]) !== JSON.stringify(original)) return false;
    expect(printed, JSON.stringify(text)).toEqual(original);
    return true;
  }

  it('property: on generated hostile values it returns a reading, and the original when recoverable', async () => {
    const pool: ContentColumn[] = [
      { name: '_id', kind: 'integer' },
      { name: 'address', kind: 'text' },
      { name: 'date', kind: 'integer' },
      { name: 'body', kind: 'text' },
      { name: 'subject', kind: 'text' },
    ];
    const random = randomSource(20261129);
    let recovered = 0;
    const cases = 1500;
    for (let n = 0; n < cases; n += 1) {
      const size = 1 + Math.floor(random() * 4);
      const start = Math.floor(random() * pool.length);
      const columns = Array.from({ length: size }, (_, i) => pool[(start + i) % pool.length]!);
      const rows: PrintedValue[][] = Array.from({ length: Math.floor(random() * 4) }, () =>
        columns.map((c) => {
          if (c.kind === 'text') return hostileText(random, columns);
          return random() < 0.1 ? null : String(Math.floor(random() * 1000));
        }),
      );
      if (await checkTable(columns, rows, random)) recovered += 1;
    }
    // These values are far denser in separators than real messages (measured 0.86 recovered);
    // what is not recovered prints the same bytes as another table, so no parser could tell.
    expect(recovered / cases).toBeGreaterThan(0.8);
  });

  it('property: with _id first and a number between text columns, hostile values are recovered', async () => {
    const random = randomSource(42);
    let recovered = 0;
    const cases = 1000;
    for (let n = 0; n < cases; n += 1) {
      const rows: PrintedValue[][] = Array.from({ length: 1 + Math.floor(random() * 4) }, (_, i) => [
        String(i + 1),
        hostileText(random, SMS),
        String(Math.floor(random() * 1e13)),
        hostileText(random, SMS),
      ]);
      if (await checkTable(SMS, rows, random)) recovered += 1;
    }
    // Measured: every one of the 1000 generated tables.
    expect(recovered).toBe(cases);
  });

  it('streams 50,000 rows from small chunks holding only a row or two at a time', async () => {
    const columns = SMS;
    const count = 50_000;
    function* output(): Generator<string> {
      for (let i = 0; i < count; i += 1) {
        const line = `Row: ${i} _id=${i + 1}, address=+3361234${i % 100}, date=${1_700_000_000_000 + i}, body=message ${i}, date=soon\n`;
        // Cut each line in two so rows straddle chunks.
        yield line.slice(0, 17);
        yield line.slice(17);
      }
    }
    const parser = new ContentRowsParser(columns);
    let seen = 0;
    const started = performance.now();
    for (const chunk of output()) {
      for (const row of parser.push(chunk)) {
        expect(row._id).toBe(String(seen + 1));
        seen += 1;
      }
    }
    seen += parser.end().length;
    const elapsed = performance.now() - started;
    expect(seen).toBe(count);
    expect(elapsed).toBeLessThan(20_000);
  });

  it('says a provider refused the shell user, with the provider and permission', async () => {
    const output =
      'Error while accessing provider:sms\n' +
      'java.lang.SecurityException: Permission Denial: opening provider com.android.providers.telephony.SmsProvider ' +
      'from (null) (pid=4242, uid=2000) requires android.permission.READ_SMS or android.permission.WRITE_SMS\n' +
      '\tat android.os.Parcel.createExceptionOrNull(Parcel.java:2425)\n';
    const error = await collect([output], SMS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContentQueryError);
    const failure = (error as ContentQueryError).failure;
    expect(failure).toMatchObject({ kind: 'provider-denied', provider: 'sms', permission: 'android.permission.READ_SMS', permanent: true });
    expect(failure.message).toMatch(/Not allowed on this phone/);
    expect(failure.message).toMatch(/What to try/);
  });

  it('tells a missing provider from a rejected query', async () => {
    const missing = 'Error while accessing provider:notes\njava.lang.IllegalStateException: Could not find provider: notes\n';
    const rejected =
      'Error while accessing provider:call_log\njava.lang.IllegalArgumentException: Invalid token LIMIT\n';
    const a = await collect([missing], SMS).catch((e: unknown) => e);
    const b = await collect([rejected], SMS).catch((e: unknown) => e);
    expect((a as ContentQueryError).failure).toMatchObject({ kind: 'provider-missing', provider: 'notes' });
    expect((b as ContentQueryError).failure).toMatchObject({ kind: 'query-rejected', provider: 'call_log' });
  });

  it('fails with a typed error on cut-off or foreign output', async () => {
    const cut = await collect(['Row: 0 _id=1, address=a, date=2, body=no line break'], SMS).catch((e: unknown) => e);
    expect(cut).toBeInstanceOf(ContentOutputError);
    expect((cut as ContentOutputError).kind).toBe('truncated-output');
    const foreign = await collect(['/system/bin/sh: content: not found\n'], SMS).catch((e: unknown) => e);
    expect((foreign as ContentOutputError).kind).toBe('unreadable-output');
    const nothing = await collect([], SMS).catch((e: unknown) => e);
    expect((nothing as ContentOutputError).kind).toBe('truncated-output');
    const wrongColumns = await collect(['Row: 0 _id=1, thread_id=4\n'], SMS).catch((e: unknown) => e);
    expect((wrongColumns as ContentOutputError).kind).toBe('unreadable-output');
  });

  it('builds the --projection argument from the column names', () => {
    expect(projectionArgument(SMS)).toBe('_id:address:date:body');
  });
});
