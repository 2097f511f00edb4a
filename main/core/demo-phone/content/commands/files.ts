// toybox file tools: stat, cat, rm, mkdir, and the checksum tools (md5sum, sha1sum, sha256sum)
// a backup tool can use to verify a pull without copying the file twice.
import { createHash } from 'node:crypto';
import { PhoneFileError, S_IFLNK, S_IFMT, type FileStat } from '../../phone.ts';
import { absolutePath } from '../phone-path.ts';
import { stdout, toyboxError, type Command, type ShellChunk } from '../shell/command.ts';
import { blocks, fileTypeText, idName, longDate, modeString } from './file-format.ts';

const CHUNK = 64 * 1024;

function reason(error: PhoneFileError): string {
  return error.message.replace(/^.*: /, '');
}

function splitFlags(args: string[]): { flags: Set<string>; rest: string[] } {
  const flags = new Set<string>();
  const rest: string[] = [];
  for (const arg of args) {
    if (arg.startsWith('-') && arg.length > 1 && rest.length === 0) for (const c of arg.slice(1)) flags.add(c);
    else rest.push(arg);
  }
  return { flags, rest };
}

function formatStat(format: string, name: string, stat: FileStat, target: string | undefined): string {
  return format.replace(/%([a-zA-Z%])/g, (whole, c: string) => {
    switch (c) {
      case 'n': return name;
      case 'N': return target === undefined ? `'${name}'` : `'${name}' -> '${target}'`;
      case 's': return String(stat.size);
      case 'Y': return String(stat.mtime);
      case 'X': return String(stat.atime);
      case 'Z': return String(stat.ctime);
      case 'y': return longDate(stat.mtime);
      case 'x': return longDate(stat.atime);
      case 'z': return longDate(stat.ctime);
      case 'a': return (stat.mode & 0o7777).toString(8);
      case 'A': return modeString(stat.mode);
      case 'f': return stat.mode.toString(16);
      case 'F': return fileTypeText(stat.mode);
      case 'u': return String(stat.uid);
      case 'U': return idName(stat.uid);
      case 'g': return String(stat.gid);
      case 'G': return idName(stat.gid);
      case 'i': return String(stat.ino);
      case 'h': return String(stat.nlink);
      case 'b': return String(blocks(stat));
      case 'B': return '512';
      case 'o': return '4096';
      case 'd': return String(stat.dev);
      case '%': return '%';
      default: return whole;
    }
  });
}

const STAT_DEFAULT =
  "  File: %N\n  Size: %s\t Blocks: %b\t IO Blocks: %o\t%F\nDevice: %d\t Inode: %i\t Links: %h\nAccess: (%a/%A)\tUid: (%u/%U)\tGid: (%g/%G)\nAccess: %x\nModify: %y\nChange: %z\n";

export const stat: Command = async function* (args, context) {
  const { flags, rest } = splitFlags(args);
  let format = STAT_DEFAULT;
  let paths = rest;
  if (flags.has('c')) {
    format = `${rest[0] ?? ''}\n`;
    paths = rest.slice(1);
  }
  let status = 0;
  for (const shown of paths) {
    const path = absolutePath(shown, context.cwd);
    try {
      const info = flags.has('L') ? context.phone.tree.stat(path) : context.phone.tree.lstat(path);
      const target = (info.mode & S_IFMT) === S_IFLNK ? context.phone.tree.readlink(path) : undefined;
      yield stdout(formatStat(format, shown, info, target));
    } catch (error) {
      if (!(error instanceof PhoneFileError)) throw error;
      yield toyboxError('stat', `'${shown}': ${reason(error)}`);
      status = 1;
    }
  }
  return status;
};

/** Streams a file's bytes in 64 KiB chunks. */
async function* fileChunks(read: (offset: number, length: number) => Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let offset = 0; offset < size; offset += CHUNK) {
    const chunk = read(offset, CHUNK);
    if (chunk.length === 0) return;
    yield chunk;
  }
}

export const cat: Command = async function* (args, context) {
  if (args.length === 0) {
    yield { stdout: context.stdin };
    return 0;
  }
  let status = 0;
  for (const shown of args) {
    const path = absolutePath(shown, context.cwd);
    try {
      const size = context.phone.tree.stat(path).size;
      for await (const chunk of fileChunks((o, n) => context.phone.tree.read(path, o, n), size)) {
        yield { stdout: chunk };
        if (context.signal.aborted) return 130;
      }
    } catch (error) {
      if (!(error instanceof PhoneFileError)) throw error;
      yield toyboxError('cat', `${shown}: ${reason(error)}`);
      status = 1;
    }
  }
  return status;
};

export const rm: Command = async function* (args, context) {
  const { flags, rest } = splitFlags(args);
  let status = 0;
  for (const shown of rest) {
    try {
      context.phone.tree.remove(absolutePath(shown, context.cwd), flags.has('r') || flags.has('R'));
    } catch (error) {
      if (!(error instanceof PhoneFileError)) throw error;
      if (flags.has('f') && error.errno === 'ENOENT') continue;
      yield toyboxError('rm', `${shown}: ${reason(error)}`);
      status = 1;
    }
  }
  return status;
};

export const mkdir: Command = async function* (args, context) {
  const { flags, rest } = splitFlags(args);
  let status = 0;
  for (const shown of rest) {
    try {
      context.phone.tree.mkdir(absolutePath(shown, context.cwd), flags.has('p'), Math.floor(Date.now() / 1000));
    } catch (error) {
      if (!(error instanceof PhoneFileError)) throw error;
      yield toyboxError('mkdir', `${shown}: ${reason(error)}`);
      status = 1;
    }
  }
  return status;
};

function checksum(algorithm: 'md5' | 'sha1' | 'sha256', name: string): Command {
  return async function* (args, context): AsyncGenerator<ShellChunk, number, void> {
    let status = 0;
    for (const shown of args) {
      const path = absolutePath(shown, context.cwd);
      try {
        const hash = createHash(algorithm);
        const size = context.phone.tree.stat(path).size;
        for await (const chunk of fileChunks((o, n) => context.phone.tree.read(path, o, n), size)) hash.update(chunk);
        yield stdout(`${hash.digest('hex')}  ${shown}\n`);
      } catch (error) {
        if (!(error instanceof PhoneFileError)) throw error;
        yield toyboxError(name, `${shown}: ${reason(error)}`);
        status = 1;
      }
    }
    return status;
  };
}

export const md5sum = checksum('md5', 'md5sum');
export const sha1sum = checksum('sha1', 'sha1sum');
export const sha256sum = checksum('sha256', 'sha256sum');
