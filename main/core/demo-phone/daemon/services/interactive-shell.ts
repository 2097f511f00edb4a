// `adb shell` with no command: a prompt, one simulated command per line, until `exit`, Ctrl-D
// or the end of input. Each line runs through the phone's shell exactly as `adb shell LINE` would.
import type { SimulatedPhone } from '../../phone.ts';
import type { DeviceStream } from '../device-stream.ts';
import { LineEditor } from './line-editor.ts';
import type { ShellOutputWriter } from './shell-output.ts';
import { shellStdin } from './shell-stdin.ts';

export interface InteractiveOptions {
  framed: boolean;
  pty: boolean;
}

/** Runs the session; returns the exit status for the shell protocol's exit packet. */
export async function runInteractiveShell(
  stream: DeviceStream,
  phone: SimulatedPhone,
  output: ShellOutputWriter,
  options: InteractiveOptions,
): Promise<number> {
  const editor = new LineEditor(options.pty);
  // The prompt Android's mksh shows for the shell user: device name, working directory, "$".
  const prompt = `${phone.properties.get('ro.product.device') ?? 'phone'}:/ $ `;
  const showPrompt = () => (options.pty ? output.say(prompt) : Promise.resolve());
  let status = 0;
  await showPrompt();
  for await (const typed of shellStdin(stream, options.framed)) {
    const events = editor.feed(typed);
    if (events.echo !== '') await output.say(events.echo);
    for (const line of events.lines) {
      const exit = exitStatus(line, status);
      if (exit !== undefined) return exit;
      if (line.trim() !== '') status = await runLine(stream, phone, output, line);
      await showPrompt();
    }
    if (events.interrupted) await showPrompt();
    if (events.ended) return status;
  }
  const last = editor.finish();
  if (last === undefined) return status;
  return exitStatus(last, status) ?? (await runLine(stream, phone, output, last));
}

/** `exit` or `exit N` ends the session (N defaults to the last command's status). */
function exitStatus(line: string, status: number): number | undefined {
  const match = /^\s*exit(?:\s+(\d+))?\s*$/.exec(line);
  if (match === null) return undefined;
  return match[1] === undefined ? status : Number(match[1]) & 0xff;
}

async function runLine(stream: DeviceStream, phone: SimulatedPhone, output: ShellOutputWriter, line: string): Promise<number> {
  let status = 0;
  for await (const piece of phone.shell.run(line, stream.signal)) {
    if ('exit' in piece) {
      status = piece.exit;
      break;
    }
    await output.add(piece);
  }
  return status;
}
