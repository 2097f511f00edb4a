// A bare ADB host speaking packets directly, for checks adb cannot make visible: flow control,
// checksums, refusals. Built on the same protocol constants the daemon uses.
import { connectTcp } from '../../../../main/core/net/tcp.ts';
import type { TcpSocket } from '../../../../main/core/net/tcp.ts';
import { PacketParser } from '../../../../main/core/demo-phone/daemon/packet-parser.ts';
import { MAX_PAYLOAD, checksum, encodeHeader } from '../../../../main/core/demo-phone/daemon/protocol.ts';
import type { Packet } from '../../../../main/core/demo-phone/daemon/protocol.ts';

export class RawHost {
  readonly #socket: TcpSocket;
  readonly #received: Packet[] = [];
  #waiter: (() => void) | undefined;
  closed = false;
  /** Every byte the phone sent, counted before parsing. */
  receivedBytes = 0;

  private constructor(socket: TcpSocket) {
    this.#socket = socket;
    const parser = new PacketParser({ maxPayload: () => MAX_PAYLOAD, checksRequired: () => false });
    socket.on('data', (chunk: Buffer) => {
      this.receivedBytes += chunk.length;
      this.#received.push(...parser.push(chunk));
      this.#waiter?.();
    });
    socket.on('close', () => {
      this.closed = true;
      this.#waiter?.();
    });
  }

  static async connect(port: number): Promise<RawHost> {
    return new RawHost(await connectTcp('127.0.0.1', port));
  }

  send(command: number, arg0: number, arg1: number, data: Uint8Array = new Uint8Array(0)): void {
    this.#socket.write(Buffer.concat([encodeHeader(command, arg0, arg1, data.length, checksum([data])), data]));
  }

  /** Sends raw bytes as they are (for malformed packets). */
  sendBytes(bytes: Uint8Array): void {
    this.#socket.write(bytes);
  }

  /** The next packet, or undefined if none arrives within `timeoutMs`. */
  async next(timeoutMs = 2000): Promise<Packet | undefined> {
    const deadline = Date.now() + timeoutMs;
    while (this.#received.length === 0 && !this.closed && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, deadline - Date.now());
        this.#waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    return this.#received.shift();
  }

  close(): void {
    this.#socket.destroy();
  }
}

