// One folder listed with LIS2 on a sync channel of its own: parsed in place as bytes arrive
// (list-parser.ts). Several folders can be listed at once, each on its own channel, where
// listings on the one shared session had to wait for each other.
import type { OperationContext } from '../deadline.ts';
import { DeviceError } from '../errors.ts';
import { fileErrorFrom } from '../remote-file.ts';
import type { ChannelSink, SyncChannelOpener } from './channel.ts';
import { ListParser, listRequest, type ListedEntry } from './list-parser.ts';
import { RecvFailure } from './recv-parser.ts';

/** Entries of `path` except '.' and '..' (and those the phone could not stat, as adb skips them). */
export async function listFolderV2(open: SyncChannelOpener, path: string, context: OperationContext): Promise<ListedEntry[]> {
  const channel = await open();
  const closeOnStop = () => channel.close();
  context.signal.addEventListener('abort', closeOnStop, { once: true });
  try {
    return await new Promise<ListedEntry[]>((resolve, reject) => {
      const entries: ListedEntry[] = [];
      const parser = new ListParser('The phone');
      const onEntry = (entry: ListedEntry) => {
        if (entry.name !== '.' && entry.name !== '..') entries.push(entry);
      };
      const sink: ChannelSink = {
        received(chunk) {
          context.progress();
          try {
            parser.feed(chunk, onEntry);
          } catch (error) {
            reject(error instanceof RecvFailure ? (fileErrorFrom(error, path) ?? error) : (error as Error));
            return;
          }
          if (parser.done) resolve(entries);
          // More is to come, perhaps held back until we answer (SyncChannel.finishing); this
          // session ends with the listing.
          else channel.finishing?.();
        },
        end() {
          if (!parser.done) reject(new DeviceError('disconnected', `Listing ${path} stopped: the phone closed the session. Reconnect it and try again.`));
        },
        error(cause) {
          if (!parser.done) reject(cause instanceof DeviceError ? cause : new DeviceError('disconnected', `Listing ${path} stopped: the phone disconnected. Reconnect it and try again.`, { cause }));
        },
      };
      channel.start(sink);
      channel.write(listRequest(path)).catch(reject);
    });
  } finally {
    context.signal.removeEventListener('abort', closeOnStop);
    channel.close();
  }
}
