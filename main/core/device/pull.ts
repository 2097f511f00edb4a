// Pulling a file as a stream with a byte counter. The watchdog runs only while we wait for the
// phone, never while the consumer is busy, so a slow destination cannot cause a false timeout.
import type { AdbSync } from '@yume-chan/adb';
import { Watchdog, type OperationOptions, type WatchdogSettings } from './deadline.ts';
import { asFileError } from './remote-file.ts';
import type { SyncSessions } from './sync-sessions.ts';

export interface PullStream {
  readonly readable: ReadableStream<Uint8Array>;
  /** Bytes delivered so far. */
  readonly bytes: number;
}

export function pullFile(
  sessions: SyncSessions,
  path: string,
  settings: Omit<WatchdogSettings, 'what'>,
  options: OperationOptions,
): PullStream {
  const watchdog = new Watchdog({ ...settings, what: `Reading ${path} from the phone` }, options);
  let bytes = 0;
  let session: AdbSync | undefined;
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  const release = () => {
    watchdog.dispose();
    void session?.dispose().catch(() => undefined); // closing a socket that may already be dead
  };
  watchdog.signal.addEventListener('abort', release, { once: true });

  const step = async <T>(work: () => Promise<T>): Promise<T> => {
    watchdog.arm();
    try {
      return await watchdog.race(work());
    } catch (error) {
      throw asFileError(error, path);
    } finally {
      watchdog.disarm();
    }
  };

  const readable = new ReadableStream<Uint8Array>(
    {
      async start() {
        try {
          session = await step(() => sessions.dedicated());
          reader = session.read(path).getReader() as ReadableStreamDefaultReader<Uint8Array>;
        } catch (error) {
          release();
          throw error;
        }
      },
      async pull(controller) {
        try {
          const result = await step(() => (reader as ReadableStreamDefaultReader<Uint8Array>).read());
          if (result.done) {
            controller.close();
            release();
            return;
          }
          bytes += result.value.length;
          controller.enqueue(result.value);
        } catch (error) {
          release();
          throw error;
        }
      },
      cancel() {
        release();
      },
    },
    { highWaterMark: 0 },
  );

  return {
    readable,
    get bytes() {
      return bytes;
    },
  };
}
