// A minimal Exif APP1 payload: camera make/model and the capture time. Layout per the Exif 2.32
// specification (CIPA DC-008): "Exif\0\0", a little-endian TIFF header, IFD0 with a pointer to
// the Exif IFD. Backup tools date photos from DateTimeOriginal, so it must equal the file's mtime.

const ASCII = 2;
const SHORT = 3;
const LONG = 4;

interface IfdEntry {
  tag: number;
  type: number;
  count: number;
  /** Little-endian value bytes; stored inline when 4 bytes or fewer. */
  value: Uint8Array;
}

export interface ExifFields {
  make: string;
  model: string;
  software: string;
  /** Capture time, seconds since the epoch; written as UTC wall time with offset +00:00. */
  takenAt: number;
}

/** "YYYY:MM:DD HH:MM:SS", the Exif date format, in UTC. */
export function exifDate(seconds: number): string {
  const iso = new Date(seconds * 1000).toISOString();
  return `${iso.slice(0, 10).replaceAll('-', ':')} ${iso.slice(11, 19)}`;
}

function ascii(tag: number, text: string): IfdEntry {
  const value = new TextEncoder().encode(`${text}\0`);
  return { tag, type: ASCII, count: value.length, value };
}

function short(tag: number, n: number): IfdEntry {
  return { tag, type: SHORT, count: 1, value: new Uint8Array([n & 0xff, n >> 8, 0, 0]) };
}

function long(tag: number, n: number): IfdEntry {
  const value = new Uint8Array(4);
  new DataView(value.buffer).setUint32(0, n, true);
  return { tag, type: LONG, count: 1, value };
}

/** Bytes of one IFD placed at `at` (offset from the TIFF header), its overflow data after it. */
function writeIfd(entries: IfdEntry[], at: number): Uint8Array {
  const tableSize = 2 + entries.length * 12 + 4;
  const overflow = entries.reduce((n, e) => n + (e.value.length > 4 ? e.value.length + (e.value.length % 2) : 0), 0);
  const out = new Uint8Array(tableSize + overflow);
  const view = new DataView(out.buffer);
  view.setUint16(0, entries.length, true);
  let dataAt = tableSize;
  entries.forEach((entry, i) => {
    const p = 2 + i * 12;
    view.setUint16(p, entry.tag, true);
    view.setUint16(p + 2, entry.type, true);
    view.setUint32(p + 4, entry.count, true);
    if (entry.value.length <= 4) {
      out.set(entry.value, p + 8);
    } else {
      view.setUint32(p + 8, at + dataAt, true);
      out.set(entry.value, dataAt);
      dataAt += entry.value.length + (entry.value.length % 2);
    }
  });
  return out;
}

/** The APP1 payload (without the FFE1 marker and length). */
export function buildExif(fields: ExifFields): Uint8Array {
  const date = exifDate(fields.takenAt);
  const exifEntries = [ascii(0x9003, date), ascii(0x9004, date), ascii(0x9011, '+00:00')];
  const ifd0Without = [
    ascii(0x010f, fields.make),
    ascii(0x0110, fields.model),
    short(0x0112, 1),
    ascii(0x0131, fields.software),
    ascii(0x0132, date),
  ];
  // IFD0 starts right after the 8-byte TIFF header; the Exif IFD follows IFD0.
  const ifd0Size = writeIfd([...ifd0Without, long(0x8769, 0)], 8).length;
  const exifAt = 8 + ifd0Size;
  const ifd0 = writeIfd([...ifd0Without, long(0x8769, exifAt)], 8);
  const exifIfd = writeIfd(exifEntries, exifAt);
  const header = new Uint8Array([0x45, 0x78, 0x69, 0x66, 0, 0, 0x49, 0x49, 0x2a, 0, 8, 0, 0, 0]);
  const out = new Uint8Array(header.length + ifd0.length + exifIfd.length);
  out.set(header, 0);
  out.set(ifd0, header.length);
  out.set(exifIfd, header.length + ifd0.length);
  return out;
}
