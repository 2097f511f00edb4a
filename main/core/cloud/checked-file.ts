// A local object's bytes, checked against its content hash as they stream: a damaged local copy
// fails before the encryption's last chunk is written, so it never lands on the destination.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { CloudError } from './cloud-error.ts';

/** Read size: large reads mean few system calls and few pieces for the encryption to seal. */
const READ_BYTES = 1 << 20;

export async function* checkedFile(file: string, expected: string): AsyncGenerator<Uint8Array> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: READ_BYTES }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    yield chunk;
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
