// What the user sees on the sdcard: camera photos and videos, screenshots, WhatsApp's deep
// folders, downloads, documents, music, recordings, `options.files` small documents spread over
// deep folders, and `options.extraFiles`. Only metadata is built here; bodies are recipes.
import type { PhoneOptions } from '../options.ts';
import { S_IFDIR, S_IFREG } from '../phone.ts';
import { BytesBody, JoinedBody, type FileBody } from './file-body.ts';
import type { FileTree } from './file-tree.ts';
import { FillerBody, type FillerBlock } from './filler.ts';
import { pdfBody, pdfBytes, textBody } from './media/documents.ts';
import { photoBody, photoSize } from './media/jpeg.ts';
import { videoBody } from './media/mp4.ts';
import { absolutePath, baseName } from './phone-path.ts';
import type { ProfileFacts } from './properties.ts';
import { hash32, hashText, SeededRandom } from './seeded-random.ts';
import { SDCARD } from './system-tree.ts';

const MB = 1024 * 1024;
const TWO_YEARS = 2 * 365 * 86400;
const FILE_MODE = S_IFREG | 0o660;
const DIR_STAT = { mode: S_IFDIR | 0o771, mtime: 0, size: 3452, uid: 0, gid: 9997, dev: 0x2f };
/** App uids that own what they wrote (camera, WhatsApp, ...), as FUSE reports since Android 11. */
const CAMERA_UID = 10158;
const WHATSAPP_UID = 10157;
const MEDIA_GID = 9997;

interface Builder {
  tree: FileTree;
  filler: FillerBlock;
  options: PhoneOptions;
  facts: ProfileFacts;
  epoch: number;
}

/** "YYYYMMDD_HHMMSS" in UTC, as camera apps name files (the phone's zone is UTC). */
export function stamp(seconds: number, dateTimeSeparator = '_'): string {
  const iso = new Date(seconds * 1000).toISOString();
  return `${iso.slice(0, 10).replaceAll('-', '')}${dateTimeSeparator}${iso.slice(11, 19).replaceAll(':', '')}`;
}

function addSdcardFile(b: Builder, relative: string, size: number, mtime: number, uid: number, body: () => FileBody): void {
  b.tree.addFile(`${SDCARD}/${relative}`, { mode: FILE_MODE, size, mtime, uid, gid: MEDIA_GID, dev: 0x2f }, body, DIR_STAT);
}

/** A unique name in `dir`: the camera bumps the time by a second when two shots share one. */
function freeTime(b: Builder, dir: string, name: (t: number) => string, t: number): number {
  let time = t;
  while (b.tree.exists(`${SDCARD}/${dir}/${name(time)}`)) time += 1;
  return time;
}

function addPhotos(b: Builder): void {
  const exif = { make: b.facts.manufacturer, model: b.facts.model, software: b.facts.software };
  const screenshots = Math.ceil(b.options.photos / 8);
  for (let i = 0; i < b.options.photos + screenshots; i += 1) {
    const random = new SeededRandom(b.options.seed, 0x9407, i);
    const screenshot = i >= b.options.photos;
    const dir = screenshot ? 'Pictures/Screenshots' : 'DCIM/Camera';
    const name = (t: number) => (screenshot ? `Screenshot_${stamp(t, '-')}.jpg` : `IMG_${stamp(t)}.jpg`);
    const takenAt = freeTime(b, dir, name, b.epoch - random.int(3600, TWO_YEARS));
    const size = photoSize(exif, screenshot ? random.int(150_000, 900_000) : random.int(MB, 6 * MB));
    const key = hash32(b.options.seed, 0x9407, i);
    addSdcardFile(b, `${dir}/${name(takenAt)}`, size, takenAt, CAMERA_UID, () =>
      photoBody(b.filler, key, { ...exif, takenAt }, size),
    );
  }
}

