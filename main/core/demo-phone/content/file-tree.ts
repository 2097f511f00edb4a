// The phone's file system: a tree of metadata (names, stats, link targets, body recipes). File
// bytes are produced on read from each file's recipe; pushed files are kept in memory.
import {
  PhoneFileError,
  S_IFDIR,
  S_IFLNK,
  S_IFMT,
  S_IFREG,
  type DirEntry,
  type FileStat,
  type PhoneFiles,
  type PhoneFileWriter,
} from '../phone.ts';
import { BytesBody, piecesOf, type FileBody } from './file-body.ts';
import { pathParts } from './phone-path.ts';

export interface TreeNode {
  stat: FileStat;
  /** Directories only; keys are names exactly as the phone reports them (hostile ones too). */
  children?: Map<string, TreeNode>;
  /** Symlinks only. */
  target?: string;
  /** Regular files only: builds the body on demand (it is never kept for long). */
  body?: () => FileBody;
  /** Directories the shell user may enter but not list (e.g. /data). */
  unlistable?: boolean;
}

export type NodeStat = Partial<FileStat> & Pick<FileStat, 'mode' | 'mtime'>;

/** Linux follows at most 40 links in one lookup (MAXSYMLINKS in include/linux/namei.h). */
const MAX_LINK_HOPS = 40;
/** Recently read bodies, so a pull in 64 KiB chunks builds a file's headers once. */
const OPEN_BODIES = 16;

export class FileTree implements PhoneFiles {
  readonly root: TreeNode;
  #nextIno = 2;
  #lastDir: { path: string; node: TreeNode } | undefined;
  readonly #openBodies = new Map<TreeNode, FileBody>();
  readonly #writable: (path: string) => boolean;

  /** `writable(path)` says where the shell user may create files (the sdcard, /data/local/tmp). */
  constructor(writable: (path: string) => boolean) {
    this.#writable = writable;
    this.root = this.#node({ mode: S_IFDIR | 0o755, mtime: 0 }, { children: new Map() });
  }

