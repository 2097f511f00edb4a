// Encryption in a worker thread gives the same age file as on the upload's thread from the same
// start, streams it in pieces, and starts with this process's Node options minus those tied to its
// own entry point (a command run as `node --input-type=module -e CODE`).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkedFile } from '../../../main/core/cloud/checked-file.ts';
import { EncryptionWorkers, workerExecArgv } from '../../../main/core/cloud/encryption-workers.ts';
import { decrypt, encryptFrom, generateIdentity, recipientOf, startEncryption } from '../../../main/core/crypto/index.ts';
import { temporaryFolder } from '../backup/support/backup-phone.ts';
import { writeBackupFolder } from './support/backup-folder.ts';

const work = temporaryFolder('vitre-encryption-workers-');
afterAll(() => work.remove());

async function collect(source: AsyncIterable<Uint8Array>): Promise<{ bytes: Buffer; pieces: number }> {
  const parts: Buffer[] = [];
  for await (const part of source) parts.push(Buffer.from(part));
  return { bytes: Buffer.concat(parts), pieces: parts.length };
}

describe('encryption workers', () => {
  it('encrypt to the same bytes as the upload thread, from the same start', async () => {
    const [file] = writeBackupFolder(work.path, [{ path: '/storage/emulated/0/DCIM/VID.mp4', size: 5 * 1024 * 1024 + 999, category: 'videos' }]);
    const identity = generateIdentity();
    const start = await startEncryption([recipientOf(identity)]);
    const workers = new EncryptionWorkers(2);
    try {
      const inWorker = await collect(workers.encryptFile(file!.file, file!.hash, start, false));
      const here = await collect(encryptFrom(start, checkedFile(file!.file, file!.hash)));
      expect(inWorker.bytes.equals(here.bytes)).toBe(true);
      expect(inWorker.pieces).toBeGreaterThan(5);
      const plain = await collect(decrypt((async function* () { yield inWorker.bytes; })(), [identity]));
      expect(plain.bytes.equals(fs.readFileSync(file!.file))).toBe(true);
      // A wrong expected hash: the typed error crosses the thread, kind intact.
      await expect(collect(workers.encryptFile(file!.file, `sha256:${'0'.repeat(64)}`, start, true))).rejects.toMatchObject({ name: 'CloudError', kind: 'damaged' });
      await expect(collect(workers.encryptFile(path.join(work.path, 'missing'), file!.hash, start, false))).rejects.toMatchObject({ code: 'ENOENT' });
    } finally {
      await workers.close();
    }
  });

  it('start without the options of a command given as code', () => {
    expect(workerExecArgv(['--input-type=module', '-e', 'import "x"', '--max-semi-space-size=2', '--require', '/guard.cjs']))
      .toEqual(['--max-semi-space-size=2', '--require', '/guard.cjs']);
    expect(workerExecArgv(['--eval=1', '--print', '2', '--no-warnings'])).toEqual(['--no-warnings']);
  });
});
