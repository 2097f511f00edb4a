// Running a command on the phone. With the shell_v2 feature (Android 7+) stdout, stderr and the
// exit code arrive separately (AOSP daemon/shell_protocol.h); older phones only offer the raw
// `shell:` service, where stderr is mixed into stdout and there is no exit code.
import type { Adb } from '@yume-chan/adb';
import { withDeadline, type OperationOptions, type WatchdogSettings } from './deadline.ts';

export interface ShellOptions extends OperationOptions {
  /**
   * Receives stdout as it arrives instead of collecting it (for large outputs such as
   * `content query` over 50,000 messages). Awaited: a slow handler slows the phone down.
   */
  onStdout?: (chunk: Uint8Array) => void | Promise<void>;
}

export interface ShellResult {
  stdout: string;
  stderr: string;
  /** null on phones without shell_v2, which report no exit code. */
  exitCode: number | null;
}

type Progress = () => void;

async function drain(
  stream: ReadableStream<Uint8Array>,
  progress: Progress,
  onChunk?: (chunk: Uint8Array) => void | Promise<void>,
): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  for await (const chunk of stream) {
    progress();
    if (onChunk) {
      await onChunk(chunk);
      progress();
    } else {
      text += decoder.decode(chunk, { stream: true });
    }
  }
  return text + decoder.decode();
}

export function runShell(
  adb: Adb,
  command: string,
  settings: Omit<WatchdogSettings, 'what'>,
  options: ShellOptions,
): Promise<ShellResult> {
  const what = `Running "${command.length > 60 ? `${command.slice(0, 57)}...` : command}" on the phone`;
  return withDeadline({ ...settings, what }, options, async ({ signal, progress }) => {
    const shellV2 = adb.subprocess.shellProtocol;
    if (shellV2?.isSupported) {
      // One argument: Tango joins arguments with spaces, and we hand it the line as typed.
      const child = await shellV2.spawn([command], signal);
      signal.addEventListener('abort', () => void Promise.resolve(child.kill()).catch(() => undefined), { once: true });
      const [stdout, stderr, exitCode] = await Promise.all([
        drain(child.stdout as ReadableStream<Uint8Array>, progress, options.onStdout),
        drain(child.stderr as ReadableStream<Uint8Array>, progress),
        child.exited,
      ]);
      return { stdout, stderr, exitCode };
    }
    const child = await adb.subprocess.noneProtocol.spawn([command], signal);
    signal.addEventListener('abort', () => void Promise.resolve(child.kill()).catch(() => undefined), { once: true });
    const stdout = await drain(child.output as ReadableStream<Uint8Array>, progress, options.onStdout);
    return { stdout, stderr: '', exitCode: null };
  });
}
