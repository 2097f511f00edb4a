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
  const source = new PullSource(sessions, path, new Watchdog({ ...settings, what: `Reading ${path} from the phone` }, options));
  // highWaterMark 0: nothing is read from the phone before the consumer asks for it.
  const readable = new ReadableStream<Uint8Array>(source, { highWaterMark: 0 });
  return {
    readable,
    get bytes() {
      return source.bytes;
    },
  };
}

/** One sync session per pull: ending the pull early closes exactly that socket. */
class PullSource implements UnderlyingDefaultSource<Uint8Array> {
  bytes = 0;
  readonly #sessions: SyncSessions;
  readonly #path: string;
  readonly #watchdog: Watchdog;
  #session: AdbSync | undefined;
  #reader: ReadableStreamDefaultReader<Uint8Array> | undefined;

  constructor(sessions: SyncSessions, path: string, watchdog: Watchdog) {
    this.#sessions = sessions;
    this.#path = path;
    this.#watchdog = watchdog;
    watchdog.signal.addEventListener('abort', () => this.#release(), { once: true });
  }

  async start(): Promise<void> {
    this.#session = await this.#step(() => this.#sessions.dedicated());
    this.#reader = this.#session.read(this.#path).getReader() as ReadableStreamDefaultReader<Uint8Array>;
  }

  async pull(controller: ReadableStreamDefaultController<Uint8Array>): Promise<void> {
    const reader = this.#reader as ReadableStreamDefaultReader<Uint8Array>;
    const result = await this.#step(() => reader.read());
    if (result.done) {
      controller.close();
      this.#release();
      return;
    }
    this.bytes += result.value.length;
    controller.enqueue(result.value);
  }

  cancel(): void {
    this.#release();
  }

  async #step<T>(work: () => Promise<T>): Promise<T> {
    this.#watchdog.arm();
    try {
      return await this.#watchdog.race(work());
    } catch (error) {
      this.#release();
      throw asFileError(error, this.#path);
    } finally {
      this.#watchdog.disarm();
    }
  }

  #release(): void {
    this.#watchdog.dispose();
    void this.#session?.dispose().catch(() => undefined); // closing a socket that may already be dead
  }
}
