// RECV: the file's bytes as DATA chunks of at most 64 KiB, then DONE; FAIL if it cannot be read.
// AOSP file_sync_service.cpp do_recv. Chunks go out without copying (as views of the generated
// content), many per WRTE.
import { PhoneFileError } from '../../phone.ts';
import type { SimulatedPhone } from '../../phone.ts';
import type { StreamOutput } from '../stream-output.ts';
import { S_IFDIR, S_IFMT } from '../../phone.ts';
import { STRERROR, SYNC_DATA_MAX, idAndLength, syncFail } from './sync-protocol.ts';

/** Returns false after a FAIL (adbd ends the sync session then). */
export async function sendFile(phone: SimulatedPhone, path: string, output: StreamOutput): Promise<boolean> {
  let size: number;
  try {
    const stat = phone.files.stat(path);
    if ((stat.mode & S_IFMT) === S_IFDIR) return fail(output, 'read failed', 'Is a directory');
    size = stat.size;
  } catch (error) {
    if (error instanceof PhoneFileError) return fail(output, 'open failed', STRERROR[error.errno]);
    throw error;
  }
  const files = phone.files;
  for (let offset = 0; offset < size; ) {
    let pieces: readonly Uint8Array[];
    try {
      const length = Math.min(SYNC_DATA_MAX, size - offset);
      pieces = files.readPieces ? files.readPieces(path, offset, length) : [files.read(path, offset, length)];
    } catch (error) {
      if (error instanceof PhoneFileError) return fail(output, 'read failed', STRERROR[error.errno]);
      throw error;
    }
    let length = 0;
    for (const piece of pieces) length += piece.length;
    // The file shrank while being read: send what there was, as adbd does at EOF.
    if (length === 0) break;
    await output.add([idAndLength('DATA', length), ...pieces]);
    offset += length;
  }
  await output.add([idAndLength('DONE', 0)]);
  return true;
}

async function fail(output: StreamOutput, what: string, reason: string): Promise<false> {
  await output.add(syncFail(`${what}: ${reason}`));
  return false;
}
