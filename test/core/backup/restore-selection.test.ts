// What `restore --only` takes from a snapshot: files and folders by their phone paths, with the
// "/sdcard" name people use, never a neighbour that only shares the first letters; and a name that
// takes nothing is an error that says so, before anything is restored.
import { describe, expect, it } from 'vitest';
import { BackupError } from '../../../main/core/backup/backup-error.ts';
import { RestoreSelection } from '../../../main/core/backup/restore-selection.ts';

const SNAPSHOT = [
  '/storage/emulated/0/DCIM/Camera/IMG_0001.jpg',
  '/storage/emulated/0/DCIM/Camera/IMG_0002.jpg',
  '/storage/emulated/0/DCIM/Cam.jpg',
  '/storage/emulated/0/Download/report.pdf',
  'Contacts/contacts.vcf',
  'Messages/sms.xml',
];

function taken(only?: string[]): string[] {
  const selection = new RestoreSelection(only);
  selection.checkFound(SNAPSHOT, 'S1');
  return SNAPSHOT.filter((path) => selection.has(path));
}

describe('restore selection', () => {
  it('takes everything when no path is named', () => {
    expect(taken()).toEqual(SNAPSHOT);
    expect(taken([])).toEqual(SNAPSHOT);
  });

  it('takes a folder with what is inside it, by /sdcard or its real path, with or without a final slash', () => {
    const camera = SNAPSHOT.slice(0, 2);
    expect(taken(['/sdcard/DCIM/Camera'])).toEqual(camera);
    expect(taken(['/storage/emulated/0/DCIM/Camera/'])).toEqual(camera);
  });

  it('takes a file, several paths at once, and the exported records by their folder', () => {
    expect(taken(['/sdcard/Download/report.pdf', 'Contacts'])).toEqual(['/storage/emulated/0/Download/report.pdf', 'Contacts/contacts.vcf']);
  });

  it('does not take a neighbour that only starts the same', () => {
    expect(taken(['/sdcard/DCIM/Cam.jpg'])).toEqual(['/storage/emulated/0/DCIM/Cam.jpg']);
    expect(() => taken(['/sdcard/DCIM/Cam'])).toThrow(/Snapshot S1 has nothing at \/sdcard\/DCIM\/Cam\. .*Nothing was restored\./);
  });

  it('names every path that takes nothing', () => {
    const error = (() => {
      try {
        taken(['/sdcard/DCIM', '/sdcard/Pictures', 'Calls']);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(BackupError);
    expect(error).toMatchObject({ kind: 'not-in-snapshot', message: expect.stringContaining('has nothing at /sdcard/Pictures, Calls.') });
  });

  it('refuses an empty path (an unset shell variable) instead of taking everything', () => {
    expect(() => new RestoreSelection([''])).toThrow(/A path to restore is empty/);
    expect(() => new RestoreSelection(['/sdcard/DCIM', '  '])).toThrow(BackupError);
  });
});
