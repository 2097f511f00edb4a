// Processes and threads Vitre starts. Every launch is recorded with its command line (the adb
// server is one), and each child inherits the guard: NODE_OPTIONS carries `--require` of the
// preload for Node children (other programs ignore it), and workers get it in execArgv.
// `--require` rather than `--import`: Node 24 runs --require preloads in worker threads but not
// --import ones (measured: a fetch in a worker bypassed an --import preload).
import childProcess from 'node:child_process';
import { syncBuiltinESMExports } from 'node:module';
import * as path from 'node:path';
import workerThreads from 'node:worker_threads';
import { PURPOSE_ENV, purposeForChild } from './activity-context.ts';
import { makeRecord } from './activity-record.ts';
import { THREAD, type GuardHooks } from './guard-hooks.ts';
import { redactText } from './redact.ts';

type AnyFunction = (...args: unknown[]) => unknown;
type Options = { env?: NodeJS.ProcessEnv; shell?: unknown } & Record<string, unknown>;

/** NODE_OPTIONS with the guard preload added (quoted: the app may live under a path with spaces). */
export function nodeOptionsWithGuard(current: string | undefined, preload: string): string {
  const flag = `--require "${preload.replace(/(["\\])/g, '\\$1')}"`;
  if (current?.includes(flag) === true) return current;
  return current === undefined || current === '' ? flag : `${current} ${flag}`;
}

function guardedOptions(options: Options | undefined, preload: string): Options {
  const env = { ...(options?.env ?? process.env) };
  env.NODE_OPTIONS = nodeOptionsWithGuard(env.NODE_OPTIONS, preload);
  if (env.VITRE_HOME === undefined && process.env.VITRE_HOME !== undefined) env.VITRE_HOME = process.env.VITRE_HOME;
  // Tells the child's guard it is not the app itself (retention runs once, in the app).
  env.VITRE_PARENT_PID = String(process.pid);
  env[PURPOSE_ENV] = purposeForChild();
  return { ...options, env };
}

// spawn/execFile/fork(file[, args][, options][, callback]); exec(command[, options][, callback]).
function splitArguments(name: string, args: unknown[]) {
  const [file, ...rest] = args;
  const takesList = !(name === 'exec' || name === 'execSync');
  // spawn(file, null, options) and execFile(file, undefined, options) are valid too.
  if (takesList && (rest[0] === null || rest[0] === undefined) && rest.length > 1) rest.shift();
  const list = takesList && Array.isArray(rest[0]) ? (rest.shift() as unknown[]) : [];
  const callback = typeof rest.at(-1) === 'function' ? (rest.pop() as AnyFunction) : undefined;
  const options = rest[0] !== null && typeof rest[0] === 'object' ? (rest[0] as Options) : undefined;
  return { file: String(file), list: list.map(String), options, callback };
}

function wrapLauncher(hooks: GuardHooks, name: string, original: AnyFunction, preload: string): AnyFunction {
  const takesArgumentList = !(name === 'exec' || name === 'execSync');
  return function guardedLaunch(this: unknown, ...args: unknown[]): unknown {
    const { file, list, options, callback } = splitArguments(name, args);
    const direct = name === 'fork' ? [process.execPath, file, ...list] : [file, ...list];
    const viaShell = !takesArgumentList || (options?.shell !== undefined && options.shell !== false);
    const command = (viaShell ? ['/bin/sh', '-c', direct.join(' ')] : direct).map((part) => redactText(part, 'stored'));
    hooks.record(makeRecord({
      kind: 'process', verdict: 'allowed', reason: 'allowed: a program Vitre starts (its own network use passes the guard when it is Node)',
      protocol: takesArgumentList ? path.basename(direct[0] ?? '') : 'sh', purpose: hooks.purpose(), thread: THREAD, detail: { command },
    }));
    const rebuilt: unknown[] = takesArgumentList ? [file, list, guardedOptions(options, preload)] : [file, guardedOptions(options, preload)];
    if (callback !== undefined) rebuilt.push(callback);
    return original.apply(this, rebuilt);
  };
}

const LAUNCHERS = ['spawn', 'spawnSync', 'execFile', 'execFileSync', 'exec', 'execSync', 'fork'] as const;

export function guardProcesses(hooks: GuardHooks, preload: string): () => void {
  const module = childProcess as unknown as Record<string, AnyFunction>;
  const originals = new Map<string, AnyFunction>();
  for (const name of LAUNCHERS) {
    const original = module[name];
    if (original === undefined) continue;
    originals.set(name, original);
    module[name] = wrapLauncher(hooks, name, original, preload);
  }
  const OriginalWorker = workerThreads.Worker;
  class GuardedWorker extends OriginalWorker {
    constructor(filename: string | URL, options: workerThreads.WorkerOptions = {}) {
      const execArgv = [...(options.execArgv ?? process.execArgv)];
      if (!execArgv.includes(preload)) execArgv.push('--require', preload);
      // A worker sharing the parent's environment (SHARE_ENV) reads the purpose from it as it is.
      const env = options.env === workerThreads.SHARE_ENV ? options.env : { ...(options.env ?? process.env), [PURPOSE_ENV]: purposeForChild() };
      super(filename, { ...options, execArgv, env });
    }
  }
  (workerThreads as { Worker: typeof OriginalWorker }).Worker = GuardedWorker;
  syncBuiltinESMExports();
  return () => {
    for (const [name, original] of originals) module[name] = original;
    (workerThreads as { Worker: typeof OriginalWorker }).Worker = OriginalWorker;
    syncBuiltinESMExports();
  };
}