  #node(stat: NodeStat, extra: Omit<TreeNode, 'stat'>): TreeNode {
    const ino = this.#nextIno++;
    return {
      stat: { size: 0, atime: stat.mtime, ctime: stat.mtime, dev: 0xfd00, ino, nlink: 1, uid: 0, gid: 0, ...stat },
      ...extra,
    };
  }

  /** Creates the directory (and its parents) if missing; returns it. */
  ensureDir(path: string, stat: NodeStat = { mode: S_IFDIR | 0o771, mtime: 0 }): TreeNode {
    // Building a phone adds thousands of files to the same folder in a row: skip the walk.
    if (this.#lastDir?.path === path) return this.#lastDir.node;
    let node = this.root;
    for (const name of pathParts(path)) {
      const children = node.children;
      if (!children) throw new PhoneFileError('ENOTDIR', `${path}: Not a directory`);
      let child = children.get(name);
      if (!child) {
        child = this.#node({ ...stat, size: stat.size ?? 4096, nlink: 2 }, { children: new Map() });
        children.set(name, child);
      }
      node = this.#resolveLinkForWalk(child, path);
    }
    this.#lastDir = { path, node };
    return node;
  }

  #resolveLinkForWalk(node: TreeNode, path: string): TreeNode {
    return node.target === undefined ? node : this.#walk(node.target, true, path);
  }

  /** Adds an entry under an existing directory with exactly this name (may contain '/' or NUL). */
  addEntry(dir: TreeNode, name: string, stat: NodeStat, extra: Omit<TreeNode, 'stat'>): TreeNode {
    const node = this.#node(stat, extra);
    dir.children?.set(name, node);
    return node;
  }

  addFile(path: string, stat: NodeStat, body: () => FileBody, dirStat?: NodeStat): TreeNode {
    const parts = pathParts(path);
    const name = parts.pop() ?? '';
    return this.addEntry(this.ensureDir(`/${parts.join('/')}`, dirStat), name, { nlink: 1, ...stat }, { body });
  }

  addLink(path: string, target: string, stat: NodeStat): TreeNode {
    const parts = pathParts(path);
    const name = parts.pop() ?? '';
    const size = new TextEncoder().encode(target).length;
    return this.addEntry(this.ensureDir(`/${parts.join('/')}`), name, { ...stat, size, mode: S_IFLNK | 0o777 }, { target });
  }

  /**
   * Resolves `path` to a node. Symlinks in the middle are always followed; the last component
   * only when `followLast`. '..' is resolved after links, as the kernel does.
   */
  #walk(path: string, followLast: boolean, shown = path): TreeNode {
    return this.#resolve(path, followLast, shown).node;
  }

  /** The node and its canonical path (no links, no '..'), like realpath(3). */
  #resolve(path: string, followLast: boolean, shown = path): { node: TreeNode; path: string } {
    const pending = pathParts(path);
    const stack: TreeNode[] = [this.root];
    const names: string[] = [];
    let hops = 0;
    while (pending.length > 0) {
      const name = pending.shift() as string;
      const here = stack[stack.length - 1] as TreeNode;
      if (name === '..') {
        if (stack.length > 1) {
          stack.pop();
          names.pop();
        }
        continue;
      }
      if (!here.children) throw new PhoneFileError('ENOTDIR', `${shown}: Not a directory`);
      const child = here.children.get(name);
      if (!child) throw new PhoneFileError('ENOENT', `${shown}: No such file or directory`);
      if (child.target !== undefined && (pending.length > 0 || followLast)) {
        hops += 1;
        if (hops > MAX_LINK_HOPS) throw new PhoneFileError('ENOENT', `${shown}: Too many symbolic links encountered`);
        if (child.target.startsWith('/')) {
          stack.length = 1;
          names.length = 0;
        }
        pending.unshift(...pathParts(child.target));
        continue;
      }
      stack.push(child);
      names.push(name);
    }
    return { node: stack[stack.length - 1] as TreeNode, path: `/${names.join('/')}` };
  }

  /** The canonical path of an existing file or directory. */
  realPath(path: string): string {
    return this.#resolve(path, true).path;
  }

  node(path: string, followLast = true): TreeNode {
    return this.#walk(path, followLast);
  }

  exists(path: string): boolean {
    try {
      this.#walk(path, false);
      return true;
    } catch (error) {
      if (error instanceof PhoneFileError) return false;
      throw error;
    }
  }

  lstat(path: string): FileStat {
    return { ...this.#walk(path, false).stat };
  }

  stat(path: string): FileStat {
    return { ...this.#walk(path, true).stat };
  }

  list(path: string): DirEntry[] {
    const dir = this.#walk(path, true);
    if (!dir.children) throw new PhoneFileError('ENOTDIR', `${path}: Not a directory`);
    if (dir.unlistable) throw new PhoneFileError('EACCES', `${path}: Permission denied`);
    return [...dir.children].map(([name, node]) => ({ name, stat: { ...node.stat } }));
  }

  readlink(path: string): string {
    const node = this.#walk(path, false);
    if (node.target === undefined) throw new PhoneFileError('ENOENT', `${path}: Not a symbolic link`);
    return node.target;
  }

  read(path: string, offset: number, length: number): Uint8Array {
    const node = this.#walk(path, true);
    if (node.children) throw new PhoneFileError('EISDIR', `${path}: Is a directory`);
    if (!node.body) throw new PhoneFileError('EACCES', `${path}: Permission denied`);
    return this.#open(node).read(offset, length);
  }

  readPieces(path: string, offset: number, length: number): readonly Uint8Array[] {
    const node = this.#walk(path, true);
    if (node.children) throw new PhoneFileError('EISDIR', `${path}: Is a directory`);
    if (!node.body) throw new PhoneFileError('EACCES', `${path}: Permission denied`);
    return piecesOf(this.#open(node), offset, length);
  }

  #open(node: TreeNode): FileBody {
    let body = this.#openBodies.get(node);
    if (body) {
      this.#openBodies.delete(node);
    } else {
      body = (node.body as () => FileBody)();
      if (this.#openBodies.size >= OPEN_BODIES) this.#openBodies.delete(this.#openBodies.keys().next().value as TreeNode);
    }
    this.#openBodies.set(node, body);
    return body;
  }

  /** The parent directory of `path`, checked for writing by the shell user. */
  #writableParent(path: string): { dir: TreeNode; name: string } {
    const parts = pathParts(path);
    const name = parts.pop();
    if (name === undefined || name === '..') throw new PhoneFileError('EISDIR', `${path}: Is a directory`);
    const parent = this.#resolve(`/${parts.join('/')}`, true, path);
    const dir = parent.node;
    const parentPath = parent.path;
    if (!dir.children) throw new PhoneFileError('ENOTDIR', `${path}: Not a directory`);
    if (parentPath === '/system' || parentPath.startsWith('/system/')) throw new PhoneFileError('EROFS', `${path}: Read-only file system`);
    if (!this.#writable(parentPath)) throw new PhoneFileError('EACCES', `${path}: Permission denied`);
    return { dir, name };
  }

  /** Like adbd's sync SEND, creates missing parent folders first (daemon/file_sync_service.cpp secure_mkdirs). */
  create(path: string, mode: number): PhoneFileWriter {
    const parent = `/${pathParts(path).slice(0, -1).join('/')}`;
    if (!this.exists(parent)) this.mkdir(parent, true, Math.floor(Date.now() / 1000));
    const { dir, name } = this.#writableParent(path);
    const existing = dir.children?.get(name);
    if (existing?.children) throw new PhoneFileError('EISDIR', `${path}: Is a directory`);
    const chunks: Uint8Array[] = [];
    let done = false;
    return {
      write: (chunk) => {
        if (!done) chunks.push(chunk.slice());
      },
      finish: (mtime) => {
        if (done) return;
        done = true;
        const bytes = new Uint8Array(Buffer.concat(chunks));
        const body = new BytesBody(bytes);
        const permissions = (mode & ~S_IFMT) || 0o660;
        this.#openBodies.delete(existing as TreeNode);
        this.addEntry(dir, name, { mode: S_IFREG | permissions, mtime, size: bytes.length, uid: 2000, gid: 9997 }, { body: () => body });
      },
      abort: () => {
        done = true;
        chunks.length = 0;
      },
    };
  }

  /** `mkdir` (with `-p` semantics when `parents`). */
  mkdir(path: string, parents: boolean, mtime: number): void {
    if (parents) {
      const parts = pathParts(path);
      for (let i = 1; i <= parts.length; i += 1) {
        const prefix = `/${parts.slice(0, i).join('/')}`;
        if (!this.exists(prefix)) this.mkdir(prefix, false, mtime);
      }
      return;
    }
    const { dir, name } = this.#writableParent(path);
    if (dir.children?.has(name)) throw new PhoneFileError('EEXIST', `${path}: File exists`);
    this.addEntry(dir, name, { mode: S_IFDIR | 0o771, mtime, size: 3452, nlink: 2, uid: 2000, gid: 9997 }, { children: new Map() });
  }

  /** `rm` of a file or link, or of a directory when `recursive`. */
  remove(path: string, recursive: boolean): void {
    const { dir, name } = this.#writableParent(path);
    const node = dir.children?.get(name);
    if (!node) throw new PhoneFileError('ENOENT', `${path}: No such file or directory`);
    if (node.children && !recursive) throw new PhoneFileError('EISDIR', `${path}: Is a directory`);
    this.#openBodies.delete(node);
    this.#lastDir = undefined;
    dir.children?.delete(name);
  }

  /** Bytes held by regular files under `path` (for df). */
  usedBytes(node: TreeNode = this.root): number {
    let total = node.body ? node.stat.size : 0;
    for (const child of node.children?.values() ?? []) total += this.usedBytes(child);
    return total;
  }

  /** Sets every directory's mtime to its newest child's, as a freshly filled tree would show. */
  settleDirectoryTimes(node: TreeNode = this.root): number {
    if (!node.children) return node.stat.mtime;
    let newest = node.stat.mtime;
    for (const child of node.children.values()) {
      if (child.target === undefined) newest = Math.max(newest, this.settleDirectoryTimes(child));
    }
    node.stat.mtime = node.stat.atime = node.stat.ctime = newest;
    return newest;
  }
}
