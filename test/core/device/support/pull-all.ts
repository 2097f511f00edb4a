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
