// Videos: an ISO BMFF `ftyp` box (ISO/IEC 14496-12 §4.3) followed by one `mdat` box holding the
// rest of the size. Enough for `file` and MIME sniffers to say "MP4"; not playable, which a
// backup tool never needs. Files over 4 GiB use the 64-bit `largesize` form of the box header.
import { BytesBody, JoinedBody, type FileBody } from '../file-body.ts';
import { FillerBody, type FillerBlock } from '../filler.ts';

const FTYP = new Uint8Array([
  0, 0, 0, 0x20, 0x66, 0x74, 0x79, 0x70, // size 32, 'ftyp'
  0x69, 0x73, 0x6f, 0x6d, 0, 0, 0x02, 0, // major brand 'isom', minor version 0x200
  0x69, 0x73, 0x6f, 0x6d, 0x69, 0x73, 0x6f, 0x32, // compatible: 'isom' 'iso2'
  0x61, 0x76, 0x63, 0x31, 0x6d, 0x70, 0x34, 0x31, // 'avc1' 'mp41'
]);

/** Smallest size a video body can have. */
export const MIN_VIDEO_SIZE = FTYP.length + 16;

function mdatHeader(total: number): Uint8Array {
  const boxSize = total - FTYP.length;
  if (boxSize <= 0xffffffff) {
    const out = new Uint8Array(8);
    new DataView(out.buffer).setUint32(0, boxSize);
    out.set([0x6d, 0x64, 0x61, 0x74], 4);
    return out;
  }
  const out = new Uint8Array(16);
  const view = new DataView(out.buffer);
  view.setUint32(0, 1);
  out.set([0x6d, 0x64, 0x61, 0x74], 4);
  view.setBigUint64(8, BigInt(boxSize));
  return out;
}

/** An MP4-looking body of exactly `size` bytes (at least MIN_VIDEO_SIZE). */
export function videoBody(filler: FillerBlock, key: number, size: number): FileBody {
  const total = Math.max(size, MIN_VIDEO_SIZE);
  const header = mdatHeader(total);
  return new JoinedBody([
    new BytesBody(FTYP),
    new BytesBody(header),
    new FillerBody(filler, key, total - FTYP.length - header.length, 'random'),
  ]);
}
