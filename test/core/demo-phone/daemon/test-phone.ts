// A small simulated phone for protocol tests: a few in-memory files, one large file generated on
// demand, and a shell that knows `echo`, `echo ... >&2`, `exit N`, `cat PATH` and `sleep S`.
import { PhoneFileError, S_IFDIR, S_IFLNK, S_IFREG } from '../../../../main/core/demo-phone/phone.ts';
import type {
  DirEntry,
  FileStat,
  PhoneFileWriter,
  PhoneFiles,
  PhoneShell,
  ShellOutput,
  SimulatedPhone,
} from '../../../../main/core/demo-phone/phone.ts';

type Node =
  | { kind: 'dir'; mtime: number }
  | { kind: 'file'; bytes: Uint8Array; mtime: number; mode: number }
  | { kind: 'generated'; size: number; mtime: number }
  | { kind: 'link'; target: string; mtime: number };

/** A repeating pseudo-random block; its odd length keeps 64 KiB chunks from lining up with it. */
const PATTERN_SIZE = 1024 * 1024 + 7;
const PATTERN = makePattern();

function makePattern(): Uint8Array {
  // Doubled, so any window up to PATTERN_SIZE bytes is one contiguous slice (no copy per read).
  const bytes = new Uint8Array(PATTERN_SIZE * 2);
  let state = 0x9e3779b9;
  for (let i = 0; i < PATTERN_SIZE; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    bytes[i] = state & 0xff;
  }
  bytes.copyWithin(PATTERN_SIZE, 0, PATTERN_SIZE);
  return bytes;
}

export const SMALL_FILES: Record<string, string> = {
  '/sdcard/hello.txt': 'hello from the phone\n',
  '/sdcard/DCIM/Camera/IMG_0001.jpg': '\xff\xd8\xff\xe0 not really a jpeg \xff\xd9',
  '/sdcard/Documents/notes.txt': 'one\ntwo\nthree\n',
};

export const BIG_FILE = '/sdcard/Movies/big.bin';
const MTIME = 1_700_000_000;

export interface TestPhoneOptions {
  bigFileSize?: number;
  model?: string;
}

export function createTestPhone(options: TestPhoneOptions = {}): SimulatedPhone {
  const nodes = new Map<string, Node>();
  const addDirs = (path: string) => {
    for (let dir = parent(path); !nodes.has(dir); dir = parent(dir)) {
      nodes.set(dir, { kind: 'dir', mtime: MTIME });
      if (dir === '/') break;
    }
  };
  nodes.set('/', { kind: 'dir', mtime: MTIME });
  for (const [path, text] of Object.entries(SMALL_FILES)) {
    addDirs(path);
    nodes.set(path, { kind: 'file', bytes: Buffer.from(text, 'latin1'), mtime: MTIME, mode: 0o660 });
  }
  addDirs(BIG_FILE);
  nodes.set(BIG_FILE, { kind: 'generated', size: options.bigFileSize ?? 8 * 1024 * 1024 + 123, mtime: MTIME });
  nodes.set('/sdcard/latest', { kind: 'link', target: '/sdcard/hello.txt', mtime: MTIME });
  const files = new MemoryFiles(nodes, addDirs);
  const properties = new Map([
    ['ro.product.name', 'demo_test'],
    ['ro.product.model', options.model ?? 'Test Phone'],
    ['ro.product.device', 'testdevice'],
  ]);
  return { properties, files, shell: new TestShell(files) };
}

/** Bytes [offset, offset+length) of the generated file: deterministic, computed without copying. */
export function generatedBytes(offset: number, length: number): Uint8Array {
  const start = offset % PATTERN_SIZE;
  return PATTERN.subarray(start, start + Math.min(length, PATTERN_SIZE));
}

function parent(path: string): string {
  const cut = path.lastIndexOf('/');
  return cut <= 0 ? '/' : path.slice(0, cut);
}

function normalize(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed === '' ? '/' : trimmed;
}

class MemoryFiles implements PhoneFiles {
  readonly #nodes: Map<string, Node>;
  readonly #addDirs: (path: string) => void;

  constructor(nodes: Map<string, Node>, addDirs: (path: string) => void) {
    this.#nodes = nodes;
    this.#addDirs = addDirs;
  }

