// The seam between the simulated phone's *content* (files, providers, shell commands) and its
// *ADB daemon* (transport, streams, services). The daemon only sees these interfaces, so the same
// protocol code serves any phone we can describe, hostile ones included.

/** Linux st_mode type bits, as adbd reports them in STAT/STA2/LIST/LIS2. */
export const S_IFMT = 0o170000;
export const S_IFREG = 0o100000;
export const S_IFDIR = 0o040000;
export const S_IFLNK = 0o120000;

export interface FileStat {
  /** Full st_mode: type bits | permission bits. */
  mode: number;
  /** Bytes. A number: files over 4 GiB must work (safe up to 2^53). */
  size: number;
  /** Seconds since the epoch. */
  mtime: number;
  atime: number;
  ctime: number;
  dev: number;
  ino: number;
  nlink: number;
  uid: number;
  gid: number;
}

export interface DirEntry {
  /** One path component as the phone reports it. A hostile phone may put '/', NUL, '..' here. */
  name: string;
  stat: FileStat;
}

/** Errors the phone's file system reports, mapped by the daemon to errno / FAIL messages. */
export type PhoneErrno = 'ENOENT' | 'ENOTDIR' | 'EISDIR' | 'EACCES' | 'EROFS' | 'EEXIST';

export class PhoneFileError extends Error {
  readonly errno: PhoneErrno;
  constructor(errno: PhoneErrno, message: string) {
    super(message);
    this.name = 'PhoneFileError';
    this.errno = errno;
  }
}

export interface PhoneFiles {
  /** lstat semantics (a symlink is reported as a link). Throws PhoneFileError. */
  lstat(path: string): FileStat;
  /** stat semantics (follows symlinks). Throws PhoneFileError. */
  stat(path: string): FileStat;
  /** Entries of a directory, without '.' and '..' (the daemon adds those). Throws PhoneFileError. */
  list(path: string): DirEntry[];
  /**
   * Bytes [offset, offset+length) of a regular file (shorter at the end). Content is generated
   * deterministically and lazily, so this must be cheap: the daemon calls it per 64 KiB chunk.
   */
  read(path: string, offset: number, length: number): Uint8Array;
  /**
   * The same bytes as `read`, as read-only pieces that are views of the content, not copies.
   * Optional; the daemon prefers it for RECV: a 64 KiB copy per chunk cost the simulated phone
   * more garbage collection than copying, on the cores the host it serves also needs.
   */
  readPieces?(path: string, offset: number, length: number): readonly Uint8Array[];
  /** Starts writing a file (adb push). The file appears once `finish` is called. */
  create(path: string, mode: number): PhoneFileWriter;
  /** Target of a symlink, for `readlink` and `ls -l`. */
  readlink(path: string): string;
}

export interface PhoneFileWriter {
  write(chunk: Uint8Array): void;
  /** Makes the file visible with this mtime (seconds). */
  finish(mtime: number): void;
  /** Drops a partial push (connection lost). */
  abort(): void;
}

/** One piece of a shell command's output; the last item is always `{ exit }`. */
export type ShellOutput = { stdout: Uint8Array } | { stderr: Uint8Array } | { exit: number };

export interface PhoneShell {
  /**
   * Runs a command line the way `sh -c` on the phone would for the commands we simulate
   * (getprop, df, dumpsys battery, pm, content query, ls, stat, cat, echo, ...). Output is
   * streamed: `content query` on 50,000 messages must not build one giant string.
   */
  run(command: string, signal: AbortSignal): AsyncIterable<ShellOutput>;
}

export interface SimulatedPhone {
  /** System properties as `getprop` prints them (ro.product.model, ro.build.version.release, ...). */
  readonly properties: ReadonlyMap<string, string>;
  readonly files: PhoneFiles;
  readonly shell: PhoneShell;
}
