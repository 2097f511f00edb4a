// What every simulated command sees and yields.
import type { PhoneContent } from '../phone-content.ts';

export type ShellChunk = { stdout: Uint8Array } | { stderr: Uint8Array };

export interface ShellContext {
  readonly phone: PhoneContent;
  readonly cwd: string;
  /** Output of the previous command in a pipeline (empty otherwise). */
  readonly stdin: Uint8Array;
  readonly signal: AbortSignal;
  /** Runs a nested command line (`sh -c`), sharing the phone. */
  runLine(line: string): AsyncGenerator<ShellChunk, number, void>;
  /** Set by `exit`: the rest of the command line does not run. */
  exitRequested: boolean;
}

/** A command: yields output, returns its exit status. */
export type Command = (args: string[], context: ShellContext) => AsyncGenerator<ShellChunk, number, void>;

const encoder = new TextEncoder();

export function stdout(text: string): ShellChunk {
  return { stdout: encoder.encode(text) };
}

export function stderr(text: string): ShellChunk {
  return { stderr: encoder.encode(text) };
}

/** Toybox's error prefix: "ls: /x: No such file or directory". */
export function toyboxError(command: string, message: string): ShellChunk {
  return stderr(`${command}: ${message}\n`);
}
