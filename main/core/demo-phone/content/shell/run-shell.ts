// Runs a command line: pipelines joined by ; && ||, pipes (earlier stages buffered), the
// redirections backup tools use (2>/dev/null, 2>&1, >file) and `exit`. Output is streamed from
// the last stage, so `content query` over 50,000 messages never becomes one string.
import { setTimeout as sleep } from 'node:timers/promises';
import { PhoneFileError, type PhoneFileWriter } from '../../phone.ts';
import type { PhoneContent } from '../phone-content.ts';
import { absolutePath, baseName } from '../phone-path.ts';
import { COMMANDS } from '../commands/index.ts';
import { CommandLineError, LAST_EXIT_MARK, parseCommandLine, type SimpleCommand } from './command-line.ts';
import { stderr, type ShellChunk, type ShellContext } from './command.ts';
import { expandGlob } from './glob.ts';

const SHELL = '/system/bin/sh';

type Sink = 'stdout' | 'stderr' | 'null' | PhoneFileWriter;

export interface ShellSession {
  phone: PhoneContent;
  cwd: string;
  signal: AbortSignal;
}

/** Runs `line`; yields output and returns the exit status. */
export async function* runLine(session: ShellSession, line: string): AsyncGenerator<ShellChunk, number, void> {
  let pipelines;
  try {
    pipelines = parseCommandLine(line);
  } catch (error) {
    if (!(error instanceof CommandLineError)) throw error;
    yield stderr(`${SHELL}: ${error.message}\n`);
    return 1;
  }
  let status = 0;
  const exit = { requested: false };
  for (const pipeline of pipelines) {
    if ((pipeline.after === '&&' && status !== 0) || (pipeline.after === '||' && status === 0)) continue;
    status = yield* runPipeline(session, pipeline.commands, status, exit);
    if (exit.requested || session.signal.aborted) break;
  }
  return status;
}

async function* runPipeline(
  session: ShellSession,
  commands: SimpleCommand[],
  lastExit: number,
  exit: { requested: boolean },
): AsyncGenerator<ShellChunk, number, void> {
  let stdin = new Uint8Array(0);
  let status = 0;
  for (const [i, command] of commands.entries()) {
    const last = i === commands.length - 1;
    const context: ShellContext = {
      phone: session.phone,
      cwd: session.cwd,
      stdin,
      signal: session.signal,
      runLine: (nested) => runLine(session, nested),
      exitRequested: false,
    };
    const captured: Uint8Array[] = [];
    const output = withRedirects(session, command, runCommand(session, command, lastExit, context));
    let result = await output.next();
    while (!result.done) {
      const chunk = result.value;
      if (!last && 'stdout' in chunk) captured.push(chunk.stdout);
      else yield chunk;
      if (session.signal.aborted) return 130;
      result = await output.next();
    }
    status = result.value;
    if (last && context.exitRequested) exit.requested = true;
    stdin = new Uint8Array(Buffer.concat(captured));
  }
  return status;
}

/** The commands a phone runs as a Java process of their own (app_process, or a binder call to one). */
const JAVA_COMMANDS = new Set(['am', 'cmd', 'content', 'dumpsys', 'pm', 'settings']);

/** `output` after `ms` (PhoneOptions.processStartMs). */
async function* afterStart(ms: number, output: AsyncGenerator<ShellChunk, number, void>, signal: AbortSignal): AsyncGenerator<ShellChunk, number, void> {
  try {
    await sleep(ms, undefined, { signal });
  } catch {
    return 130; // the session went away while the process started
  }
  return yield* output;
}

function runCommand(
  session: ShellSession,
  command: SimpleCommand,
  lastExit: number,
  context: ShellContext,
): AsyncGenerator<ShellChunk, number, void> {
  const words = command.words.flatMap((word, i) => {
    const value = word.replaceAll(LAST_EXIT_MARK, String(lastExit));
    return command.globs[i] ? expandGlob(session.phone.tree, value, session.cwd) : [value];
  });
  const [name, ...args] = words;
  if (name === undefined) return (async function* () { return 0; })();
  const base = name.startsWith('/system/bin/') ? baseName(name) : name;
  const known = COMMANDS.get(base);
  const startMs = session.phone.options.processStartMs ?? 0;
  if (known && startMs > 0 && JAVA_COMMANDS.has(base)) return afterStart(startMs, known(args, context), context.signal);
  if (known) return known(args, context);
  return (async function* () {
    yield stderr(`${SHELL}: ${name}: inaccessible or not found\n`);
    return 127;
  })();
}

/** Applies `command`'s redirections, left to right, to its output. */
async function* withRedirects(
  session: ShellSession,
  command: SimpleCommand,
  output: AsyncGenerator<ShellChunk, number, void>,
): AsyncGenerator<ShellChunk, number, void> {
  const sinks = new Map<number, Sink>([[1, 'stdout'], [2, 'stderr']]);
  const files: PhoneFileWriter[] = [];
  for (const redirect of command.redirects) {
    if (redirect.op === '<') continue;
    if (redirect.op === '>&') {
      sinks.set(redirect.fd, sinks.get(Number(redirect.target)) ?? 'null');
    } else if (redirect.target === '/dev/null') {
      sinks.set(redirect.fd, 'null');
    } else {
      try {
        const path = absolutePath(redirect.target, session.cwd);
        const earlier = redirect.op === '>>' && session.phone.tree.exists(path) ? session.phone.tree.read(path, 0, Number.MAX_SAFE_INTEGER) : undefined;
        const writer = session.phone.tree.create(path, 0o660);
        if (earlier) writer.write(earlier);
        files.push(writer);
        sinks.set(redirect.fd, writer);
      } catch (error) {
        if (!(error instanceof PhoneFileError)) throw error;
        yield stderr(`${SHELL}: can't create ${redirect.target}: ${error.message.replace(/^.*: /, '')}\n`);
        return 1;
      }
    }
  }
  let result = await output.next();
  while (!result.done) {
    const chunk = result.value;
    const bytes = 'stdout' in chunk ? chunk.stdout : chunk.stderr;
    const sink = sinks.get('stdout' in chunk ? 1 : 2);
    if (sink === 'stdout') yield { stdout: bytes };
    else if (sink === 'stderr') yield { stderr: bytes };
    else if (sink !== undefined && sink !== 'null') sink.write(bytes);
    result = await output.next();
  }
  const now = Math.floor(Date.now() / 1000);
  for (const file of files) file.finish(now);
  return result.value;
}
