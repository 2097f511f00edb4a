// A sync channel over one ADB stream of a direct connection (Tango's AdbSocket). Reading the
// stream eagerly lets Tango's dispatcher answer each WRTE with OKAY as soon as the bytes are
// here, so the phone sends the next packet while this one is hashed and written; pausing stops
// reading, which holds back the OKAY and so the phone (AOSP adb "one WRTE in flight").
import type { Adb, AdbSocket } from '@yume-chan/adb';
import type { ChannelSink, SyncChannel } from './channel.ts';

export async function openAdbStreamChannel(adb: Adb): Promise<SyncChannel> {
  return new AdbStreamChannel(await adb.createSocket('sync:'));
}

class AdbStreamChannel implements SyncChannel {
  readonly #socket: AdbSocket;
  readonly #reader: ReadableStreamDefaultReader<Uint8Array>;
  #paused = false;
  #resumed: (() => void) | undefined;
  #closed = false;

  constructor(socket: AdbSocket) {
    this.#socket = socket;
    this.#reader = socket.readable.getReader() as ReadableStreamDefaultReader<Uint8Array>;
  }

  async write(bytes: Uint8Array): Promise<void> {
    const writer = this.#socket.writable.getWriter();
    try {
      await writer.write(bytes);
    } finally {
      writer.releaseLock();
    }
  }

  start(sink: ChannelSink): void {
    void this.#pump(sink);
  }

  async #pump(sink: ChannelSink): Promise<void> {
    try {
      for (;;) {
        if (this.#paused) await new Promise<void>((resolve) => (this.#resumed = resolve));
        if (this.#closed) return;
        const { done, value } = await this.#reader.read();
        if (done) {
          sink.end();
          return;
        }
        sink.received(value);
      }
    } catch (error) {
      if (!this.#closed) sink.error(error);
    }
  }

  pause(): void {
    this.#paused = true;
  }

  resume(): void {
    this.#paused = false;
    const resumed = this.#resumed;
    this.#resumed = undefined;
    resumed?.();
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.resume();
    this.#reader.cancel().catch(() => undefined); // the stream may already have failed: nothing to cancel
    Promise.resolve(this.#socket.close()).catch(() => undefined); // the phone may already be gone: nothing to close
  }
}
