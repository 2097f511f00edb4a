// A content provider the phone refuses (SecurityException for the shell user) or lacks is a
// per-category outcome — "not allowed on this phone" / "not available on this phone" — never a
// failed backup: the other categories carry on.
import type { CategoryScan, CategoryState, ExportResult } from './category.ts';
import { ContentQueryError } from './formats/content-query-error.ts';

export interface Refusal {
  state: CategoryState;
  message: string;
}

/** The per-category outcome for a refused or missing provider; undefined for other errors. */
export function refusalOf(error: unknown, what: string): Refusal | undefined {
  if (!(error instanceof ContentQueryError)) return undefined;
  if (error.kind === 'provider-denied') return { state: 'not-allowed', message: error.message };
  if (error.kind === 'provider-missing') return { state: 'not-available', message: `${what} are not available on this phone: ${error.message}` };
  return undefined;
}

/** Runs a provider-backed scan, turning a refusal into its per-category result. */
export async function scanProvider(category: string, what: string, count: () => Promise<number>): Promise<CategoryScan> {
  try {
    return { category, state: 'ok', items: await count(), bytes: 0 };
  } catch (error) {
    const refusal = refusalOf(error, what);
    if (!refusal) throw error;
    return { category, state: refusal.state, items: 0, bytes: 0, message: refusal.message };
  }
}

/** Runs a provider-backed export, turning a refusal into its per-category result. */
export async function exportProvider(what: string, run: () => Promise<ExportResult>): Promise<ExportResult> {
  try {
    return await run();
  } catch (error) {
    const refusal = refusalOf(error, what);
    if (!refusal) throw error;
    return { files: [], state: refusal.state, message: refusal.message };
  }
}

export async function countRows(rows: AsyncIterable<unknown>): Promise<number> {
  let count = 0;
  for await (const _row of rows) count += 1;
  return count;
}