function addVideos(b: Builder): void {
  for (let i = 0; i < b.options.videos; i += 1) {
    const random = new SeededRandom(b.options.seed, 0x71de, i);
    const inMovies = i % 3 === 2;
    const dir = inMovies ? 'Movies' : 'DCIM/Camera';
    const name = (t: number) => (inMovies ? `Trip ${stamp(t).slice(0, 8)}.mp4` : `VID_${stamp(t)}.mp4`);
    const t = freeTime(b, dir, name, b.epoch - random.int(3600, TWO_YEARS));
    const size = random.int(4 * MB, 40 * MB);
    const key = hash32(b.options.seed, 0x71de, i);
    addSdcardFile(b, `${dir}/${name(t)}`, size, t, CAMERA_UID, () => videoBody(b.filler, key, size));
  }
}

function addWhatsApp(b: Builder): void {
  const media = 'Android/media/com.whatsapp/WhatsApp/Media';
  const exif = { make: b.facts.manufacturer, model: b.facts.model, software: 'WhatsApp' };
  const count = Math.ceil(b.options.photos / 4);
  for (let i = 0; i < count; i += 1) {
    const random = new SeededRandom(b.options.seed, 0x3a77, i);
    const t = b.epoch - random.int(3600, TWO_YEARS);
    const sent = i % 3 === 0 ? 'Sent/' : '';
    const size = photoSize(exif, random.int(60_000, 400_000));
    const key = hash32(b.options.seed, 0x3a77, i);
    const name = `IMG-${stamp(t).slice(0, 8)}-WA${String(i + 1).padStart(4, '0')}.jpg`;
    addSdcardFile(b, `${media}/WhatsApp Images/${sent}${name}`, size, t, WHATSAPP_UID, () => photoBody(b.filler, key, { ...exif, takenAt: t }, size));
    if (i % 4 === 1) {
      const voice = random.int(8_000, 90_000);
      const month = stamp(t).slice(0, 6);
      addSdcardFile(b, `${media}/WhatsApp Voice Notes/${month}/PTT-${stamp(t).slice(0, 8)}-WA${String(i + 1).padStart(4, '0')}.opus`, voice, t, WHATSAPP_UID, () =>
        new JoinedBody([new BytesBody(new TextEncoder().encode('OggS')), new FillerBody(b.filler, key + 1, voice - 4, 'random')]),
      );
    }
  }
  b.tree.ensureDir(`${SDCARD}/${media}/WhatsApp Documents/Sent`, DIR_STAT);
  b.tree.ensureDir(`${SDCARD}/${media}/.Statuses`, DIR_STAT);
}

function addDocuments(b: Builder): void {
  const documents: Array<[string, string[]]> = [
    ['Documents/Lease agreement.pdf', ['Lease agreement', 'Flat 3, 12 Rue des Lilas', 'Signed by both parties.']],
    ['Documents/Taxes/2024 tax return.pdf', ['Tax return 2024', 'Summary of income and deductions.']],
    ['Download/boarding-pass.pdf', ['Boarding pass', 'Flight VT 1203, seat 14C']],
    ['Download/Invoice_2024-118.pdf', ['Invoice 2024-118', 'Total due: 129.00 EUR']],
  ];
  documents.forEach(([path, lines], i) => {
    const size = pdfBytes(baseName(path), lines).length;
    const t = b.epoch - new SeededRandom(b.options.seed, 0xd0c, i).int(3600, TWO_YEARS);
    addSdcardFile(b, path, size, t, 10120, () => pdfBody(baseName(path), lines));
  });
  const texts = ['Documents/shopping list.txt', 'Documents/Notes/ideas.md', 'Download/readme.txt'];
  texts.forEach((path, i) => {
    const random = new SeededRandom(b.options.seed, 0x7e7, i);
    const size = random.int(200, 20_000);
    addSdcardFile(b, path, size, b.epoch - random.int(3600, TWO_YEARS), 10120, () => textBody(b.filler, hashText(path), size));
  });
  const id3 = new Uint8Array([0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 0]);
  for (const [i, path] of ['Music/Album/01 - Opening.mp3', 'Music/Album/02 - Interlude.mp3', 'Recordings/Recording 1.m4a'].entries()) {
    const random = new SeededRandom(b.options.seed, 0x3b3, i);
    const size = random.int(2 * MB, 8 * MB);
    const key = hashText(path);
    const body = path.endsWith('.mp3')
      ? () => new JoinedBody([new BytesBody(id3), new FillerBody(b.filler, key, size - id3.length, 'random')])
      : () => videoBody(b.filler, key, size);
    addSdcardFile(b, path, size, b.epoch - random.int(3600, TWO_YEARS), 10120, body);
  }
  for (const dir of ['Alarms', 'Audiobooks', 'Notifications', 'Podcasts', 'Ringtones', 'Android/data', 'Android/obb']) {
    b.tree.ensureDir(`${SDCARD}/${dir}`, DIR_STAT);
  }
}

