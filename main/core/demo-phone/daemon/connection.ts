// One host connected to the phone: handshake, optional RSA auth, and the streams it opens.
// Packet handling follows AOSP adb.cpp handle_packet (device side).
import type { TcpSocket } from '../../net/tcp.ts';
import type { SimulatedPhone } from '../phone.ts';
import type { TrustedKeys } from './auth.ts';
import { newToken } from './auth.ts';
import { deviceBanner } from './banner.ts';
import { DeviceStream } from './device-stream.ts';
import { DaemonError } from './errors.ts';
import { PacketParser } from './packet-parser.ts';
import { PacketWriter } from './packet-writer.ts';
import type { Packet } from './protocol.ts';
import {
  AUTH_RSAPUBLICKEY,
  AUTH_SIGNATURE,
  AUTH_TOKEN,
  A_AUTH,
  A_CLSE,
  A_CNXN,
  A_OKAY,
  A_OPEN,
  A_VERSION,
  A_VERSION_MIN,
  A_WRTE,
  MAX_PAYLOAD,
} from './protocol.ts';
import { findService } from './services/open-service.ts';
import type { PhoneFaults } from '../options.ts';

export interface ConnectionSettings {
  phone: SimulatedPhone;
  features: readonly string[];
  /** Undefined when the phone does not ask for authentication. */
  trustedKeys: TrustedKeys | undefined;
  /** The simulated "Allow USB debugging" tap: trust a key the host offers. */
  acceptNewKeys: boolean;
  faults: PhoneFaults;
  /** Told about packets the phone refused and failures in its content code; not about the host leaving. */
  onProblem: (error: Error) => void;
}

/** Smaller than any real host's maxdata (4096 in adb 1.0.31's MAX_PAYLOAD_V1); below it, shell framing cannot fit. */
const MIN_HOST_PAYLOAD = 256;

type State = 'waiting-for-host' | 'authorizing' | 'online';

export class Connection {
  readonly #socket: TcpSocket;
  readonly #settings: ConnectionSettings;
  readonly #writer: PacketWriter;
  readonly #parser: PacketParser;
  readonly #streams = new Map<number, DeviceStream>();
  #state: State = 'waiting-for-host';
  #version = A_VERSION_MIN;
  #maxPayload = MAX_PAYLOAD;
  #token: Uint8Array = newToken();
  #nextStreamId = 1;
  /** What the host's CNXN and ours agree on; in force once the phone sends its CNXN. */
  #negotiated = { version: A_VERSION_MIN, maxPayload: MAX_PAYLOAD };

  constructor(socket: TcpSocket, settings: ConnectionSettings) {
    this.#socket = socket;
    this.#settings = settings;
    this.#writer = new PacketWriter(socket, settings.faults);
    this.#parser = new PacketParser({
      maxPayload: () => this.#maxPayload,
      checksRequired: () => this.#version === A_VERSION_MIN,
    });
    socket.on('data', (chunk: Buffer) => this.#receive(chunk));
    socket.on('close', () => this.#dropStreams());
    // A reset from the host ends the connection like a close; 'close' follows and cleans up.
    socket.on('error', () => undefined);
  }

  #receive(chunk: Buffer): void {
    let packets: Packet[];
    try {
      packets = this.#parser.push(chunk);
    } catch (error) {
      // adbd drops a transport whose packets it cannot trust (transport.cpp, "remote read failed").
      this.#settings.onProblem(error as Error);
      this.#socket.destroy();
      return;
    }
    for (const packet of packets) this.#handle(packet);
  }

  #handle(packet: Packet): void {
    switch (packet.command) {
      case A_CNXN:
        return this.#onConnect(packet);
      case A_AUTH:
        return this.#onAuth(packet);
      case A_OPEN:
        return this.#onOpen(packet);
      case A_OKAY:
        return this.#streams.get(packet.arg1)?.onOkay();
      case A_WRTE:
        return this.#streams.get(packet.arg1)?.onWrite(packet.data);
      case A_CLSE:
        return this.#onClose(packet);
      default:
      // STLS and unknown commands: this phone offers no TLS; adbd ignores what it does not know.
    }
  }

  #onConnect(packet: Packet): void {
    if (packet.arg1 < MIN_HOST_PAYLOAD) {
      this.#settings.onProblem(new DaemonError('protocol', `The host offered a ${packet.arg1}-byte maxdata; no ADB host offers less than ${MIN_HOST_PAYLOAD}.`));
      this.#socket.destroy();
      return;
    }
    // A second CNXN starts over: adbd takes the transport offline first, closing every stream
    // (adb.cpp handle_packet A_CNXN → handle_offline).
    this.#dropStreams();
    this.#negotiated = { version: Math.min(packet.arg0, A_VERSION), maxPayload: Math.min(packet.arg1, MAX_PAYLOAD) };
    if (this.#settings.trustedKeys === undefined) {
      this.#sendConnect();
      return;
    }
    this.#state = 'authorizing';
    this.#sendToken();
  }

  #onAuth(packet: Packet): void {
    const keys = this.#settings.trustedKeys;
    if (this.#state !== 'authorizing' || keys === undefined) return;
    if (packet.arg0 === AUTH_SIGNATURE) {
      if (keys.verify(this.#token, packet.data)) this.#sendConnect();
      else this.#sendToken();
    } else if (packet.arg0 === AUTH_RSAPUBLICKEY) {
      const text = Buffer.from(packet.data).toString('latin1');
      // Without the tap the phone stays silent and the host shows it as "unauthorized".
      if (this.#settings.acceptNewKeys && keys.allow(text)) this.#sendConnect();
    }
  }

  #sendToken(): void {
    this.#token = newToken();
    this.#writer.send(A_AUTH, AUTH_TOKEN, 0, [this.#token]);
  }

  #sendConnect(): void {
    const { version, maxPayload } = this.#negotiated;
    const banner = Buffer.from(deviceBanner(this.#settings.phone, this.#settings.features), 'utf8');
    this.#writer.send(A_CNXN, version, maxPayload, [banner]);
    this.#version = version;
    this.#maxPayload = maxPayload;
    this.#writer.version = version;
    this.#state = 'online';
  }

  #onOpen(packet: Packet): void {
    const remoteId = packet.arg0;
    if (this.#state !== 'online' || remoteId === 0) return;
    const name = Buffer.from(packet.data).toString('utf8').replace(/\0+$/, '');
    const service = findService(name, this.#settings.features);
    if (service === undefined) {
      this.#writer.send(A_CLSE, 0, remoteId);
      return;
    }
    const stream = new DeviceStream(this.#writer, this.#nextStreamId++, remoteId, this.#maxPayload);
    this.#streams.set(stream.localId, stream);
    this.#writer.send(A_OKAY, stream.localId, remoteId);
    service(stream, this.#settings.phone)
      .catch((error: unknown) => this.#settings.onProblem(error instanceof Error ? error : new Error(String(error))))
      .finally(() => {
        stream.close();
        this.#streams.delete(stream.localId);
      });
  }

  #onClose(packet: Packet): void {
    const stream = this.#streams.get(packet.arg1);
    if (stream === undefined) return;
    this.#streams.delete(stream.localId);
    stream.onClose();
  }

  #dropStreams(): void {
    for (const stream of this.#streams.values()) stream.onConnectionLost();
    this.#streams.clear();
  }
}
