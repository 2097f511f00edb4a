// Executes one `content query` against a table: selection, sort order (with the LIMIT/OFFSET
// that SQLite accepts at the end of ORDER BY), projection. Rows come out one by one.
import type { CellValue, ProviderTable, Row } from './provider-table.ts';
import { columnsOf, idBounds, matches, parseWhere, SqlError, type Expression } from './where-clause.ts';

export interface QueryRequest {
  projection?: readonly string[];
  where?: string;
  sort?: string;
  /** A restriction implied by the URI (content://sms/inbox: type = 1). */
  implied?: (row: Row) => boolean;
  /** `?limit=N&offset=M` on the URI (call log). */
  limit?: number;
  offset?: number;
}

interface SortOrder {
  column: string;
  descending: boolean;
  limit?: number;
  offset?: number;
}

const SORT = /^\s*([A-Za-z_][A-Za-z0-9_.]*)(?:\s+(ASC|DESC))?(?:\s*,\s*[A-Za-z_][A-Za-z0-9_.]*(?:\s+(?:ASC|DESC))?)*(?:\s+LIMIT\s+(\d+)(?:\s*(?:,|\s+OFFSET\s+)\s*(\d+))?)?\s*$/i;

export function parseSort(sort: string | undefined, table: ProviderTable): SortOrder {
  if (sort === undefined || sort.trim() === '') return { column: '_id', descending: table.newestFirst };
  const match = SORT.exec(sort);
  if (!match) throw new SqlError(`near "${sort.trim().split(/\s+/).pop()}": syntax error`);
  const order: SortOrder = { column: match[1] as string, descending: (match[2] ?? '').toUpperCase() === 'DESC' };
  if (match[3] !== undefined) {
    // "LIMIT a, b" means offset a, count b; "LIMIT b OFFSET a" the same (SQLite lang_select).
    const commaForm = /LIMIT\s+\d+\s*,/i.test(sort);
    order.limit = Number(commaForm ? match[4] : match[3]);
    if (match[4] !== undefined) order.offset = Number(commaForm ? match[3] : match[4]);
  }
  return order;
}

function checkColumns(table: ProviderTable, names: readonly string[]): void {
  for (const name of names) {
    if (!table.columns.includes(name)) throw new SqlError(`no such column: ${name}`);
  }
}

/** Projected rows in the requested order. Throws SqlError before yielding anything if invalid. */
export function runQuery(table: ProviderTable, request: QueryRequest): { columns: readonly string[]; rows: Iterable<CellValue[]> } {
  const columns = request.projection ?? table.columns;
  checkColumns(table, columns);
  const where = request.where === undefined || request.where.trim() === '' ? undefined : parseWhere(request.where);
  if (where) checkColumns(table, columnsOf(where));
  const sort = parseSort(request.sort, table);
  checkColumns(table, [sort.column]);
  const offset = sort.offset ?? request.offset ?? 0;
  const limit = sort.limit ?? request.limit ?? Number.POSITIVE_INFINITY;
  return { columns, rows: project(pageOf(orderedRows(table, where, request.implied, sort), offset, limit), columns) };
}

function* orderedRows(table: ProviderTable, where: Expression | undefined, implied: QueryRequest['implied'], sort: SortOrder): Generator<Row> {
  const keep = (row: Row | undefined): row is Row => row !== undefined && (implied?.(row) ?? true) && (where === undefined || matches(where, row));
  const { low, high } = idBounds(where, table.maxId);
  if (sort.column === '_id') {
    for (let i = 0; i <= high - low; i += 1) {
      const row = table.row(sort.descending ? high - i : low + i);
      if (keep(row)) yield row;
    }
    return;
  }
  // Any other order needs the whole selection; tables sort by a column rarely and stay bounded.
  const selected: Row[] = [];
  for (let id = low; id <= high; id += 1) {
    const row = table.row(id);
    if (keep(row)) selected.push(row);
  }
  const key = (row: Row): string | number => {
    const cell = row[sort.column];
    return typeof cell === 'number' || typeof cell === 'string' ? cell : -Infinity;
  };
  selected.sort((a, b) => {
    const x = key(a);
    const y = key(b);
    const c = x < y ? -1 : x > y ? 1 : 0;
    return sort.descending ? -c : c;
  });
  yield* selected;
}

function* pageOf(rows: Iterable<Row>, offset: number, limit: number): Generator<Row> {
  let skipped = 0;
  let taken = 0;
  if (limit <= 0) return;
  for (const row of rows) {
    if (skipped < offset) {
      skipped += 1;
      continue;
    }
    yield row;
    taken += 1;
    if (taken >= limit) return;
  }
}

function* project(rows: Iterable<Row>, columns: readonly string[]): Generator<CellValue[]> {
  for (const row of rows) yield columns.map((column) => row[column] ?? null);
}
