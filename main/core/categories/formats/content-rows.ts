// Streams the rows out of `adb shell content query --uri U --projection a:b:c` output.
//
// Content.java prints `Row: N a=..., b=..., c=...` then a line break per row (N counts from 0),
// `No result found.` for an empty result, and strings raw. So neither ", " nor a line break
// delimits anything for sure; only the structure we asked for does. The rules, in order:
//  - row N+1 can start only at a line break followed by `Row: N+1 a=` (the first projected column);
//  - a row's text must split into exactly the projected columns, each fitting its kind
//    (see content-row-fields.ts);
//  - a row boundary is accepted only if the row after it can also be split (one row of lookahead),
//    so a message body that contains "\nRow: 3 _id=" text does not end the row early.
// Among splits that fit, the earliest wins. Text that fits two splits is truly ambiguous (the
// phone printed the same bytes for two different tables). With an integer column such as `_id`
// first and a number after each text column, only text imitating a whole column with its number
// (", type=2, subject=") is ambiguous; the property tests recover every generated hostile table
// in that layout.
//
// Memory stays flat: the parser holds the current row and the next one (a row more while a fake
// row start inside a value is still undecided).
import { ContentQueryError, recognizeContentQueryError } from './content-query-error.ts';
import {
  cannotBecomeRow,
  splitRowFields,
  toColumns,
  type ContentColumn,
  type ContentColumnSpec,
  type ContentValue,
} from './content-row-fields.ts';

export type ContentRow = Readonly<Record<string, ContentValue>>;

export type ContentOutputErrorKind = 'unreadable-output' | 'truncated-output';

/** The phone printed something that is neither rows, "No result found." nor a known failure. */
export class ContentOutputError extends Error {
  readonly kind: ContentOutputErrorKind;
  readonly permanent = false;
  constructor(kind: ContentOutputErrorKind, message: string) {
    super(message);
    this.name = 'ContentOutputError';
    this.kind = kind;
  }
}

const EMPTY_RESULT = 'No result found.';
// Failure output is a stack trace: keep enough of it to recognize, never an unbounded amount.
const MAX_FAILURE_TEXT = 64 * 1024;

type Lookahead = 'fits' | 'wait' | 'dead';

/** Push parser: feed chunks, collect rows. `parseContentRows` wraps it as an async iterator. */
export class ContentRowsParser {
  readonly #columns: ContentColumn[];
  readonly #decoder = new TextDecoder('utf-8');
  #buffer = '';
  #rowIndex = 0;
  #mode: 'start' | 'rows' | 'empty' | 'failure' = 'start';
  #checkedUpTo = 0;

  constructor(projection: readonly ContentColumnSpec[]) {
    this.#columns = toColumns(projection);
  }

  /** Adds output text; returns the rows that are now certain. */
  push(chunk: Uint8Array | string): ContentRow[] {
    const text = typeof chunk === 'string' ? chunk : this.#decoder.decode(chunk, { stream: true });
    return this.#take(text, false);
  }

  /** Ends the output; returns the last rows, or throws a ContentQueryError / ContentOutputError. */
  end(): ContentRow[] {
    return this.#take(this.#decoder.decode(), true);
  }

