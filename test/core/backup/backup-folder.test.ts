// Paths inside the backup folder are built from hashes and encoded names only: a record or name
// from a copied (or tampered) folder cannot lead outside it.
import { describe, expect, it } from 'vitest';
import { insideFolder, objectFile, objectRelativePath } from '../../../main/core/backup/backup-folder.ts';

const HASH = `sha256:${'ab'.repeat(32)}`;

describe('the backup folder', () => {
  it('places objects by their hash', () => {
    expect(objectRelativePath(HASH)).toBe(`objects/ab/${'ab'.repeat(31)}`);
    expect(objectFile('/backup', { hash: HASH, object: objectRelativePath(HASH) })).toBe(`/backup/objects/ab/${'ab'.repeat(31)}`);
  });

  it('refuses records that point anywhere else', () => {
    expect(() => objectFile('/backup', { hash: HASH, object: '../../etc/passwd' })).toThrow(expect.objectContaining({ kind: 'outside-backup' }));
    expect(() => objectRelativePath('sha256:../../x')).toThrow(expect.objectContaining({ kind: 'outside-backup' }));
  });

  it('refuses joins that climb out', () => {
    expect(insideFolder('/backup/latest', 'Internal storage/a.jpg')).toBe('/backup/latest/Internal storage/a.jpg');
    for (const bad of ['../x', 'a/../../x', '/etc/passwd', '']) {
      expect(() => insideFolder('/backup/latest', bad), bad).toThrow(expect.objectContaining({ kind: 'outside-backup' }));
    }
  });
});
