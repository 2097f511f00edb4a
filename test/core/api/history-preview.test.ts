// Photo previews and snapshot folders, on their own: what a preview keeps of a JPEG, how it
// refuses files it cannot show, and how folders with nothing else inside collapse into one step.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { photoPreview } from '../../../main/core/api/photo-preview.ts';
import { browseSnapshot } from '../../../main/core/api/snapshot-tree.ts';
import type { KnownEntry } from '../../../main/core/backup/index.ts';

const scratch = mkdtempSync(join(tmpdir(), 'vitre-preview-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function segment(marker: number, body: Buffer): Buffer {
  const header = Buffer.from([0xff, marker, 0, 0]);
  header.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([header, body]);
}

function file(name: string, bytes: Buffer): string {
  const path = join(scratch, name);
  writeFileSync(path, bytes);
  return path;
}

const SCAN = Buffer.concat([segment(0xda, Buffer.alloc(10, 1)), Buffer.from([0x12, 0x34, 0xff, 0xd9])]);

describe('photo previews', () => {
  it('drops Exif, APPn and comment segments and keeps the tables, frame and scan', async () => {
    const tables = segment(0xdb, Buffer.alloc(67, 2));
    const jpeg = Buffer.concat([
      Buffer.from([0xff, 0xd8]),
      segment(0xe0, Buffer.from('JFIF\0')),
      segment(0xe1, Buffer.alloc(60_000, 3)),
      segment(0xef, Buffer.alloc(60_000, 4)),
      segment(0xfe, Buffer.from('comment')),
      tables,
      SCAN,
    ]);
    const url = await photoPreview(file('photo.jpg', jpeg));
    const kept = Buffer.from(url.slice('data:image/jpeg;base64,'.length), 'base64');
    expect(url.startsWith('data:image/jpeg;base64,')).toBe(true);
    expect(kept).toEqual(Buffer.concat([Buffer.from([0xff, 0xd8]), segment(0xe0, Buffer.from('JFIF\0')), tables, SCAN]));
  });

  it('refuses a JPEG cut short instead of sending half a picture', async () => {
    const cut = Buffer.concat([Buffer.from([0xff, 0xd8]), segment(0xe1, Buffer.alloc(100, 3))]);
    await expect(photoPreview(file('cut.jpg', cut))).rejects.toMatchObject({ kind: 'protocol' });
  });

  it('passes a PNG through and refuses a file that is not a picture', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    expect(await photoPreview(file('a.png', png))).toBe(`data:image/png;base64,${png.toString('base64')}`);
    await expect(photoPreview(file('notes.txt', Buffer.from('hello')))).rejects.toMatchObject({ kind: 'unsupported' });
  });
});

describe('snapshot folders', () => {
  const entry = (path: string, category: string, size = 10): KnownEntry => ({
    path, size, mtime: 1_700_000_000_000, mode: 0o100660, hash: `sha256:${'ab'.repeat(32)}`, category, object: `objects/ab/${'ab'.repeat(31)}`,
  });
  const entries = new Map([
    entry('/storage/emulated/0/DCIM/Camera/IMG_1.jpg', 'photos', 100),
    entry('/storage/emulated/0/DCIM/Camera/IMG_2.jpg', 'photos', 200),
    entry('Contacts/contacts.vcf', 'contacts', 5),
  ].map((e) => [e.path, e]));

  it('shows a chain of folders holding nothing else as one step', () => {
    const top = browseSnapshot('s1', entries, '');
    expect(top.folders.map((f) => [f.name, f.path, f.entries, f.bytes])).toEqual([
      ['Contacts', 'Contacts', 1, 5],
      ['storage/emulated/0/DCIM/Camera', '/storage/emulated/0/DCIM/Camera', 2, 300],
    ]);
  });

  it('lists a folder’s photos with a breadcrumb back to the top', () => {
    const camera = browseSnapshot('s1', entries, '/storage/emulated/0/DCIM/Camera');
    expect(camera.files.map((f) => [f.name, f.image])).toEqual([['IMG_1.jpg', true], ['IMG_2.jpg', true]]);
    expect(camera.trail.map((step) => step.path)).toEqual(['/storage', '/storage/emulated', '/storage/emulated/0', '/storage/emulated/0/DCIM', '/storage/emulated/0/DCIM/Camera']);
  });

  it('falls back to the deepest folder that exists for a path the snapshot does not hold', () => {
    const listing = browseSnapshot('s1', entries, '/storage/nowhere');
    expect(listing.path).toBe('/storage');
  });
});
