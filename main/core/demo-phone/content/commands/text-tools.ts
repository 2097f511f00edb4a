// Text filters for pipelines (`ls | head`, `pm list packages | grep`, `ls | wc -l`), reading
// the previous stage's output, plus `find` for recursive listings.
import { PhoneFileError, S_IFDIR, S_IFMT } from '../../phone.ts';
import { absolutePath, joinPath } from '../phone-path.ts';
import { stdout, toyboxError, type Command } from '../shell/command.ts';

function inputLines(input: Uint8Array): string[] {
  const text = Buffer.from(input).toString('utf8');
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function countArgument(args: string[], fallback: number): number {
  const n = args.find((a) => /^-?\d+$/.test(a));
  return n === undefined ? fallback : Math.abs(Number(n));
}

export const head: Command = async function* (args, context) {
  const lines = inputLines(context.stdin).slice(0, countArgument(args, 10));
  yield stdout(lines.map((l) => `${l}\n`).join(''));
  return 0;
};

export const tail: Command = async function* (args, context) {
  const lines = inputLines(context.stdin);
  yield stdout(lines.slice(Math.max(0, lines.length - countArgument(args, 10))).map((l) => `${l}\n`).join(''));
  return 0;
};

export const wc: Command = async function* (args, context) {
  const lines = inputLines(context.stdin).length;
  yield stdout(args.includes('-c') ? `${context.stdin.length}\n` : `${lines}\n`);
  return 0;
};

/** `grep [-v] [-i] [-c] [-F] TEXT`: fixed-string matching is all backup tools need here. */
export const grep: Command = async function* (args, context) {
  const flags = new Set(args.filter((a) => a.startsWith('-')).flatMap((a) => [...a.slice(1)]));
  const pattern = args.find((a) => !a.startsWith('-'));
  if (pattern === undefined) {
    yield toyboxError('grep', 'Need 1 argument');
    return 2;
  }
  const needle = flags.has('i') ? pattern.toLowerCase() : pattern;
  const chosen = inputLines(context.stdin).filter((line) => (flags.has('i') ? line.toLowerCase() : line).includes(needle) !== flags.has('v'));
  yield stdout(flags.has('c') ? `${chosen.length}\n` : chosen.map((l) => `${l}\n`).join(''));
  return chosen.length > 0 ? 0 : 1;
};

/** `find PATH [-type f|d]`: every path under PATH, depth first, one per line. */
export const find: Command = async function* (args, context) {
  const root = args.find((a) => !a.startsWith('-') && a !== 'f' && a !== 'd') ?? '.';
  const typeAt = args.indexOf('-type');
  const type = typeAt >= 0 ? args[typeAt + 1] : undefined;
  const tree = context.phone.tree;
  const denied: string[] = [];
  let status = 0;
  const visit = function* (shown: string, isDir: boolean): Generator<string> {
    if (type === undefined || (type === 'd') === isDir) yield shown;
    if (!isDir) return;
    let entries;
    try {
      entries = tree.list(absolutePath(shown, context.cwd));
    } catch (error) {
      if (!(error instanceof PhoneFileError)) throw error;
      denied.push(`${shown}: Permission denied`);
      status = 1;
      return;
    }
    for (const { name, stat } of entries) {
      if (name.includes('/') || name === '..') continue;
      yield* visit(joinPath(shown, name), (stat.mode & S_IFMT) === S_IFDIR);
    }
  };
  let batch = '';
  try {
    const isDir = (tree.stat(absolutePath(root, context.cwd)).mode & S_IFMT) === S_IFDIR;
    for (const path of visit(root, isDir)) {
      batch += `${path}\n`;
      if (batch.length > 32 * 1024) {
        yield stdout(batch);
        batch = '';
      }
    }
  } catch (error) {
    if (!(error instanceof PhoneFileError)) throw error;
    yield toyboxError('find', `${root}: No such file or directory`);
    return 1;
  }
  yield stdout(batch);
  for (const line of denied) yield toyboxError('find', line);
  return status;
};
