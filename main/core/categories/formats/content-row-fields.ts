// Splits the text of one `content query` row into its column values, using the projection we
// asked for. Android prints a row as `Row: N col=value, col=value, ...` with string values raw
// (frameworks/base/cmds/content/src/com/android/commands/content/Content.java, QueryCommand:
// `builder.append(columnName + "=" + columnValue)` joined by ", "), so a value may itself contain
// ", nextcol=". A naive split is wrong; this one tries separators in order and keeps the first
// split for which every later column is also found and every value fits its column's kind.

/** How a column's value prints: integers and reals are checked, text is anything. */
export type ContentColumnKind = 'text' | 'integer' | 'real';

export interface ContentColumn {
  name: string;
  kind: ContentColumnKind;
}

/** A projection entry: a bare name means a text column. */
export type ContentColumnSpec = string | ContentColumn;

/** Content.java prints `NULL` for a null field and `BLOB` for a blob (never its bytes). */
export const NULL_TEXT = 'NULL';
export const BLOB_TEXT = 'BLOB';

/**
 * A parsed value; `null` where the phone printed `NULL`. In a text column the output cannot tell
 * a null from the 4-letter text "NULL"; nulls are by far the more common (empty name parts, a
 * message without body), so both read as null.
 */
export type ContentValue = string | null;

export function toColumns(projection: readonly ContentColumnSpec[]): ContentColumn[] {
  if (projection.length === 0) throw new Error('A content query needs at least one projected column.');
  return projection.map((spec) => (typeof spec === 'string' ? { name: spec, kind: 'text' } : spec));
}

const INTEGER = /^-?\d+$/;
// Java's Float.toString: "1.5", "-2.0E-5", "NaN", "Infinity".
const REAL = /^(?:-?(?:\d+\.\d+(?:E-?\d+)?|Infinity)|NaN)$/;

/** Whether `text` can be what Content.java printed for a column of this kind. */
export function fitsKind(kind: ContentColumnKind, text: string): boolean {
  if (kind === 'text' || text === NULL_TEXT) return true;
  if (kind === 'integer') return INTEGER.test(text) || text === BLOB_TEXT;
  return REAL.test(text) || text === BLOB_TEXT;
}

function toValue(text: string): ContentValue {
  return text === NULL_TEXT ? null : text;
}

/**
 * Splits `fields` (the row text after `Row: N c0=`) into one value per column, or returns
 * undefined when no split fits. Ambiguous text (a value containing `, nextcol=` followed by text
 * that also fits) resolves to the earliest separator: the first value is the shortest that lets
 * the rest of the row parse.
 */
export function splitRowFields(fields: string, columns: readonly ContentColumn[]): ContentValue[] | undefined {
  const failed = new Set<string>();
  const values: ContentValue[] = [];

  const splitFrom = (start: number, index: number): boolean => {
    const column = columns[index]!;
    if (index === columns.length - 1) {
      const text = fields.slice(start);
      if (!fitsKind(column.kind, text)) return false;
      values[index] = toValue(text);
      return true;
    }
    const key = `${start}:${index}`;
    if (failed.has(key)) return false;
    const separator = `, ${columns[index + 1]!.name}=`;
    for (let at = fields.indexOf(separator, start); at !== -1; at = fields.indexOf(separator, at + 1)) {
      const text = fields.slice(start, at);
      if (!fitsKind(column.kind, text)) {
        // A number only grows by taking in more text, so no later separator can fit either.
        if (column.kind !== 'text') break;
        continue;
      }
      if (splitFrom(at + separator.length, index + 1)) {
        values[index] = toValue(text);
        return true;
      }
    }
    failed.add(key);
    return false;
  };

  return splitFrom(0, 0) ? values : undefined;
}

/**
 * True when no amount of further text can make `fields` a valid row: the first column is a
 * number and its digits are already followed by something other than the next separator.
 * Lets the stream parser drop a false row start early instead of buffering to the end.
 */
export function cannotBecomeRow(fields: string, columns: readonly ContentColumn[]): boolean {
  const first = columns[0]!;
  if (first.kind === 'text' || columns.length === 1) return false;
  const separator = `, ${columns[1]!.name}=`;
  const comma = fields.indexOf(', ');
  // No ", " yet: a number never holds a space or a line break, so either one already rules it out.
  if (comma === -1) return /[ \n]/.test(fields);
  // The first value must end at this very ", " (any later end would put ", " inside a number).
  const rest = fields.slice(comma, comma + separator.length);
  return !fitsKind(first.kind, fields.slice(0, comma)) || !separator.startsWith(rest);
}
