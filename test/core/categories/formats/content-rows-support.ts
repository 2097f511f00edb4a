// Test helpers for content query output: a printer that mimics Content.java, an exhaustive
// reference parser that lists *every* reading of a text, and a generator of hostile values.
import type { ContentColumn } from '../../../../main/core/categories/formats/content-row-fields.ts';

export type PrintedValue = string | null;

/** Prints rows exactly as Content.java's QueryCommand does (null → NULL, ", " joins, println). */
export function printRows(columns: readonly ContentColumn[], rows: readonly PrintedValue[][]): string {
  if (rows.length === 0) return 'No result found.\n';
  return rows
    .map((row, i) => `Row: ${i} ${columns.map((c, k) => `${c.name}=${row[k] ?? 'NULL'}`).join(', ')}\n`)
    .join('');
}

function fits(kind: ContentColumn['kind'], text: string): boolean {
  if (kind === 'text' || text === 'NULL') return true;
  return /^-?\d+$/.test(text);
}

/**
 * Every way `text` splits into rows of `columns` (as printed strings), up to `limit` readings.
 * Brute force, independent of the parser under test.
 */
export function allReadings(text: string, columns: readonly ContentColumn[], limit = 50): string[][][] {
  const readings: string[][][] = [];
  const first = columns[0]!.name;
  const rows: string[][] = [];

  const readColumn = (at: number, rowIndex: number, k: number, values: string[]): void => {
    if (readings.length >= limit) return;
    const column = columns[k]!;
    if (k < columns.length - 1) {
      const separator = `, ${columns[k + 1]!.name}=`;
      for (let q = text.indexOf(separator, at); q !== -1; q = text.indexOf(separator, q + 1)) {
        const value = text.slice(at, q);
        if (fits(column.kind, value)) readColumn(q + separator.length, rowIndex, k + 1, [...values, value]);
      }
      return;
    }
    for (let q = text.indexOf('\n', at); q !== -1; q = text.indexOf('\n', q + 1)) {
      const value = text.slice(at, q);
      if (!fits(column.kind, value)) continue;
      rows.push([...values, value]);
      if (q === text.length - 1) readings.push(rows.map((r) => [...r]));
      else readRow(q + 1, rowIndex + 1);
      rows.pop();
    }
  };
  const readRow = (at: number, rowIndex: number): void => {
    const prefix = `Row: ${rowIndex} ${first}=`;
    if (text.startsWith(prefix, at)) readColumn(at + prefix.length, rowIndex, 0, []);
  };
  readRow(0, 0);
  return readings;
}

/** A small seeded PRNG (mulberry32) so a failing case can be replayed from its seed. */
export function randomSource(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A text value built from the separators a naive parser trips on. */
export function hostileText(random: () => number, columns: readonly ContentColumn[], maxTokens = 6): string {
  const first = columns[0]!.name;
  const tokens = [
    'a', 'Zé', '😀', ' ', '  ', ', ', ',', '\n', '\r\n', '\t', '=', 'NULL', 'BLOB', 'Row: ', '\nRow: ',
    ...columns.map((c) => `, ${c.name}=`),
    ...[0, 1, 2, 3].map((k) => `\nRow: ${k} ${first}=`),
    '12', '-5',
  ];
  let text = '';
  const count = Math.floor(random() * (maxTokens + 1));
  for (let i = 0; i < count; i += 1) text += tokens[Math.floor(random() * tokens.length)];
  return text;
}

/** Splits text into random byte chunks (cutting through UTF-8 sequences on purpose). */
export function randomChunks(text: string, random: () => number): Uint8Array[] {
  const bytes = new TextEncoder().encode(text);
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; ) {
    const size = 1 + Math.floor(random() * 9);
    chunks.push(bytes.subarray(at, at + size));
    at += size;
  }
  return chunks;
}
