// `shell:`, `shell,v2,...:`, `exec:`, `abb:` and `abb_exec:` — commands run by the phone's shell.
// Service syntax from AOSP adb daemon/services.cpp (ShellService, execute_abb_command).
import type { SimulatedPhone } from '../../phone.ts';
import type { DeviceStream } from '../device-stream.ts';
import { StreamClosedError } from '../device-stream.ts';
import { runInteractiveShell } from './interactive-shell.ts';
import { ShellOutputWriter } from './shell-output.ts';
import { shellStdin } from './shell-stdin.ts';

export interface ShellRequest {
  /** Empty for an interactive session. */
  command: string;
  /** Shell protocol v2: separate stdout/stderr and an exit code. */
  framed: boolean;
  /** A terminal: echo, "\r\n" line ends, stderr merged into stdout. */
  pty: boolean;
}

/** Reads `shell[,arg,...]:CMD`, `exec:CMD`, `abb:A\0B`, `abb_exec:A\0B`; undefined for others. */
export function parseShellService(service: string, hasShellV2: boolean): ShellRequest | undefined {
  if (service.startsWith('exec:')) return { command: service.slice(5), framed: false, pty: false };
  if (service.startsWith('abb:')) return { command: abbCommand(service.slice(4)), framed: true, pty: false };
  if (service.startsWith('abb_exec:')) return { command: abbCommand(service.slice(9)), framed: false, pty: false };
  const match = /^shell(,[^:]*)?:/.exec(service);
  if (match === null) return undefined;
  const args = (match[1] ?? '').split(',').filter((arg) => arg !== '');
  const command = service.slice(match[0].length);
  // services.cpp ShellService: a pty for an interactive shell, raw for a command, unless the
  // host says "raw" or "pty"; v2 only when the phone advertised shell_v2.
  let pty = command === '';
  for (const arg of args) {
    if (arg === 'raw') pty = false;
    else if (arg === 'pty') pty = true;
  }
  return { command, framed: hasShellV2 && args.includes('v2'), pty };
}

/** abb passes the `cmd` service's arguments separated by NUL (adbd abb.cpp). */
function abbCommand(args: string): string {
  return ['cmd', ...args.split('\0').filter((arg) => arg !== '').map(quote)].join(' ');
}

function quote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

export async function runShellService(stream: DeviceStream, phone: SimulatedPhone, request: ShellRequest): Promise<void> {
  const output = new ShellOutputWriter(stream, request.framed, request.pty);
  try {
    if (request.command === '') {
      const status = await runInteractiveShell(stream, phone, output, request);
      await output.add({ exit: status });
    } else {
      // Simulated commands read no input; consume it so the host's writes are acknowledged.
      if (request.framed) void drain(shellStdin(stream, true));
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

async function drain(input: AsyncIterable<Uint8Array>): Promise<void> {
  for await (const _typed of input);
}
