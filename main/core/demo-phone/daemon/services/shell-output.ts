// A shell's output as WRTEs: raw bytes, or shell protocol v2 packets when framed. On a pty the
// terminal driver turns "\n" into "\r\n" (termios ONLCR) and there is only one output stream, so
// stderr goes out as stdout there, as adbd's pty subprocess does (daemon/shell_service.cpp).
import type { ShellOutput } from '../../phone.ts';
import type { DeviceStream } from '../device-stream.ts';
import { StreamOutput } from '../stream-output.ts';
import { SHELL_EXIT, SHELL_HEADER_SIZE, SHELL_STDERR, SHELL_STDOUT, shellPacketHeader } from './shell-protocol.ts';

export class ShellOutputWriter {
  readonly #output: StreamOutput;
  readonly #framed: boolean;
  readonly #pty: boolean;

  constructor(stream: DeviceStream, framed: boolean, pty: boolean) {
    this.#output = new StreamOutput(stream);
    this.#framed = framed;
    this.#pty = pty;
  }

  async add(output: ShellOutput): Promise<void> {
    if ('exit' in output) {
      if (this.#framed) await this.#packet(SHELL_EXIT, Uint8Array.of(output.exit & 0xff));
      return;
    }
    let [id, data] = 'stdout' in output ? [SHELL_STDOUT, output.stdout] : [SHELL_STDERR, output.stderr];
    if (this.#pty) [id, data] = [SHELL_STDOUT, onlcr(data)];
    const room = this.#output.maxPayload - SHELL_HEADER_SIZE;
    for (let offset = 0; offset < data.length; offset += room) {
      await this.#packet(id, data.subarray(offset, offset + room));
    }
  }

  /** Text typed back to the user (echo, prompt), as a pty would show it. */
  say(text: string): Promise<void> {
    return this.add({ stdout: Buffer.from(text, 'utf8') });
  }

  flush(): Promise<void> {
    return this.#output.flush();
  }

  #packet(id: number, data: Uint8Array): Promise<void> {
    return this.#output.add(this.#framed ? [shellPacketHeader(id, data.length), data] : [data]);
  }
}

function onlcr(data: Uint8Array): Uint8Array {
  if (!data.includes(0x0a)) return data;
  const out: number[] = [];
  for (let i = 0; i < data.length; i++) {
    if (data[i] === 0x0a && (i === 0 || data[i - 1] !== 0x0d)) out.push(0x0d);
    out.push(data[i]!);
  }
  return Uint8Array.from(out);
}
