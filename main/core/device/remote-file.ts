// Files on the phone as Vitre describes them, converted from Tango's sync replies.
import type { AdbSyncEntry, AdbSyncStat } from '@yume-chan/adb';
import { DeviceError, describeError } from './errors.ts';

export type RemoteFileType = 'file' | 'directory' | 'symlink' | 'other';

export interface RemoteStat {
  type: RemoteFileType;
  /** Full st_mode (type bits and permissions). */
  mode: number;
  /** Permission bits only (0o644). */
  permissions: number;
  size: number;
  /** Seconds since the epoch. */
  mtime: number;
}

export interface RemoteEntry extends RemoteStat {
  /** One name as the phone reported it (a hostile phone may put '/', '..' or NUL here). */
  name: string;
}

function typeOf(mode: number): RemoteFileType {
  switch (mode & 0o170000) {
    case 0o100000:
      return 'file';
    case 0o040000:
      return 'directory';
    case 0o120000:
      return 'symlink';
    default:
      return 'other';
  }
}

export function toRemoteStat(stat: AdbSyncStat): RemoteStat {
  return {
    type: typeOf(stat.mode),
    mode: stat.mode,
    permissions: stat.mode & 0o7777,
    size: Number(stat.size),
    mtime: Number(stat.mtime),
  };
}

/** The same, from plain numbers (Vitre's own LIS2 parser, sync/list-parser.ts). */
export function remoteStatOf(mode: number, size: number, mtime: number): RemoteStat {
  return { type: typeOf(mode), mode, permissions: mode & 0o7777, size, mtime };
}

export function toRemoteEntry(entry: AdbSyncEntry): RemoteEntry {
  return { name: entry.name, ...toRemoteStat(entry) };
}

/**
 * Tango reports a sync failure as a plain Error: the errno name from STA2/LST2 ("ENOENT"), "lstat
 * error" for v1's all-zero reply, or the device's FAIL text ("No such file or directory").
 * Those are answers about the file, not about the connection.
 */
export function fileErrorFrom(error: unknown, path: string): DeviceError | undefined {
  const text = describeError(error);
  if (/^(ENOENT|ENOTDIR|lstat error)$|no such file|not a directory/i.test(text)) {
    return new DeviceError('not-found', `${path} does not exist on the phone.`, { cause: error });
  }
  if (/^(EACCES|EPERM|EROFS)$|permission denied|read-only/i.test(text)) {
    return new DeviceError('refused', `The phone does not allow access to ${path} (${text}).`, { cause: error });
  }
  if ((error as { name?: string } | null)?.name === 'AdbSyncError') {
    return new DeviceError('refused', `The phone refused the request for ${path}: ${text}.`, { cause: error });
  }
  return undefined;
}

/** A failure Tango reported (wrapped as 'protocol') that is really about the file, made specific. */
export function asFileError(error: unknown, path: string): unknown {
  if (error instanceof DeviceError && error.kind === 'protocol') return fileErrorFrom(error.cause, path) ?? error;
  return error;
}
