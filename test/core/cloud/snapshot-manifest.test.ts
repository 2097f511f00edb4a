// The manifest as uploaded: a category selection keeps counts consistent, and a list that is not
// a whole manifest is refused rather than half-read.
import { describe, expect, it } from 'vitest';
import { manifestText, parseManifestText, selectCategories, type SnapshotManifest } from '../../../main/core/cloud/snapshot-manifest.ts';

const manifest: SnapshotManifest = {
  header: { format: 'vitre-manifest', version: 1, snapshot: 's1', startedAt: 1, device: { serial: 'x', model: 'Pixel', name: 'p' } },
  entries: [
    { path: '/storage/emulated/0/DCIM/a.jpg', size: 10, mtime: 1000, mode: 0o100660, hash: 'sha256:aa', category: 'photos', object: 'objects/aa' },
    { path: 'Contacts/contacts.vcf', size: 5, mtime: 2000, mode: 0o100600, hash: 'sha256:bb', category: 'contacts', object: 'objects/bb' },
  ],
  trailer: { complete: true, completedAt: 2, entryCount: 2, totalBytes: 15 },
};

describe('uploaded manifests', () => {
  it('keeps only the chosen categories, with counts to match', () => {
    const photos = selectCategories(manifest, ['photos']);
    expect(photos.entries.map((entry) => entry.category)).toEqual(['photos']);
    expect(photos.trailer).toMatchObject({ entryCount: 1, totalBytes: 10 });
    expect(selectCategories(manifest, undefined)).toBe(manifest);
  });

  it('reads back what it writes, and refuses a list cut short', () => {
    const text = manifestText(manifest);
    expect(parseManifestText(text, 'test')).toEqual(manifest);
    const cut = text.split('\n').slice(0, 2).join('\n');
    expect(() => parseManifestText(cut, 'test')).toThrow(expect.objectContaining({ kind: 'damaged' }));
    expect(() => parseManifestText('{"format":"vitre-manifest"}\nnot json\n', 'test')).toThrow(expect.objectContaining({ kind: 'damaged' }));
  });
});
