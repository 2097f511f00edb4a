// A content provider's table as the simulated phone serves it: rows addressed by `_id`, built on
// demand, so 50,000 messages cost nothing until queried (and paging by `_id` touches only a page).

/** A cell as Cursor.getType() sees it: INTEGER (number), STRING, NULL or BLOB. */
/** Blobs are built only when someone reads them: `content query` prints just "BLOB". */
export type CellValue = string | number | null | { blob: () => Uint8Array };

export type Row = Readonly<Record<string, CellValue>>;

export interface ProviderTable {
  /** SQL table name, as SQLite error messages show it. */
  readonly sqlName: string;
  /** All columns in table order: the projection when --projection is absent. */
  readonly columns: readonly string[];
  /** Row ids lie in 1..maxId; some ids may have no row. */
  readonly maxId: number;
  row(id: number): Row | undefined;
  /** Providers whose default sort order is "date DESC" list newest (highest _id) first. */
  readonly newestFirst: boolean;
}

/** A table over rows computed up front (small tables: contacts, notes). */
export function fixedTable(sqlName: string, columns: readonly string[], rows: readonly Row[], newestFirst = false): ProviderTable {
  const byId = new Map<number, Row>();
  for (const row of rows) byId.set(Number(row._id), row);
  return {
    sqlName,
    columns,
    maxId: rows.reduce((max, row) => Math.max(max, Number(row._id)), 0),
    row: (id) => byId.get(id),
    newestFirst,
  };
}
