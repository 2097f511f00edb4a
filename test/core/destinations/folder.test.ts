import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDestination } from '../../../main/core/destinations/open-destination.ts';
import { describeConformance } from './conformance.ts';

describeConformance('local folder', async () => {
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'vitre-folder-destination-'));
  const destination = openDestination({ kind: 'folder', name: 'Test folder', path: folder });
  return {
    destination,
    async close() {
      await destination.close();
      await fs.rm(folder, { recursive: true, force: true });
    },
  };
}, { paginationCount: 50 });

describe('a folder destination', () => {
  it('says the folder is missing (an unplugged drive) instead of creating it', async () => {
    const missing = path.join(os.tmpdir(), 'vitre-no-such-drive', String(Date.now()));
    const destination = openDestination({ kind: 'folder', name: 'USB drive', path: missing });
    await expect(destination.put('a', Buffer.from('x'))).rejects.toMatchObject({ kind: 'invalid-config', permanent: true, message: expect.stringMatching(/does not exist. Connect the drive/) });
    await expect(fs.stat(missing)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('leaves no temporary file behind after an aborted put', async () => {
    const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'vitre-folder-abort-'));
    const destination = openDestination({ kind: 'folder', name: 'Test folder', path: folder });
    const controller = new AbortController();
    async function* abortMidway() {
      yield Buffer.alloc(1000);
      controller.abort();
      yield Buffer.alloc(1000);
    }
    await expect(destination.put('dir/object', abortMidway(), { signal: controller.signal })).rejects.toMatchObject({ kind: 'aborted' });
    expect(await fs.readdir(path.join(folder, 'dir'))).toEqual([]);
    await fs.rm(folder, { recursive: true, force: true });
  });
});
