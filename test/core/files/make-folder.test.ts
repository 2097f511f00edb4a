// Making folders like `mkdir -p` on a real disk, including the places where Node's own recursive
// mkdir never returns (a path under /proc): each ends at once with the system's refusal.
import { mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeFolder, makeFolderSync } from '../../../main/core/files/make-folder.ts';

const root = mkdtempSync(join(tmpdir(), 'vitre-make-folder-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

// Each case is run by both versions; a hang would show as the test's timeout, so each is bounded.
const versions = [
  ['makeFolder', (path: string, mode?: number) => makeFolder(path, mode)],
  ['makeFolderSync', async (path: string, mode?: number) => makeFolderSync(path, mode)],
] as const;

describe.each(versions)('%s', (name, make) => {
  const base = join(root, name);
  mkdirSync(base);

  it('makes a folder and every missing parent, and accepts one already there', async () => {
    const deep = join(base, 'a', 'b', 'c');
    await make(deep);
    expect(statSync(deep).isDirectory()).toBe(true);
    await make(deep);
    await make(join(base, 'a'));
  });

  it('gives the folders it makes the mode asked for', async () => {
    const secret = join(base, 'keys', 'adb');
    await make(secret, 0o700);
    expect(statSync(secret).mode & 0o777).toBe(0o700);
    expect(statSync(join(base, 'keys')).mode & 0o777).toBe(0o700);
  });

  it('refuses a path through a file, and a file at the path', async () => {
    const file = join(base, 'notes.txt');
    writeFileSync(file, 'hello');
    await expect(make(join(file, 'inside'))).rejects.toMatchObject({ code: 'ENOTDIR' });
    await expect(make(file)).rejects.toMatchObject({ code: 'ENOTDIR' });
  });

  it('fails at once under /proc, where Node’s recursive mkdir retries forever', { timeout: 5_000 }, async () => {
    await expect(make('/proc/vitre-backup/photos')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('fails at once through a link to something that is gone', { timeout: 5_000 }, async () => {
    const link = join(base, 'unplugged');
    symlinkSync(join(base, 'no-such-drive'), link);
    await expect(make(join(link, 'backup'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('two at once', () => {
  it('both succeed on the same new folders', async () => {
    const shared = join(root, 'race', 'x', 'y', 'z');
    await Promise.all([makeFolder(shared), makeFolder(shared), makeFolder(join(shared, '..'))]);
    expect(statSync(shared).isDirectory()).toBe(true);
  });
});
