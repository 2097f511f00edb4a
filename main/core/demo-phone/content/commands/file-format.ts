// How toybox shows file metadata: permission strings, Android user names, dates.
import { S_IFDIR, S_IFLNK, S_IFMT, type FileStat } from '../../phone.ts';

const NAMED_IDS: Record<number, string> = {
  0: 'root', 1000: 'system', 1001: 'radio', 1015: 'sdcard_rw', 1023: 'media_rw', 1028: 'sdcard_r', 2000: 'shell', 9997: 'everybody',
};

/** Android's name for a uid or gid (app ids are u0_aNNN, AOSP bionic/libc/bionic/grp_pwd.cpp). */
export function idName(id: number): string {
  return NAMED_IDS[id] ?? (id >= 10000 && id < 20000 ? `u0_a${id - 10000}` : String(id));
}

/** "drwxrws--x" style mode string. */
export function modeString(mode: number): string {
  const type = mode & S_IFMT;
  const kind = type === S_IFDIR ? 'd' : type === S_IFLNK ? 'l' : '-';
  let out = kind;
  for (let shift = 6; shift >= 0; shift -= 3) {
    const bits = (mode >> shift) & 7;
    out += `${bits & 4 ? 'r' : '-'}${bits & 2 ? 'w' : '-'}${bits & 1 ? 'x' : '-'}`;
  }
  if (mode & 0o2000) out = `${out.slice(0, 6)}${out[6] === 'x' ? 's' : 'S'}${out.slice(7)}`;
  return out;
}

export function fileTypeText(mode: number): string {
  const type = mode & S_IFMT;
  return type === S_IFDIR ? 'directory' : type === S_IFLNK ? 'symbolic link' : 'regular file';
}

/** "YYYY-MM-DD HH:MM" in the phone's zone (UTC), as `ls -l` prints. */
export function shortDate(seconds: number): string {
  const iso = new Date(seconds * 1000).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

/** "YYYY-MM-DD HH:MM:SS.000000000 +0000", as `stat` prints. */
export function longDate(seconds: number): string {
  const iso = new Date(seconds * 1000).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}.000000000 +0000`;
}

export function blocks(stat: FileStat): number {
  return Math.ceil(stat.size / 4096) * 8;
}
