// The sync service's wire format (AOSP adb file_sync_protocol.h). Every request and response
// starts with a 4-byte id; multi-byte numbers are little-endian.
import type { FileStat, PhoneErrno } from '../../phone.ts';

export const SYNC_DATA_MAX = 64 * 1024;
/** file_sync_service.cpp: requests with longer paths are refused ("path too long"). */
export const SYNC_PATH_MAX = 1024;

export function syncId(name: string): number {
  return Buffer.from(name, 'latin1').readUInt32LE(0);
}

export const ID_STAT = syncId('STAT');
export const ID_STAT_V2 = syncId('STA2');
export const ID_LSTAT_V2 = syncId('LST2');
export const ID_LIST = syncId('LIST');
export const ID_LIST_V2 = syncId('LIS2');
export const ID_SEND = syncId('SEND');
export const ID_RECV = syncId('RECV');
export const ID_DATA = syncId('DATA');
export const ID_DONE = syncId('DONE');
export const ID_QUIT = syncId('QUIT');

/** Linux errno values adbd puts on the wire (bionic asm-generic/errno-base.h). */
export const ERRNO: Record<PhoneErrno, number> = {
  ENOENT: 2,
  EACCES: 13,
  EEXIST: 17,
  ENOTDIR: 20,
  EISDIR: 21,
  EROFS: 30,
};

/** strerror() texts, as adbd appends them to FAIL messages. */
export const STRERROR: Record<PhoneErrno, string> = {
  ENOENT: 'No such file or directory',
  EACCES: 'Permission denied',
  EEXIST: 'File exists',
  ENOTDIR: 'Not a directory',
  EISDIR: 'Is a directory',
  EROFS: 'Read-only file system',
};

/** `[id][u32]`: DATA/DONE/OKAY/FAIL headers and the v1 DONE. */
export function idAndLength(id: string, value: number): Buffer {
  const bytes = Buffer.allocUnsafe(8);
  bytes.write(id, 0, 'latin1');
  bytes.writeUInt32LE(value >>> 0, 4);
  return bytes;
}

export function syncFail(message: string): Uint8Array[] {
  const text = Buffer.from(message, 'utf8');
  return [idAndLength('FAIL', text.length), text];
}

/** struct sync_stat_v1 / sync_dent_v1 body: mode, size, mtime (u32 each; size truncated like adbd). */
export function writeStatV1(target: Buffer, offset: number, stat: FileStat | undefined): void {
  target.writeUInt32LE(stat ? stat.mode >>> 0 : 0, offset);
  target.writeUInt32LE(stat ? stat.size % 2 ** 32 : 0, offset + 4);
  target.writeUInt32LE(stat ? stat.mtime >>> 0 : 0, offset + 8);
}

function wide(value: number): bigint {
  return BigInt(Math.trunc(value));
}

/** struct sync_stat_v2 body after the id: error, dev, ino, mode, nlink, uid, gid, size, atime, mtime, ctime (68 bytes). */
export function writeStatV2(target: Buffer, offset: number, stat: FileStat | undefined, error: number): void {
  target.fill(0, offset, offset + 68);
  target.writeUInt32LE(error, offset);
  if (stat === undefined) return;
  target.writeBigUInt64LE(wide(stat.dev), offset + 4);
  target.writeBigUInt64LE(wide(stat.ino), offset + 12);
  target.writeUInt32LE(stat.mode >>> 0, offset + 20);
  target.writeUInt32LE(stat.nlink >>> 0, offset + 24);
  target.writeUInt32LE(stat.uid >>> 0, offset + 28);
  target.writeUInt32LE(stat.gid >>> 0, offset + 32);
  target.writeBigUInt64LE(wide(stat.size), offset + 36);
  target.writeBigInt64LE(wide(stat.atime), offset + 44);
  target.writeBigInt64LE(wide(stat.mtime), offset + 52);
  target.writeBigInt64LE(wide(stat.ctime), offset + 60);
}
