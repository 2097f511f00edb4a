// The purpose of a request: which job, category and destination caused it, and which module
// started it. The engine wraps its work in `withActivityContext`; AsyncLocalStorage carries the
// purpose through every await, timer and socket callback down to the guard, so the guard can stamp
// it on the record without any parameter threading.
import { AsyncLocalStorage } from 'node:async_hooks';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';
import type { Purpose } from './activity-record.ts';

const storage = new AsyncLocalStorage<Purpose>();
// The purpose inherited from the process or thread that started this one (see guard-processes):
// what a child or worker does belongs to the job that launched it.
let inherited: Purpose = {};

/** Sets the purpose that applies outside any `withActivityContext` in this thread. */
export function setInheritedPurpose(purpose: Purpose): void {
  inherited = { ...dropUndefined(purpose) };
}

/** Environment variable carrying the launcher's purpose to a child process or worker thread. */
export const PURPOSE_ENV = 'VITRE_PURPOSE';

/** The purpose to hand to a process or thread being started now (its module is its own). */
export function purposeForChild(): string {
  const { module: _module, ...rest } = storage.getStore() ?? inherited;
  return JSON.stringify(rest);
}

/** Reads the purpose a launcher handed over; ignores anything malformed. */
export function inheritPurpose(env: NodeJS.ProcessEnv = process.env): void {
  const text = env[PURPOSE_ENV];
  if (text === undefined || text === '') return;
  try {
    const parsed = JSON.parse(text) as Record<string, unknown>;
    const pick = (key: string) => (typeof parsed[key] === 'string' ? parsed[key] : undefined);
    setInheritedPurpose({ job: pick('job'), category: pick('category'), destination: pick('destination') });
  } catch {
    // A hand-set or truncated variable: the child simply starts without an inherited purpose.
  }
}

// The repository (or installed app) root: records name modules relative to it.
const APP_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const NET_DIR = path.dirname(fileURLToPath(import.meta.url));

/**
 * Runs `fn` with `purpose` attached to every request it causes. Nested calls refine the outer
 * purpose: fields the inner call leaves out are inherited.
 */
export function withActivityContext<T>(purpose: Purpose, fn: () => T): T {
  const outer = storage.getStore() ?? inherited;
  return storage.run({ ...outer, ...dropUndefined(purpose) }, fn);
}

/** The purpose in effect now, with the initiating module filled in from the call stack if unset. */
export function currentPurpose(): Purpose {
  const purpose = storage.getStore() ?? inherited;
  if (purpose.module !== undefined) return { ...purpose };
  return { ...purpose, module: callingModule() };
}

/**
 * The first stack frame outside Node's internals, dependencies and this folder. When the request
 * starts in a later tick (fetch connects after an await) no such frame is left, so the process's
 * entry script names the module instead: never "unknown".
 */
export function callingModule(): string {
  for (const frame of callSites()) {
    const file = frameFile(frame);
    if (file === undefined) continue;
    if (file.startsWith(NET_DIR) || file.includes(`${path.sep}node_modules${path.sep}`)) continue;
    return relativeToApp(file);
  }
  const entry = process.argv[1];
  return entry === undefined ? 'node' : relativeToApp(entry);
}

// Structured call sites instead of the formatted `stack` string: formatting every frame was most
// of the guard's cost per request (measured with --cpu-prof on a burst of 10,000 requests).
function callSites(): NodeJS.CallSite[] {
  const prepare = Error.prepareStackTrace;
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 16;
  Error.prepareStackTrace = (_error, frames) => frames;
  const holder: { stack?: NodeJS.CallSite[] } = {};
  Error.captureStackTrace(holder, callingModule);
  const frames = holder.stack ?? [];
  Error.prepareStackTrace = prepare;
  Error.stackTraceLimit = limit;
  return Array.isArray(frames) ? frames : [];
}

function frameFile(frame: NodeJS.CallSite): string | undefined {
  const location = frame.getFileName();
  if (location === undefined || location === null || location.startsWith('node:')) return undefined;
  if (location.startsWith('file://')) return fileURLToPath(location);
  return path.isAbsolute(location) ? location : undefined;
}

const relativeCache = new Map<string, string>();

function relativeToApp(file: string): string {
  let name = relativeCache.get(file);
  if (name === undefined) {
    const relative = path.relative(APP_ROOT, file);
    name = relative.startsWith('..') ? file : relative.split(path.sep).join('/');
    if (relativeCache.size < 10_000) relativeCache.set(file, name);
  }
  return name;
}

function dropUndefined(purpose: Purpose): Purpose {
  return Object.fromEntries(Object.entries(purpose).filter(([, value]) => value !== undefined));
}
