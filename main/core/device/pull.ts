// Pulling a file as a stream with a byte counter. The sync RECV reply is parsed straight off the
// channel's buffers (see sync/recv-parser.ts) and queued up to a small bound, so the phone keeps
// sending while the consumer hashes and writes; past the bound the channel is paused, which is
// backpressure all the way to the phone. The watchdog runs only while the consumer waits for the
// phone, never while the consumer is busy, so a slow destination cannot cause a false timeout.
import { Watchdog, type OperationOptions, type WatchdogSettings } from './deadline.ts';
import { DeviceError } from './errors.ts';
import { fileErrorFrom } from './remote-file.ts';
import type { ChannelSink, SyncChannel, SyncChannelOpener } from './sync/channel.ts';
import { RecvFailure, RecvParser, recvRequest } from './sync/recv-parser.ts';

export interface PullStream {
  readonly readable: ReadableStream<Uint8Array>;
  /** Bytes delivered so far. */
  readonly bytes: number;
}

/**
 * Bytes held between the phone and the consumer: two ADB packets (up to 1 MiB each on a direct
 * connection), so the phone can send the next while one is consumed, and memory per pull stays small.
 */
const QUEUE_HIGH = 2 * 1024 * 1024;
const QUEUE_LOW = 512 * 1024;

export function pullFile(
  open: SyncChannelOpener,
  path: string,
  settings: Omit<WatchdogSettings, 'what'>,
  options: OperationOptions,
): PullStream {
  const watchdog = new Watchdog({ ...settings, what: `Reading ${path} from the phone` }, options);
  const source = new PullSource(open, path, watchdog);
  // highWaterMark 0: nothing is handed on before the consumer asks for it.
  const readable = new ReadableStream<Uint8Array>(source, { highWaterMark: 0 });
  return {
    readable,
    get bytes() {
      return source.bytes;
    },
  };
}

/** The channel reported a loss: the phone disconnected, or a protocol error said what it was. */
export function channelFailure(cause: unknown, what: string): DeviceError {
  if (cause instanceof DeviceError && cause.kind !== 'disconnected') {
    return new DeviceError(cause.kind, `${what} stopped: ${cause.message}`, { cause });
  }
  return new DeviceError('disconnected', `${what} stopped: the phone disconnected. Reconnect it and try again.`, { cause });
}

/** The phone's own answer about the file (FAIL) in the user's words; any other error as it is. */
export function fileFailure(error: unknown, path: string): unknown {
  return error instanceof RecvFailure ? (fileErrorFrom(error, path) ?? error) : error;
}

/** One sync session per pull: ending the pull early closes exactly that channel. */
class PullSource implements UnderlyingDefaultSource<Uint8Array>, ChannelSink {
  bytes = 0;
  readonly #open: SyncChannelOpener;
  readonly #path: string;
  readonly #watchdog: Watchdog;
  readonly #parser = new RecvParser('The phone');
  readonly #queue: Uint8Array[] = [];
  #queued = 0;
  #paused = false;
  #failure: unknown;
  #channel: SyncChannel | undefined;
  #waiter: (() => void) | undefined;
  #released = false;

  constructor(open: SyncChannelOpener, path: string, watchdog: Watchdog) {
    this.#open = open;
    this.#path = path;
    this.#watchdog = watchdog;
    watchdog.signal.addEventListener('abort', () => this.#release(), { once: true });
  }

  async start(): Promise<void> {
    const channel = await this.#step(() => this.#open());
    if (this.#released) {
      channel.close();
      return;
    }
    this.#channel = channel;
    channel.start(this);
    await this.#step(() => channel.write(recvRequest(this.#path)));
  }

  async pull(controller: ReadableStreamDefaultController<Uint8Array>): Promise<void> {
    while (this.#queue.length === 0 && !this.#parser.done && this.#failure === undefined) {
      await this.#step(() => new Promise<void>((resolve) => (this.#waiter = resolve)));
    }
    const chunk = this.#queue.shift();
    if (chunk) {
      this.#queued -= chunk.length;
      if (this.#paused && this.#queued <= QUEUE_LOW) {
        this.#paused = false;
        this.#channel?.resume();
      }
      this.bytes += chunk.length;
      controller.enqueue(chunk);
      return;
    }
    if (this.#failure !== undefined) {
      this.#release();
      throw this.#failure;
    }
    controller.close();
    this.#release();
  }

  cancel(): void {
    this.#release();
  }

  // ChannelSink: called by the channel as bytes arrive.
  received(chunk: Uint8Array): void {
    if (this.#failure !== undefined || this.#released) return;
    try {
      this.#parser.feed(chunk, (data) => {
        this.#queue.push(data.slice()); // the channel may reuse the chunk's memory
        this.#queued += data.length;
      });
    } catch (error) {
      this.#fail(error);
      return;
    }
    if (this.#queued >= QUEUE_HIGH && !this.#paused) {
      this.#paused = true;
      this.#channel?.pause();
    }
    this.#wake();
  }

  end(): void {
    if (!this.#parser.done) this.error(undefined);
  }

  error(cause: unknown): void {
    if (!this.#parser.done) this.#fail(channelFailure(cause, this.#watchdog.what));
  }

  #fail(error: unknown): void {
    if (this.#failure !== undefined) return;
    this.#failure = fileFailure(error, this.#path);
    this.#channel?.close();
    this.#wake();
  }

  #wake(): void {
    const waiter = this.#waiter;
    this.#waiter = undefined;
    waiter?.();
  }

  async #step<T>(work: () => Promise<T>): Promise<T> {
    this.#watchdog.arm();
    try {
      return await this.#watchdog.race(work());
    } catch (error) {
      this.#release();
      throw error;
    } finally {
      this.#watchdog.disarm();
    }
  }

  #release(): void {
    this.#released = true;
    this.#watchdog.dispose();
    this.#channel?.close();
    this.#queue.length = 0;
    this.#queued = 0;
  }
}
