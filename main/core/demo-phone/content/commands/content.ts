// `content query` and `content read`, printing exactly what AOSP's Content.java prints:
// "Row: N col=value, col=value" per row (N from 0), NULL and BLOB markers, strings raw (commas and
// newlines included), "No result found." when empty; failures as "Error while accessing
// provider:..." plus a stack trace on stderr, exit status 0 (the exception is caught there).
import { ProviderError, providerErrorText } from '../providers/provider-errors.ts';
import type { CellValue } from '../providers/provider-table.ts';
import { stderr, stdout, type Command, type ShellChunk, type ShellContext } from '../shell/command.ts';

/** Output is flushed in pieces of about this size: 50,000 rows never make one string. */
const BATCH = 32 * 1024;

class UsageError extends Error {}

function formatCell(cell: CellValue): string {
  if (cell === null) return 'NULL';
  if (typeof cell === 'object') return 'BLOB';
  return String(cell);
}

function parseArguments(args: string[]): Map<string, string> {
  const values = new Map<string, string>();
  for (let i = 0; i < args.length; i += 1) {
    const name = args[i] as string;
    if (!['--uri', '--projection', '--where', '--sort', '--user'].includes(name)) throw new UsageError(`Unsupported argument: ${name}`);
    const value = args[i + 1];
    // Content.java argumentValueRequired: an empty value or one starting with "--" is missing.
    if (value === undefined || value === '' || value.startsWith('--')) throw new UsageError(`No value for argument: ${name}`);
    values.set(name, value);
    i += 1;
  }
  if (!values.has('--uri')) throw new UsageError('Content provider URI not specified. Did you specify --uri argument?');
  return values;
}

async function* query(values: Map<string, string>, context: ShellContext): AsyncGenerator<ShellChunk, number, void> {
  // Content.java splits the projection on "[\s]*:[\s]*".
  const projection = values.get('--projection')?.split(/\s*:\s*/);
  const result = context.phone.providers.query(values.get('--uri') as string, {
    projection,
    where: values.get('--where'),
    sort: values.get('--sort'),
  });
  let index = 0;
  let batch = '';
  for (const cells of result.rows) {
    batch += `Row: ${index} ${result.columns.map((column, i) => `${column}=${formatCell(cells[i] ?? null)}`).join(', ')}\n`;
    index += 1;
    if (batch.length >= BATCH) {
      yield stdout(batch);
      batch = '';
      if (context.signal.aborted) return 130;
    }
  }
  if (index === 0) batch = 'No result found.\n';
  if (batch !== '') yield stdout(batch);
  return 0;
}

export const content: Command = async function* (args, context) {
  const [verb, ...rest] = args;
  try {
    if (verb !== 'query' && verb !== 'read') throw new UsageError(`Unsupported operation: ${verb ?? ''}`);
    const values = parseArguments(rest);
    if (verb === 'read') {
      yield { stdout: context.phone.providers.read(values.get('--uri') as string) };
      return 0;
    }
    return yield* query(values, context);
  } catch (error) {
    if (error instanceof UsageError) {
      yield stdout(`usage: adb shell content [subcommand] [options]\n\n[ERROR] ${error.message}\n`);
      return 0;
    }
    if (error instanceof ProviderError) {
      yield stderr(providerErrorText(error));
      return 0;
    }
    throw error;
  }
};
