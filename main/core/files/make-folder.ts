// Creating a folder and its missing parents, like `mkdir -p`, without Node's recursive mkdir:
// where a parent exists but cannot hold folders (any path under /proc), Node 24's
// `mkdir(path, { recursive: true })`, sync and async alike, retries the same two calls forever
// at full CPU instead of failing, and a backup "to" such a folder hung where it should have said
// what was wrong. Here each missing folder is made once, from the nearest one that exists, and
// the first refusal is the error.
import { mkdirSync, statSync } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/** Makes `path` and any missing parents (`mode` for the folders made); a folder already there is fine. */
export async function makeFolder(path: string, mode?: number): Promise<void> {
  const missing: string[] = [];
  for (let folder = resolve(path); ; folder = dirname(folder)) {
    const info = await stat(folder).catch((error: unknown) => absent(error, folder));
    if (info) {
      if (!info.isDirectory()) throw notAFolder(folder);
      break;
    }
    missing.unshift(folder);
  }
  for (const folder of missing) {
    try {
      await mkdir(folder, mode);
    } catch (error) {
      // Someone else made it meanwhile: fine, if it is a folder.
      if (codeOf(error) !== 'EEXIST' || !(await stat(folder)).isDirectory()) throw error;
    }
  }
}

/** makeFolder, for start-up code that cannot wait. */
export function makeFolderSync(path: string, mode?: number): void {
  const missing: string[] = [];
  for (let folder = resolve(path); ; folder = dirname(folder)) {
    let info;
    try {
      info = statSync(folder);
    } catch (error) {
      absent(error, folder);
    }
    if (info) {
      if (!info.isDirectory()) throw notAFolder(folder);
      break;
    }
    missing.unshift(folder);
  }
  for (const folder of missing) {
    try {
      mkdirSync(folder, mode);
    } catch (error) {
      if (codeOf(error) !== 'EEXIST' || !statSync(folder).isDirectory()) throw error;
    }
  }
}

/** A folder that is not there yet is to be made (undefined); any other failure to look, or a missing root, is the error. */
function absent(error: unknown, folder: string): undefined {
  // A root that is not there (a drive letter with no drive) cannot be made.
  if (codeOf(error) !== 'ENOENT' || dirname(folder) === folder) throw error;
  return undefined;
}

function notAFolder(path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${path}'`), { code: 'ENOTDIR', path, syscall: 'mkdir' });
}

function codeOf(error: unknown): unknown {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}
