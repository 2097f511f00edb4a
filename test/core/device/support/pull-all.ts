// A whole file pulled through Device.pullInto, the way the backup pulls: each piece is copied as
// it arrives. `progress.bytes` counts what arrived, also when the pull then fails.
import type { Hash } from 'node:crypto';
import type { Device, OperationOptions, PullTarget } from '../../../../main/core/device/index.ts';

export async function pullAll(device: Device, path: string, options: OperationOptions = {}, progress = { bytes: 0 }): Promise<Buffer> {
  const chunks: Buffer[] = [];
  await device.pullInto(
    path,
    {
      take(bytes) {
        chunks.push(Buffer.from(bytes)); // a copy: the bytes are only valid during the call
        progress.bytes += bytes.length;
        return true;
      },
      ready: () => Promise.resolve(),
    },
    options,
  );
  return Buffer.concat(chunks);
}

/** A target that hashes each piece as it arrives and keeps nothing. */
export function hashing(hash: Hash): PullTarget {
  return {
    take(bytes) {
      hash.update(bytes);
      return true;
    },
    ready: () => Promise.resolve(),
  };
}

/**
 * A target that says where each piece goes, in its own memory (a landing, as the backup's blocks
 * do), and counts the bytes that arrived there in place and those it had to copy, and the
 * landings the connection took and released.
 */
export function landingTarget(size: number) {
  // Room past the file's last byte: a landing may take a few framing bytes after the file's own.
  const memory = new Uint8Array(size + 64);
  let filled = 0;
  const counts = { inPlace: 0, copied: 0, landings: 0, outstanding: 0 };
  const target: PullTarget = {
    take(bytes) {
      if (bytes.buffer === memory.buffer && bytes.byteOffset === filled) counts.inPlace += bytes.length;
      else {
        memory.set(bytes, filled);
        counts.copied += bytes.length;
      }
      filled += bytes.length;
      return true;
    },
    ready: () => Promise.resolve(),
    landing(fileBytes, most) {
      if (filled + fileBytes > size) throw new Error(`a landing for ${fileBytes} bytes past the file's ${size}`);
      counts.landings += 1;
      counts.outstanding += 1;
      return { bytes: memory.subarray(filled, Math.min(memory.length, filled + most)), release: () => (counts.outstanding -= 1) };
    },
  };
  return { target, counts, pulled: () => memory.subarray(0, filled) };
}
