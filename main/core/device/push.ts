// Pushing a file with its mode and modification time (sync SEND/SND2 then DONE with the mtime).
import { LinuxFileType } from '@yume-chan/adb';
// Tango's stream types (same runtime class as the global, typed the way its sync API expects).
import { ReadableStream as TangoReadableStream } from '@yume-chan/stream-extra';
import { withDeadline, type OperationOptions, type WatchdogSettings } from './deadline.ts';
import { asFileError } from './remote-file.ts';
import type { SyncSessions } from './sync-sessions.ts';

export type PushSource = Uint8Array | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

export interface PushOptions extends OperationOptions {
  /** Permission bits; default 0o644. */
  mode?: number;
  /** Modification time in seconds since the epoch; default now. */
  mtime?: number;
}

function toStream(source: PushSource, onChunk: () => void): TangoReadableStream<Uint8Array> {
  const iterable: AsyncIterable<Uint8Array> =
    source instanceof Uint8Array
      ? (async function* () {
          yield source;
        })()
      : (source as AsyncIterable<Uint8Array>);
  const iterator = iterable[Symbol.asyncIterator]();
  return new TangoReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const next = await iterator.next();
        if (next.done) {
          controller.close();
          return;
        }
        // The phone took the previous chunk (Tango only pulls once the socket has room): progress.
        onChunk();
        controller.enqueue(next.value);
      },
      async cancel(reason) {
        await iterator.return?.(reason);
      },
    },
    { highWaterMark: 0 },
  );
}

export async function pushFile(
  sessions: SyncSessions,
  path: string,
  source: PushSource,
  settings: Omit<WatchdogSettings, 'what'>,
  options: PushOptions,
): Promise<void> {
  const { mode = 0o644, mtime = Math.floor(Date.now() / 1000) } = options;
  await withDeadline({ ...settings, what: `Writing ${path} to the phone` }, options, async ({ signal, progress }) => {
    const session = await sessions.dedicated();
    const close = () => void session.dispose().catch(() => undefined); // may already be dead
    signal.addEventListener('abort', close, { once: true });
    try {
      await session.write({
        filename: path,
        file: toStream(source, progress),
        type: LinuxFileType.File,
        permission: mode & 0o7777,
        mtime,
      });
    } finally {
      signal.removeEventListener('abort', close);
      close();
    }
  }).catch((error: unknown) => {
    throw asFileError(error, path);
  });
}
