// A disk that refuses a write is reported as such, with what to do; other errors pass unchanged.
import { describe, expect, it } from 'vitest';
import { BackupError } from '../../../main/core/backup/backup-error.ts';
import { asDiskFailure } from '../../../main/core/backup/disk-failure.ts';

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: something, write`), { code });
}

describe('a disk that refuses a write', () => {
  it('becomes a write-failed BackupError naming the folder and what to do', () => {
    const full = asDiskFailure(errno('ENOSPC'), '/media/backup');
    expect(full).toBeInstanceOf(BackupError);
    expect(full).toMatchObject({ kind: 'write-failed', permanent: false, message: expect.stringMatching(/\/media\/backup: the disk is full\. Free some space/) });
    expect(asDiskFailure(errno('EROFS'), '/x')).toMatchObject({ message: expect.stringMatching(/read-only/) });
    expect(asDiskFailure(errno('EACCES'), '/x')).toMatchObject({ message: expect.stringMatching(/not allowed to write there/) });
  });

  it('leaves every other error as it was', () => {
    const lost = errno('ECONNRESET');
    expect(asDiskFailure(lost, '/x')).toBe(lost);
    const plain = new Error('something else');
    expect(asDiskFailure(plain, '/x')).toBe(plain);
  });
});