  lstat(path: string): FileStat {
    const node = this.#find(path);
    const [type, mode, size] =
      node.kind === 'dir'
        ? [S_IFDIR, 0o771, 4096]
        : node.kind === 'link'
          ? [S_IFLNK, 0o777, node.target.length]
          : node.kind === 'file'
            ? [S_IFREG, node.mode & 0o7777, node.bytes.length]
            : [S_IFREG, 0o660, node.size];
    return { mode: type | mode, size, mtime: node.mtime, atime: node.mtime, ctime: node.mtime, dev: 1, ino: 1, nlink: 1, uid: 0, gid: 1015 };
  }

  stat(path: string): FileStat {
    const node = this.#find(path);
    return node.kind === 'link' ? this.lstat(node.target) : this.lstat(path);
  }

  list(path: string): DirEntry[] {
    const dir = normalize(path);
    if (this.#find(dir).kind !== 'dir') throw new PhoneFileError('ENOTDIR', `${path}: Not a directory`);
    const prefix = dir === '/' ? '/' : `${dir}/`;
    return [...this.#nodes.keys()]
      .filter((key) => key !== '/' && key.startsWith(prefix) && !key.slice(prefix.length).includes('/'))
      .map((key) => ({ name: key.slice(prefix.length), stat: this.lstat(key) }));
  }

  read(path: string, offset: number, length: number): Uint8Array {
    const node = this.#find(path);
    if (node.kind === 'link') return this.read(node.target, offset, length);
    if (node.kind === 'dir') throw new PhoneFileError('EISDIR', `${path}: Is a directory`);
    if (node.kind === 'file') return node.bytes.subarray(offset, offset + length);
    return generatedBytes(offset, Math.max(0, Math.min(length, node.size - offset)));
  }

  create(path: string, mode: number): PhoneFileWriter {
    if (normalize(path).startsWith('/system/')) throw new PhoneFileError('EROFS', `${path}: Read-only file system`);
    const chunks: Uint8Array[] = [];
    return {
      write: (chunk) => chunks.push(Uint8Array.from(chunk)),
      finish: (mtime) => {
        this.#addDirs(normalize(path));
        this.#nodes.set(normalize(path), { kind: 'file', bytes: Buffer.concat(chunks), mtime, mode });
      },
      abort: () => (chunks.length = 0),
    };
  }

  readlink(path: string): string {
    const node = this.#find(path);
    if (node.kind !== 'link') throw new PhoneFileError('ENOENT', `${path}: not a link`);
    return node.target;
  }

  #find(path: string): Node {
    const node = this.#nodes.get(normalize(path));
    if (node === undefined) throw new PhoneFileError('ENOENT', `${path}: No such file or directory`);
    return node;
  }
}

class TestShell implements PhoneShell {
  readonly #files: PhoneFiles;

  constructor(files: PhoneFiles) {
    this.#files = files;
  }

  async *run(command: string, signal: AbortSignal): AsyncIterable<ShellOutput> {
    let status = 0;
    for (const part of command.split(';').map((p) => p.trim()).filter((p) => p !== '')) {
      const [name = '', ...args] = part.split(/\s+/);
      if (name === 'exit') {
        yield { exit: Number(args[0] ?? 0) };
        return;
      }
      if (name === 'echo') {
        const toStderr = args.at(-1) === '>&2';
        const text = Buffer.from(`${(toStderr ? args.slice(0, -1) : args).join(' ')}\n`);
        yield toStderr ? { stderr: text } : { stdout: text };
        status = 0;
      } else if (name === 'cat') {
        try {
          const size = this.#files.stat(args[0] ?? '').size;
          for (let offset = 0; offset < size; offset += 65536) yield { stdout: this.#files.read(args[0] ?? '', offset, 65536) };
          status = 0;
        } catch (error) {
          yield { stderr: Buffer.from(`cat: ${(error as Error).message}\n`) };
          status = 1;
        }
      } else if (name === 'sleep') {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Number(args[0] ?? 0) * 1000);
          signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
        });
        if (signal.aborted) return;
      } else {
        yield { stderr: Buffer.from(`/system/bin/sh: ${name}: inaccessible or not found\n`) };
        status = 127;
      }
    }
    yield { exit: status };
  }
}