const TOPICS = ['Projects', 'School', 'Work', 'Travel', 'Recipes', 'Letters', 'Receipts', 'Health'];
const EXTENSIONS = ['txt', 'md', 'csv', 'log'];

/** `options.files` small text files: ~40 per folder, folders 3-6 levels deep. */
function addManyFiles(b: Builder): void {
  for (let i = 0; i < b.options.files; i += 1) {
    const h = hash32(b.options.seed, 0xf11e, i);
    const folder = Math.floor(i / 40);
    const year = 2020 + (folder % 6);
    const topic = TOPICS[hash32(b.options.seed, folder) % TOPICS.length] as string;
    const depth = folder % 4;
    const deep = ['a', 'b', 'c', 'd'].slice(0, depth).map((level) => `${level}${folder % 10}`).join('/');
    const dir = `Documents/Archive/${year}/${topic}/${String(folder).padStart(5, '0')}${deep ? `/${deep}` : ''}`;
    const size = 64 + (h % (32 * 1024));
    const name = `note-${String(i).padStart(6, '0')}.${EXTENSIONS[h % EXTENSIONS.length]}`;
    addSdcardFile(b, `${dir}/${name}`, size, b.epoch - (h % TWO_YEARS), 10120, () => textBody(b.filler, h, size));
  }
}

function addExtraFiles(b: Builder): void {
  const exif = { make: b.facts.manufacturer, model: b.facts.model, software: b.facts.software };
  b.options.extraFiles.forEach((extra, i) => {
    const path = absolutePath(extra.path, SDCARD).replace(/^\/sdcard(?=\/|$)/, SDCARD);
    const key = hashText(path);
    const t = b.epoch - (key % 86400);
    let size = extra.size;
    let body: () => FileBody;
    if (/\.jpe?g$/i.test(path)) {
      size = photoSize(exif, extra.size);
      body = () => photoBody(b.filler, key, { ...exif, takenAt: t }, size);
    } else if (/\.(mp4|m4a|mov)$/i.test(path)) {
      body = () => videoBody(b.filler, key, size);
    } else {
      body = () => new FillerBody(b.filler, key + i, size, 'random');
    }
    const dirStat = path.startsWith(`${SDCARD}/`) ? DIR_STAT : { mode: S_IFDIR | 0o771, mtime: t };
    b.tree.addFile(path, { mode: FILE_MODE, size, mtime: t, uid: CAMERA_UID, gid: MEDIA_GID, dev: 0x2f }, body, dirStat);
  });
}

export function buildSdcard(tree: FileTree, filler: FillerBlock, options: PhoneOptions, facts: ProfileFacts, epoch: number): void {
  const b: Builder = { tree, filler, options, facts, epoch };
  addPhotos(b);
  addVideos(b);
  addWhatsApp(b);
  addDocuments(b);
  addManyFiles(b);
  addExtraFiles(b);
}
