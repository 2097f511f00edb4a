// A folder of names that break naive backup code, as a misbehaving (or malicious) phone could
// report them over sync LIST/LIS2: path separators and NUL inside names, '..', terminal escape
// sequences, Windows-reserved names, a 255-byte multi-byte name, case-only collisions, symlinks
// that point out of the sdcard or at themselves, and a file whose stat size lies.
import { S_IFDIR, S_IFREG } from '../phone.ts';
import { clampLength, type FileBody } from './file-body.ts';
import type { FileTree } from './file-tree.ts';
import { FillerBody, type FillerBlock } from './filler.ts';
import { hashText } from './seeded-random.ts';
import { SDCARD } from './system-tree.ts';

export const HOSTILE_DIR = `${SDCARD}/Hostile`;

/** 255 bytes of UTF-8 (ext4's NAME_MAX) made of 2-, 3- and 4-byte characters. */
export function longestName(): string {
  let name = '';
  const pieces = ['é', '日', '😀'];
  for (let i = 0; new TextEncoder().encode(name + (pieces[i % 3] as string)).length <= 251; i += 1) name += pieces[i % 3];
  while (new TextEncoder().encode(`${name}.jpg`).length < 255) name += 'x';
  return `${name}.jpg`;
}

/** Names of regular files created in HOSTILE_DIR (some unreachable by path: they hold '/' or NUL). */
export function hostileFileNames(): string[] {
  return [
    '..',
    'a/b',
    'nul\0name',
    'line\nbreak.txt',
    'carriage\rreturn.txt',
    '\x1b[31mred\x1b[0m.txt',
    'tab\there.txt',
    'CON',
    'nul.txt',
    'aux',
    'COM1.jpg',
    'file:name?.jpg',
    'star*quote".txt',
    'trailing.',
    'trailing space ',
    ' leading space',
    '-rf',
    longestName(),
    'Photo.jpg',
    'photo.jpg',
    'PHOTO.JPG',
  ];
}

/** The symlinks created in HOSTILE_DIR, name -> target. */
export const HOSTILE_LINKS: ReadonlyArray<[string, string]> = [
  ['escape', '/data/data'],
  ['up', '../../../../etc'],
  ['loop', '.'],
  ['self', 'self'],
  ['dangling', '/nonexistent/target'],
];

/** Serves fewer bytes than its stat size claims (a file truncated while being read). */
class ShortBody implements FileBody {
  readonly size: number;
  readonly #actual: FileBody;

  constructor(claimed: number, actual: FileBody) {
    this.size = claimed;
    this.#actual = actual;
  }

  read(offset: number, length: number): Uint8Array {
    return this.#actual.read(offset, clampLength(this.#actual.size, offset, length));
  }
}

export const LYING_FILE = 'size-lies.bin';
export const LYING_CLAIMED_SIZE = 100_000;
export const LYING_ACTUAL_SIZE = 1_000;

export function addHostileNames(tree: FileTree, filler: FillerBlock, epoch: number): void {
  const dir = tree.ensureDir(HOSTILE_DIR, { mode: S_IFDIR | 0o771, mtime: epoch, size: 3452, uid: 0, gid: 9997, dev: 0x2f });
  const stat = { mode: S_IFREG | 0o660, mtime: epoch - 3600, uid: 10120, gid: 9997, dev: 0x2f };
  for (const name of hostileFileNames()) {
    const key = hashText(name);
    const size = 16 + (key % 512);
    tree.addEntry(dir, name, { ...stat, size }, { body: () => new FillerBody(filler, key, size, 'text') });
  }
  for (const [name, target] of HOSTILE_LINKS) {
    tree.addEntry(dir, name, { ...stat, mode: 0o120777, size: new TextEncoder().encode(target).length }, { target });
  }
  const key = hashText(LYING_FILE);
  tree.addEntry(dir, LYING_FILE, { ...stat, size: LYING_CLAIMED_SIZE }, {
    body: () => new ShortBody(LYING_CLAIMED_SIZE, new FillerBody(filler, key, LYING_ACTUAL_SIZE, 'random')),
  });
  tree.addEntry(dir, 'Nested', { ...stat, mode: S_IFDIR | 0o771, size: 3452 }, { children: new Map() });
}
