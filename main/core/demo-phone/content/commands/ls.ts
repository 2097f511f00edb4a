// toybox `ls`: one name per line when not on a terminal; `-l` long listing with a "total" line;
// -a/-A, -d, -n, -1, -R. Names are printed raw (no -q), as toybox does for pipes.
import { PhoneFileError, S_IFDIR, S_IFLNK, S_IFMT, type DirEntry, type FileStat } from '../../phone.ts';
import { absolutePath, joinPath } from '../phone-path.ts';
import { stdout, toyboxError, type Command, type ShellChunk, type ShellContext } from '../shell/command.ts';
import { blocks, idName, modeString, shortDate } from './file-format.ts';

interface LsFlags {
  long: boolean;
  all: boolean;
  almostAll: boolean;
  directory: boolean;
  numeric: boolean;
  recursive: boolean;
}

function parseFlags(args: string[]): { flags: LsFlags; paths: string[] } | string {
  const flags: LsFlags = { long: false, all: false, almostAll: false, directory: false, numeric: false, recursive: false };
  const paths: string[] = [];
  for (const arg of args) {
    if (!arg.startsWith('-') || arg === '-') {
      paths.push(arg);
      continue;
    }
    for (const c of arg.slice(1)) {
      if (c === 'l') flags.long = true;
      else if (c === 'a') flags.all = true;
      else if (c === 'A') flags.almostAll = true;
      else if (c === 'd') flags.directory = true;
      else if (c === 'n') flags.numeric = flags.long = true;
      else if (c === 'R') flags.recursive = true;
      else if (!'1CFhHLtrSs'.includes(c)) return c;
    }
  }
  return { flags, paths: paths.length > 0 ? paths : ['.'] };
}

function longLines(entries: DirEntry[], flags: LsFlags, linkTarget: (name: string) => string): string[] {
  const owner = (id: number) => (flags.numeric ? String(id) : idName(id));
  const widths = { links: 0, user: 0, group: 0, size: 0 };
  for (const { stat } of entries) {
    widths.links = Math.max(widths.links, String(stat.nlink).length);
    widths.user = Math.max(widths.user, owner(stat.uid).length);
    widths.group = Math.max(widths.group, owner(stat.gid).length);
    widths.size = Math.max(widths.size, String(stat.size).length);
  }
  return entries.map(({ name, stat }) => {
    const link = (stat.mode & S_IFMT) === S_IFLNK ? ` -> ${linkTarget(name)}` : '';
    return `${modeString(stat.mode)} ${String(stat.nlink).padStart(widths.links)} ${owner(stat.uid).padEnd(widths.user)} ${owner(stat.gid).padEnd(widths.group)} ${String(stat.size).padStart(widths.size)} ${shortDate(stat.mtime)} ${name}${link}\n`;
  });
}

function* listDirectory(context: ShellContext, path: string, self: FileStat, flags: LsFlags): Generator<ShellChunk, DirEntry[]> {
  const tree = context.phone.tree;
  const entries = tree.list(path).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const visible = entries.filter((e) => flags.all || flags.almostAll || !e.name.startsWith('.'));
  const dots: DirEntry[] = flags.all ? [{ name: '.', stat: self }, { name: '..', stat: tree.stat(absolutePath('..', path)) }] : [];
  const shownEntries = [...dots, ...visible];
  const linkTarget = (name: string) => tree.readlink(joinPath(path, name));
  const lines = flags.long ? longLines(shownEntries, flags, linkTarget) : shownEntries.map((e) => `${e.name}\n`);
  const total = shownEntries.reduce((n, e) => n + blocks(e.stat), 0) / 2;
  if (flags.long) yield stdout(`total ${total}\n`);
  // Batches keep a 100,000-entry folder from becoming one string.
  for (let i = 0; i < lines.length; i += 1000) yield stdout(lines.slice(i, i + 1000).join(''));
  return visible;
}

export const ls: Command = async function* (args, context) {
  const parsed = parseFlags(args);
  if (typeof parsed === 'string') {
    yield toyboxError('ls', `Unknown option '${parsed}'`);
    return 1;
  }
  const { flags, paths } = parsed;
  const tree = context.phone.tree;
  let status = 0;
  const queue = [...paths];
  const headers = paths.length > 1 || flags.recursive;
  for (let index = 0; index < queue.length; index += 1) {
    const shown = queue[index] as string;
    const path = absolutePath(shown, context.cwd);
    try {
      const stat = tree.lstat(path);
      // A link is listed as itself by -l, unless named with a trailing slash ("ls -l /sdcard/").
      const follow = (stat.mode & S_IFMT) === S_IFLNK && (!flags.long || shown.endsWith('/'));
      const followed = follow ? tree.stat(path) : stat;
      if ((followed.mode & S_IFMT) !== S_IFDIR || flags.directory) {
        const lines = flags.long ? longLines([{ name: shown, stat }], flags, () => tree.readlink(path)) : [`${shown}\n`];
        yield stdout(lines.join(''));
        continue;
      }
      if (headers) yield stdout(`${index > 0 ? '\n' : ''}${shown}:\n`);
      const listed = yield* listDirectory(context, path, followed, flags);
      if (flags.recursive) {
        const subdirs = listed.filter((e) => (e.stat.mode & S_IFMT) === S_IFDIR && e.name !== '.' && e.name !== '..' && !e.name.includes('/'));
        queue.splice(index + 1, 0, ...subdirs.map((e) => joinPath(shown, e.name)));
      }
    } catch (error) {
      if (!(error instanceof PhoneFileError)) throw error;
      yield toyboxError('ls', `${shown}: ${error.message.replace(/^.*: /, '')}`);
      status = 1;
    }
    if (context.signal.aborted) return 130;
  }
  return status;
};
