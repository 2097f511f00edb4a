// Phone names → names any local disk can hold, reversibly. Android (ext4/f2fs/FUSE) allows
// almost anything in a name; Windows (NTFS, exFAT) and macOS (case-insensitive APFS) do not. The
// mapping, documented in LAYOUT.md, percent-encodes (as UTF-8 bytes, %XX upper-case hex):
//   - always: `%` itself, `< > : " \ | ? * /`, control characters (U+0000–U+001F, U+007F);
//   - a trailing `.` or space (Windows drops them), and the names `.` and `..`;
//   - the first letter of a Windows-reserved name (CON, PRN, AUX, NUL, COM0–9, LPT0–9, with or
//     without an extension: "nul.txt" → "%6Eul.txt");
//   - case-only collisions: when siblings differ only by case ("Photo.jpg", "PHOTO.JPG"), every
//     one except the lower-case one (or, if none is, the first in code-point order) has its
//     upper-case letters encoded ("%50hoto.jpg"). Encoded names then differ under any case folding.
// Decoding is plain percent-decoding. One exception: a name longer than 255 bytes once encoded is
// cut and given a hash suffix ("…~<16 hex>"); the snapshot's manifest maps it back.
import { createHash } from 'node:crypto';

const ALWAYS = new Set(['%', '<', '>', ':', '"', '\\', '|', '?', '*', '/']);
const RESERVED = /^(CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³])(\.|$)/i;
const MAX_NAME_BYTES = 255;
const LONG_KEEP_BYTES = 200;

function percent(text: string): string {
  return [...Buffer.from(text, 'utf8')].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('');
}

function mustEncode(char: string, encodeCase: boolean): boolean {
  const code = char.codePointAt(0) as number;
  return ALWAYS.has(char) || code < 0x20 || code === 0x7f || (encodeCase && char.toLowerCase() !== char);
}

/** One phone name as a local name (see the mapping above). */
export function encodeComponent(name: string, options: { encodeCase?: boolean } = {}): string {
  const chars = [...name];
  let out = chars.map((char) => (mustEncode(char, options.encodeCase ?? false) ? percent(char) : char));
  if (name === '.' || name === '..') out = chars.map(percent);
  const last = out.length - 1;
  if (last >= 0 && (out[last] === '.' || out[last] === ' ')) out[last] = percent(out[last] as string);
  let encoded = out.join('');
  if (RESERVED.test(encoded)) encoded = percent(encoded[0] as string) + encoded.slice(1);
  if (Buffer.byteLength(encoded) > MAX_NAME_BYTES) encoded = shortened(encoded, name);
  return encoded;
}

function shortened(encoded: string, name: string): string {
  let kept = '';
  for (const char of encoded) {
    if (Buffer.byteLength(kept + char) > LONG_KEEP_BYTES) break;
    kept += char;
  }
  kept = kept.replace(/%[0-9A-F]?$/, ''); // never cut an escape in half
  return `${kept}~${createHash('sha256').update(name).digest('hex').slice(0, 16)}`;
}

/** A local name back to the phone's name (not for shortened names: use the manifest). */
export function decodeComponent(local: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < local.length; ) {
    if (local[i] === '%' && /^[0-9A-F]{2}$/.test(local.slice(i + 1, i + 3))) {
      bytes.push(parseInt(local.slice(i + 1, i + 3), 16));
      i += 3;
    } else {
      const char = String.fromCodePoint(local.codePointAt(i) as number);
      bytes.push(...Buffer.from(char, 'utf8'));
      i += char.length;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** A snapshot path split into folder names for the browsable tree. */
export function treeComponents(entryPath: string): string[] {
  const shared = '/storage/emulated/0/';
  if (entryPath.startsWith(shared)) return ['Internal storage', ...entryPath.slice(shared.length).split('/')];
  if (entryPath.startsWith('/')) return ['Phone', ...entryPath.slice(1).split('/')];
  return entryPath.split('/');
}

/**
 * Local relative paths (joined with '/') for a whole snapshot's paths at once: case collisions
 * depend on siblings, so names are decided folder by folder.
 */
export function localTreePaths(entryPaths: Iterable<string>): Map<string, string> {
  const split = new Map<string, string[]>();
  const siblings = new Map<string, Map<string, Set<string>>>();
  for (const path of entryPaths) {
    const parts = treeComponents(path);
    split.set(path, parts);
    parts.forEach((name, depth) => {
      const parent = parts.slice(0, depth).join('\0');
      let groups = siblings.get(parent);
      if (!groups) siblings.set(parent, (groups = new Map()));
      const key = name.toLowerCase();
      let group = groups.get(key);
      if (!group) groups.set(key, (group = new Set()));
      group.add(name);
    });
  }
  const plain = (group: Set<string>): string => [...group].find((n) => n === n.toLowerCase()) ?? [...group].sort()[0]!;
  const result = new Map<string, string>();
  for (const [path, parts] of split) {
    const local = parts.map((name, depth) => {
      const group = siblings.get(parts.slice(0, depth).join('\0'))!.get(name.toLowerCase())!;
      return encodeComponent(name, { encodeCase: group.size > 1 && name !== plain(group) });
    });
    result.set(path, local.join('/'));
  }
  return result;
}
