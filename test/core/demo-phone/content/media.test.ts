import exifr from 'exifr';
import jpeg from 'jpeg-js';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exifDate } from '../../../../main/core/demo-phone/content/media/exif.ts';
import { requireTool } from '../../../support/tools.ts';
import { makePhone, readAll, sh } from './test-phone.ts';

const CAMERA = '/sdcard/DCIM/Camera';

describe('simulated phone media files', () => {
  const phone = makePhone({ seed: 11, photos: 12, videos: 3, extraFiles: [{ path: '/sdcard/Pictures/huge.jpg', size: 9_000_000 }] });

  it('names camera photos after their capture time and sizes them like a phone camera', () => {
    const photos = phone.files.list(CAMERA).filter((e) => e.name.endsWith('.jpg'));
    expect(photos).toHaveLength(12);
    for (const { name, stat } of photos) {
      const iso = new Date(stat.mtime * 1000).toISOString();
      expect(name).toBe(`IMG_${iso.slice(0, 10).replaceAll('-', '')}_${iso.slice(11, 19).replaceAll(':', '')}.jpg`);
      expect(stat.size).toBeGreaterThanOrEqual(1024 * 1024);
      expect(stat.size).toBeLessThanOrEqual(6 * 1024 * 1024 + 4);
      expect(stat.mode).toBe(0o100660);
    }
  });

  it('serves photos that a JPEG decoder opens, with Exif DateTimeOriginal equal to the mtime', async () => {
    const photos = [
      ...phone.files.list(CAMERA).filter((e) => e.name.endsWith('.jpg')).slice(0, 4).map((e) => `${CAMERA}/${e.name}`),
      ...phone.files.list('/sdcard/Pictures/Screenshots').slice(0, 2).map((e) => `/sdcard/Pictures/Screenshots/${e.name}`),
      '/sdcard/Pictures/huge.jpg',
    ];
    for (const path of photos) {
      const bytes = readAll(phone, path);
      expect(bytes.length).toBe(phone.files.stat(path).size);
      const image = jpeg.decode(bytes, { useTArray: true, maxMemoryUsageInMB: 64 });
      expect([image.width, image.height]).toEqual([64, 48]);
      const tags = await exifr.parse(Buffer.from(bytes), { reviveValues: false, pick: ['DateTimeOriginal', 'Make', 'Model'] });
      expect(tags.DateTimeOriginal).toBe(exifDate(phone.files.stat(path).mtime));
      expect(tags.Make).toBe('Google');
      expect(tags.Model).toBe('Pixel 8');
    }
  });

  it('gives the same bytes as views (what the daemon sends) as by copy, across JPEG segment boundaries', () => {
    const path = `${CAMERA}/${phone.files.list(CAMERA).find((e) => e.name.endsWith('.jpg'))!.name}`;
    const whole = readAll(phone, path);
    const size = whole.length;
    // Ranges that start or end inside a segment header (every 65,537 bytes), the Exif head and the image slot.
    const ranges = [[0, 65536], [65535, 65536], [65537 * 3 - 2, 7], [65537 * 5 + 1, 200_000], [size - 70_000, 65536], [size - 5, 64]];
    for (const [offset, length] of ranges as [number, number][]) {
      const pieces = phone.files.readPieces!(path, offset, length);
      const joined = Buffer.concat(pieces.map((piece) => Buffer.from(piece.buffer, piece.byteOffset, piece.length)));
      expect(joined.equals(Buffer.from(whole.subarray(offset, offset + length)))).toBe(true);
    }
    // Views of shared content: reading again, after others were read, gives the same bytes.
    expect(Buffer.from(readAll(phone, path)).equals(Buffer.from(whole))).toBe(true);
  });

  it('keeps extra files at their exact size', () => {
    const big = makePhone({ extraFiles: [{ path: '/sdcard/Movies/big.mp4', size: 5 * 1024 ** 3 }, { path: 'Download/blob.bin', size: 12345 }] });
    expect(big.files.stat('/sdcard/Movies/big.mp4').size).toBe(5 * 1024 ** 3);
    expect(big.files.stat('/storage/emulated/0/Download/blob.bin').size).toBe(12345);
    // Past 4 GiB the mdat box uses the 64-bit largesize form.
    const head = big.files.read('/sdcard/Movies/big.mp4', 0, 48);
    expect(Buffer.from(head.subarray(4, 8)).toString()).toBe('ftyp');
    expect(Buffer.from(head.subarray(36, 40)).toString()).toBe('mdat');
    expect(new DataView(head.buffer).getUint32(32)).toBe(1);
    const tail = big.files.read('/sdcard/Movies/big.mp4', 5 * 1024 ** 3 - 10, 64);
    expect(tail.length).toBe(10);
  });

  it('serves videos that start with an MP4 ftyp box', () => {
    const video = phone.files.list(CAMERA).find((e) => e.name.startsWith('VID_'));
    expect(video).toBeDefined();
    const head = phone.files.read(`${CAMERA}/${video?.name}`, 0, 16);
    expect(Buffer.from(head.subarray(4, 12)).toString()).toBe('ftypisom');
  });

  it('serves documents that are real PDFs and APKs that are valid ZIP archives', async () => {
    const unzip = requireTool('unzip');
    const dir = mkdtempSync(join(tmpdir(), 'vitre-apk-'));
    try {
      const pdf = readAll(phone, '/sdcard/Documents/Lease agreement.pdf');
      expect(Buffer.from(pdf.subarray(0, 8)).toString()).toBe('%PDF-1.4');
      expect(Buffer.from(pdf.subarray(-6)).toString()).toBe('%%EOF\n');
      const paths = (await sh(phone, 'pm path com.spotify.music')).stdout.trim().split('\n').map((l) => l.replace(/^package:/, ''));
      expect(paths).toHaveLength(4);
      for (const [i, path] of paths.entries()) {
        const file = join(dir, `${i}.apk`);
        writeFileSync(file, readAll(phone, path));
        const report = execFileSync(unzip, ['-t', file], { encoding: 'utf8' });
        expect(report).toContain('No errors detected');
        expect(report).toContain('classes.dex');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
