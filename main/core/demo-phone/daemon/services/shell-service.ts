// `shell:`, `shell,v2,...:`, `exec:`, `abb:` and `abb_exec:` — commands run by the phone's shell.
// Service syntax from AOSP adb daemon/services.cpp (ShellService, execute_abb_command).
import type { SimulatedPhone, ShellOutput } from '../../phone.ts';
import type { DeviceStream } from '../device-stream.ts';
import { StreamClosedError } from '../device-stream.ts';
import { StreamOutput } from '../stream-output.ts';
import {
  SHELL_EXIT,
  SHELL_HEADER_SIZE,
  SHELL_STDERR,
  SHELL_STDOUT,
  shellPacketHeader,
} from './shell-protocol.ts';

export interface ShellRequest {
  command: string;
  /** Shell protocol v2: separate stdout/stderr and an exit code. */
  framed: boolean;
}

/** Reads `shell[,arg,...]:CMD`, `exec:CMD`, `abb:A\0B`, `abb_exec:A\0B`; undefined for others. */
export function parseShellService(service: string, hasShellV2: boolean): ShellRequest | undefined {
  if (service.startsWith('exec:')) return { command: service.slice(5), framed: false };
  if (service.startsWith('abb:')) return { command: abbCommand(service.slice(4)), framed: true };
  if (service.startsWith('abb_exec:')) return { command: abbCommand(service.slice(9)), framed: false };
  const match = /^shell(,[^:]*)?:/.exec(service);
  if (match === null) return undefined;
  const args = (match[1] ?? '').split(',').filter((arg) => arg !== '');
  // adbd only speaks v2 when it advertised shell_v2 (services.cpp: protocol = kShell iff "v2").
  return { command: service.slice(match[0].length), framed: hasShellV2 && args.includes('v2') };
}

/** abb passes the `cmd` service's arguments separated by NUL (adbd abb.cpp). */
function abbCommand(args: string): string {
  return ['cmd', ...args.split('\0').filter((arg) => arg !== '').map(quote)].join(' ');
}

function quote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

export async function runShellService(stream: DeviceStream, phone: SimulatedPhone, request: ShellRequest): Promise<void> {
  if (request.framed) void drainStdin(stream);
  const output = new ShellOutputWriter(stream, request.framed);
  try {
    if (request.command.trim() === '') {
      await output.add({ stderr: new TextEncoder().encode('The simulated phone runs commands only: try `adb shell ls /sdcard`.\n') });
      await output.add({ exit: 1 });
    } else {
      for await (const piece of phone.shell.run(request.command, stream.signal)) {
        await output.add(piece);
        if ('exit' in piece) break;
      }
    }
    await output.flush();
  } catch (error) {
    if (!(error instanceof StreamClosedError)) throw error;
    // The host hung up (Ctrl-C, adb killed): nothing is left to tell it.
  } finally {
    stream.close();
  }
}

/** Host stdin is not fed to simulated commands; read it so the host's writes are acknowledged. */
async function drainStdin(stream: DeviceStream): Promise<void> {
  for (;;) {
    const header = await stream.readExactly(SHELL_HEADER_SIZE);
    if (header === null) return;
    const length = Buffer.from(header).readUInt32LE(1);
    if (length > 0 && (await stream.readExactly(length)) === null) return;
  }
}

/** Shell output as WRTEs: raw bytes, or shell protocol v2 packets when framed. */
class ShellOutputWriter {
  readonly #output: StreamOutput;
  readonly #framed: boolean;

  constructor(stream: DeviceStream, framed: boolean) {
    this.#output = new StreamOutput(stream);
    this.#framed = framed;
  }

  async add(output: ShellOutput): Promise<void> {
    if ('exit' in output) {
      if (this.#framed) await this.#packet(SHELL_EXIT, Uint8Array.of(output.exit & 0xff));
      return;
    }
    const [id, data] = 'stdout' in output ? [SHELL_STDOUT, output.stdout] : [SHELL_STDERR, output.stderr];
    const room = this.#output.maxPayload - SHELL_HEADER_SIZE;
    for (let offset = 0; offset < data.length; offset += room) {
      await this.#packet(id, data.subarray(offset, offset + room));
    }
  }

  flush(): Promise<void> {
    return this.#output.flush();
  }

  #packet(id: number, data: Uint8Array): Promise<void> {
    return this.#output.add(this.#framed ? [shellPacketHeader(id, data.length), data] : [data]);
  }
}
