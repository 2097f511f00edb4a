// A local object's bytes, checked against its content hash as they stream: a damaged local copy
// fails before the encryption's last chunk is written, so it never lands on the destination.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs/promises';
import { CloudError } from './cloud-error.ts';

/** Read size: large reads mean few system calls and few pieces for the encryption to seal. */
const READ_BYTES = 1 << 20;

/**
 * The file's bytes, read into one buffer used again for every read: a chunk is valid only until
 * the next one is asked for. The encryption copies whatever it keeps, so one buffer serves the
 * whole file, and no garbage builds up between collections (a fresh buffer per read added 80 MB
 * of peak RSS to a 1 GiB upload in a worker, test/bench/cloud.bench.ts).
 */
export async function* checkedFile(file: string, expected: string): AsyncGenerator<Uint8Array> {
  const hash = createHash('sha256');
  const handle = await fs.open(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(READ_BYTES);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, READ_BYTES, null);
      if (bytesRead === 0) break;
      const chunk = buffer.subarray(0, bytesRead);
      hash.update(chunk);
      yield chunk;
    }
  } finally {
    await handle.close();
  }
  if (`sha256:${hash.digest('hex')}` !== expected) {
    throw new CloudError('damaged', `The local copy ${file} no longer matches its checksum; it was not uploaded. Run "vitre verify" on the backup folder.`);
  }
}

/** Reads the whole file and fails as `checkedFile` does unless it matches `expected`. */
export async function verifyFile(file: string, expected: string): Promise<void> {
  for await (const chunk of checkedFile(file, expected)) void chunk;
}

/** `checkedFile`, after a first full pass proves the file matches: for a reused encryption start. */
export async function* verifiedFirst(file: string, expected: string): AsyncGenerator<Uint8Array> {
  await verifyFile(file, expected);
  yield* checkedFile(file, expected);
}
