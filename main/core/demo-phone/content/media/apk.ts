// APKs: real ZIP archives (APPNOTE 6.3.x §4.3: local headers, central directory, end record)
// with two stored entries, a small AndroidManifest.xml and a large classes.dex of filler. The
// dex's CRC-32 needs one pass over its bytes, done on the first read of the archive's head.
import { crc32 } from 'node:zlib';
import { JoinedBody, LazyBody, type FileBody } from '../file-body.ts';
import { FillerBody, type FillerBlock } from '../filler.ts';

interface ZipEntry {
  name: Uint8Array;
  size: number;
  crc: () => number;
}

const LOCAL_HEADER = 30;
const CENTRAL_HEADER = 46;
const END_RECORD = 22;
/** 1980-01-01 00:00, the DOS epoch: reproducible builds (and AOSP's zipalign) stamp this. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

function localHeader(entry: ZipEntry): Uint8Array {
  const out = new Uint8Array(LOCAL_HEADER + entry.name.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, 0x04034b50, true);
  view.setUint16(4, 10, true); // version needed: 1.0 (stored)
  view.setUint16(10, DOS_TIME, true);
  view.setUint16(12, DOS_DATE, true);
  view.setUint32(14, entry.crc(), true);
  view.setUint32(18, entry.size, true);
  view.setUint32(22, entry.size, true);
  view.setUint16(26, entry.name.length, true);
  out.set(entry.name, LOCAL_HEADER);
  return out;
}

function centralDirectory(entries: ZipEntry[], offsets: number[], at: number): Uint8Array {
  const size = entries.reduce((n, e) => n + CENTRAL_HEADER + e.name.length, 0);
  const out = new Uint8Array(size + END_RECORD);
  const view = new DataView(out.buffer);
  let p = 0;
  entries.forEach((entry, i) => {
    view.setUint32(p, 0x02014b50, true);
    view.setUint16(p + 4, 0x0314, true); // made by: Unix, 2.0
    view.setUint16(p + 6, 10, true);
    view.setUint16(p + 12, DOS_TIME, true);
    view.setUint16(p + 14, DOS_DATE, true);
    view.setUint32(p + 16, entry.crc(), true);
    view.setUint32(p + 20, entry.size, true);
    view.setUint32(p + 24, entry.size, true);
    view.setUint16(p + 28, entry.name.length, true);
    view.setUint32(p + 38, 0o100644 << 16, true);
    view.setUint32(p + 42, offsets[i] ?? 0, true);
    out.set(entry.name, p + CENTRAL_HEADER);
    p += CENTRAL_HEADER + entry.name.length;
  });
  view.setUint32(p, 0x06054b50, true);
  view.setUint16(p + 8, entries.length, true);
  view.setUint16(p + 10, entries.length, true);
  view.setUint32(p + 12, size, true);
  view.setUint32(p + 16, at, true);
  return out;
}

function once(compute: () => number): () => number {
  let value: number | undefined;
  return () => (value ??= compute());
}

/** An APK of about `size` bytes (under 4 GiB) named after `packageName`. */
export function apkBody(filler: FillerBlock, key: number, packageName: string, size: number): FileBody {
  const encoder = new TextEncoder();
  const manifestBytes = encoder.encode(
    `<?xml version="1.0" encoding="utf-8"?>\n<manifest package="${packageName}" />\n`,
  );
  const manifest: ZipEntry = { name: encoder.encode('AndroidManifest.xml'), size: manifestBytes.length, crc: () => crc32(manifestBytes) };
  const dexName = encoder.encode('classes.dex');
  const overhead = 2 * LOCAL_HEADER + 2 * CENTRAL_HEADER + END_RECORD + 2 * manifest.name.length + 2 * dexName.length + manifest.size;
  const dexFiller = new FillerBody(filler, key, Math.max(16, size - overhead), 'random');
  const dex: ZipEntry = {
    name: dexName,
    size: dexFiller.size,
    crc: once(() => {
      let crc = 0;
      for (let at = 0; at < dexFiller.size; at += 1 << 20) crc = crc32(dexFiller.read(at, 1 << 20), crc);
      return crc;
    }),
  };
  const headSize = LOCAL_HEADER + manifest.name.length + manifest.size + LOCAL_HEADER + dexName.length;
  const dexAt = LOCAL_HEADER + manifest.name.length + manifest.size;
  const centralAt = headSize + dex.size;
  const tailSize = 2 * CENTRAL_HEADER + manifest.name.length + dexName.length + END_RECORD;
  return new JoinedBody([
    new LazyBody(headSize, () => {
      const out = new Uint8Array(headSize);
      const first = localHeader(manifest);
      out.set(first, 0);
      out.set(manifestBytes, first.length);
      out.set(localHeader(dex), dexAt);
      return out;
    }),
    dexFiller,
    new LazyBody(tailSize, () => centralDirectory([manifest, dex], [0, dexAt], centralAt)),
  ]);
}
