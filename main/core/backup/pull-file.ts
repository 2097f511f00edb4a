// One phone file into the object store: streamed, hashed as it arrives, never more than the size
// the phone declared (a phone that lies about a size, or a file still growing, is stopped there:
// memory and disk use stay bounded), and never recorded unless every declared byte arrived.
import type { PhoneFile } from '../categories/category.ts';
import type { Device, PullTarget } from '../device/index.ts';
import { BackupError } from './backup-error.ts';
import type { ObjectStore, StoredObject } from './object-store.ts';

export interface PullOptions {
  signal?: AbortSignal;
  /** Called with each chunk's length, for progress. */
  onBytes?: (bytes: number) => void;
}

export async function pullIntoStore(device: Device, store: ObjectStore, file: PhoneFile, options: PullOptions = {}): Promise<StoredObject> {
  const incoming = await store.create();
  // Each piece goes into the store's blocks as it arrives, straight from the channel: received
  // there where the connection can, copied otherwise.
  const target: PullTarget = {
    size: file.size,
    take(bytes) {
      if (incoming.bytes + bytes.length > file.size) {
        throw new BackupError(
          'size-mismatch',
          `The phone sent more than the ${file.size} bytes it declared for this file; Vitre stopped reading there. ` +
            'If the file is still being written (a recording, a download), back up again once it is finished.',
        );
      }
      const room = incoming.take(bytes);
      options.onBytes?.(bytes.length);
      return room;
    },
    ready: () => incoming.ready(),
    // Never for bytes past the declared size: those arrive as usual and are refused above.
    landing: (fileBytes, most) => (incoming.bytes + fileBytes <= file.size ? incoming.landing(most) : undefined),
  };
  try {
    await device.pullInto(file.path, target, options.signal ? { signal: options.signal } : {});
    if (incoming.bytes !== file.size) {
      throw new BackupError(
        'size-mismatch',
        `The phone declared ${file.size} bytes for this file but sent ${incoming.bytes}. ` +
          'It may have changed while it was read; back up again to copy it.',
      );
    }
    const hash = await incoming.finish();
    return await store.commit(incoming, hash);
  } catch (error) {
    await incoming.discard();
    throw error;
  }
}