  #take(text: string, final: boolean): ContentRow[] {
    if (this.#mode === 'empty') return [];
    if (this.#mode === 'failure') {
      if (this.#buffer.length < MAX_FAILURE_TEXT) this.#buffer += text.slice(0, MAX_FAILURE_TEXT);
      if (final) this.#fail();
      return [];
    }
    this.#buffer += text;
    if (this.#mode === 'start' && !this.#decideMode(final)) return [];
    if (this.#mode !== 'rows') return this.#take('', final);
    if (!final && !this.#hasNewRowMarker()) return [];
    const rows = this.#drain(final);
    this.#checkedUpTo = this.#buffer.length;
    return rows;
  }

  /** Looks at the first bytes; false while they could still be either rows or the empty result. */
  #decideMode(final: boolean): boolean {
    const firstRow = this.#rowPrefix(0);
    if (this.#buffer.startsWith(firstRow)) {
      this.#mode = 'rows';
    } else if (this.#buffer.startsWith(EMPTY_RESULT)) {
      this.#mode = 'empty';
    } else if (!final && (firstRow.startsWith(this.#buffer) || EMPTY_RESULT.startsWith(this.#buffer))) {
      return false;
    } else {
      this.#mode = 'failure';
    }
    return true;
  }

  #hasNewRowMarker(): boolean {
    return this.#buffer.indexOf('\nRow: ', Math.max(0, this.#checkedUpTo - 8)) !== -1;
  }

  #rowPrefix(index: number): string {
    return `Row: ${index} ${this.#columns[0]!.name}=`;
  }

  #drain(final: boolean): ContentRow[] {
    const rows: ContentRow[] = [];
    for (;;) {
      const next = this.#findRowEnd(final);
      if (next === 'wait') break;
      rows.push(next.row);
      this.#buffer = this.#buffer.slice(next.end);
      this.#rowIndex += 1;
      if (next.end === 0 || this.#buffer.length === 0) break;
    }
    return rows;
  }

  /** Finds where the current row ends (the offset of the next row's "Row:"), or says to wait. */
  #findRowEnd(final: boolean): { row: ContentRow; end: number } | 'wait' {
    const start = this.#rowPrefix(this.#rowIndex).length;
    const marker = `\n${this.#rowPrefix(this.#rowIndex + 1)}`;
    for (let at = this.#buffer.indexOf(marker, start); at !== -1; at = this.#buffer.indexOf(marker, at + 1)) {
      const values = splitRowFields(this.#buffer.slice(start, at), this.#columns);
      if (!values) continue;
      const after = this.#lookahead(at + 1, this.#rowIndex + 1, final);
      if (after === 'wait') return 'wait';
      if (after === 'fits') return { row: this.#toRow(values), end: at + 1 };
    }
    if (!final) return 'wait';
    return { row: this.#lastRow(start), end: this.#buffer.length };
  }

  /** Whether the row starting at `from` (row number `index`) can end somewhere. */
  #lookahead(from: number, index: number, final: boolean): Lookahead {
    const start = from + this.#rowPrefix(index).length;
    const marker = `\n${this.#rowPrefix(index + 1)}`;
    for (let at = this.#buffer.indexOf(marker, start); at !== -1; at = this.#buffer.indexOf(marker, at + 1)) {
      if (splitRowFields(this.#buffer.slice(start, at), this.#columns)) return 'fits';
    }
    if (final) {
      const rest = this.#buffer.slice(start);
      return rest.endsWith('\n') && splitRowFields(rest.slice(0, -1), this.#columns) ? 'fits' : 'dead';
    }
    return cannotBecomeRow(this.#buffer.slice(start), this.#columns) ? 'dead' : 'wait';
  }

  #lastRow(start: number): ContentRow {
    if (!this.#buffer.endsWith('\n')) {
      throw new ContentOutputError(
        'truncated-output',
        `The phone's answer stopped in the middle of row ${this.#rowIndex}. The connection may have dropped; try again.`,
      );
    }
    const values = splitRowFields(this.#buffer.slice(start, -1), this.#columns);
    if (!values) {
      throw new ContentOutputError(
        'unreadable-output',
        `Row ${this.#rowIndex} from the phone does not have the columns Vitre asked for ` +
          `(${this.#columns.map((c) => c.name).join(', ')}). This phone stores this data differently; please report it.`,
      );
    }
    return this.#toRow(values);
  }

  #toRow(values: ContentValue[]): ContentRow {
    const row: Record<string, ContentValue> = {};
    this.#columns.forEach((column, i) => {
      row[column.name] = values[i] ?? null;
    });
    return row;
  }

  #fail(): never {
    const failure = recognizeContentQueryError(this.#buffer);
    if (failure) throw new ContentQueryError(failure);
    if (this.#buffer.trim() === '') {
      throw new ContentOutputError('truncated-output', 'The phone sent no answer to a data query. The connection may have dropped; try again.');
    }
    const start = this.#buffer.slice(0, 200).trim();
    throw new ContentOutputError(
      'unreadable-output',
      `The phone answered a data query with something Vitre does not understand: "${start}". Please report it with the phone model.`,
    );
  }
}

/**
 * Parses `content query` output as it arrives. Yields one object per row keyed by column name;
 * throws ContentQueryError when the phone refused (e.g. not allowed on this phone) and
 * ContentOutputError when the output is cut short or unreadable.
 */
export async function* parseContentRows(
  output: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  projection: readonly ContentColumnSpec[],
): AsyncGenerator<ContentRow> {
  const parser = new ContentRowsParser(projection);
  for await (const chunk of output) yield* parser.push(chunk);
  yield* parser.end();
}

/** The `--projection` argument for a projection: column names joined by ':'. */
export function projectionArgument(projection: readonly ContentColumnSpec[]): string {
  return toColumns(projection)
    .map((column) => column.name)
    .join(':');
}
