// Pulling a file straight into a consumer that copies each piece as it arrives (the backup's
// object store, verify's hash). There is no stream, queue or promise per chunk between the
// channel and the consumer: the received bytes are handled once, where they will be hashed and
// written. The consumer holds the phone back by answering `false`; the pull then pauses the
// channel (TCP backpressure, or a held OKAY on a direct connection) until the consumer is ready.
// The watchdog runs only while the phone is waited for, never while the consumer catches up.
import type { ReadLanding } from '../net/tcp.ts';
import { Watchdog, type OperationOptions, type WatchdogSettings } from './deadline.ts';
import { DeviceError } from './errors.ts';
import { fileErrorFrom } from './remote-file.ts';
import type { ChannelSink, SyncChannel, SyncChannelOpener } from './sync/channel.ts';
import { RecvFailure, RecvParser, SYNC_HEADER_SIZE, recvRequest } from './sync/recv-parser.ts';

export interface PullTarget {
  /**
   * Copies `bytes`, which are valid only during the call. Returns false to hold the phone back
   * until `ready()` resolves. May throw (the phone sent more than it declared): the pull ends.
   */
  take(bytes: Uint8Array): boolean;
  /** Resolves once the target takes bytes again; rejects if it never will (a disk error). */
  ready(): Promise<void>;
  /**
   * Where the file's next `fileBytes` bytes belong, for the connection to receive them there:
   * they then come to `take` as a view of that memory, already in place (no copy). Up to `most`
   * bytes may land: past the file's bytes come a few of the transfer's own header bytes, read
   * from there and overwritten later. The memory must stay the target's until the landing is
   * released (ReadInto in net/tcp.ts).
   */
  landing?(fileBytes: number, most: number): ReadLanding | undefined;
  /**
   * The file's size as the phone listed it, if known. Once that many bytes are in, the pull tells
   * the channel that only the phone's DONE is left (SyncChannel.finishing).
   */
  readonly size?: number;
}

/** The channel reported a loss: the phone disconnected, or a protocol error said what it was. */
function channelFailure(cause: unknown, what: string): DeviceError {
  if (cause instanceof DeviceError && cause.kind !== 'disconnected') {
    return new DeviceError(cause.kind, `${what} stopped: ${cause.message}`, { cause });
  }
  return new DeviceError('disconnected', `${what} stopped: the phone disconnected. Reconnect it and try again.`, { cause });
}

/** The phone's own answer about the file (FAIL) in the user's words; any other error as it is. */
function fileFailure(error: unknown, path: string): unknown {
  return error instanceof RecvFailure ? (fileErrorFrom(error, path) ?? error) : error;
}

/** Resolves with the number of bytes handed to `target` once the phone has sent the whole file. */
export async function pullInto(
  open: SyncChannelOpener,
  path: string,
  target: PullTarget,
  settings: Omit<WatchdogSettings, 'what'>,
  options: OperationOptions,
): Promise<number> {
  const watchdog = new Watchdog({ ...settings, what: `Reading ${path} from the phone` }, options);
  let channel: SyncChannel | undefined;
  try {
    watchdog.arm();
    channel = await watchdog.race(open());
    const transfer = new Transfer(channel, path, target, watchdog);
    channel.start(transfer);
    try {
      await watchdog.race(channel.write(recvRequest(path)));
      transfer.requested();
      return await watchdog.race(transfer.finished);
    } catch (error) {
      // The target's own error (a disk error, a phone sending more than it declared) is the
      // reason, as the target worded it, not a device error.
      if (transfer.targetError !== undefined) throw transfer.targetError;
      throw error;
    }
  } finally {
    watchdog.dispose();
    channel?.close();
  }
}

class Transfer implements ChannelSink {
  readonly finished: Promise<number>;
  readonly #channel: SyncChannel;
  readonly #path: string;
  readonly #target: PullTarget;
  readonly #watchdog: Watchdog;
  readonly #parser = new RecvParser('The phone');
  #bytes = 0;
  #full = false;
  #paused = false;
  #settled = false;
  #finishingTold = false;
  #resolve: (bytes: number) => void = () => undefined;
  #reject: (error: unknown) => void = () => undefined;
  /** Set when the target threw or refused to go on. */
  targetError: unknown;
  readonly #take = (data: Uint8Array) => {
    this.#bytes += data.length;
    let room: boolean;
    try {
      room = this.#target.take(data);
    } catch (error) {
      this.targetError = error;
      throw error;
    }
    if (!room) this.#full = true;
  };

  constructor(channel: SyncChannel, path: string, target: PullTarget, watchdog: Watchdog) {
    this.#channel = channel;
    this.#path = path;
    this.#target = target;
    this.#watchdog = watchdog;
    this.finished = new Promise((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
  }

  /**
   * The read lands in the target while a DATA chunk's bytes are coming, and takes the header after
   * them too (the next DATA's, or the connection's next packet header): one read per chunk, and the
   * read after starts on file bytes again. Between chunks, a header still missing bytes is read
   * alone (RecvParser.headerLanding).
   */
  landing(bytesLeft: number, trailer: number): ReadLanding | undefined {
    if (this.#settled || this.#full) return undefined;
    const dataLeft = this.#parser.dataLeft;
    if (dataLeft === 0) return this.#parser.headerLanding();
    const fileBytes = Math.min(dataLeft, bytesLeft);
    const most = dataLeft + SYNC_HEADER_SIZE <= bytesLeft ? dataLeft + SYNC_HEADER_SIZE : bytesLeft + trailer;
    return this.#target.landing?.(fileBytes, most);
  }

  received(chunk: Uint8Array): void {
    if (this.#settled) return;
    this.#watchdog.arm(); // the phone is alive: the wait starts over
    try {
      this.#parser.feed(chunk, this.#take);
    } catch (error) {
      this.#fail(error);
      return;
    }
    if (this.#parser.done) {
      this.#settled = true;
      this.#resolve(this.#bytes);
      return;
    }
    this.#lastBytesIn();
    if (this.#full && !this.#paused) this.#pause();
  }

  /** The RECV request is out: an empty file's bytes are all in already. */
  requested(): void {
    this.#lastBytesIn();
  }

  /** Once the listed size has arrived, only the DONE is left: the channel hears so (SyncChannel.finishing). */
  #lastBytesIn(): void {
    if (this.#finishingTold || this.#target.size === undefined || this.#bytes !== this.#target.size || this.#settled) return;
    this.#finishingTold = true;
    this.#channel.finishing?.();
  }

  end(): void {
    if (!this.#parser.done) this.error(undefined);
  }

  error(cause: unknown): void {
    if (!this.#parser.done) this.#fail(channelFailure(cause, this.#watchdog.what));
  }

  #pause(): void {
    this.#paused = true;
    this.#channel.pause();
    this.#watchdog.disarm(); // waiting for the consumer, not for the phone
    this.#target.ready().then(
      () => {
        this.#paused = false;
        this.#full = false;
        if (this.#settled) return;
        this.#watchdog.arm();
        this.#channel.resume();
      },
      (error: unknown) => {
        this.targetError = error;
        this.#fail(error);
      },
    );
  }

  #fail(error: unknown): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#reject(fileFailure(error, this.#path));
    this.#channel.close();
  }
}
