// Preloaded with `--require` into every child Node process (through NODE_OPTIONS) and worker
// thread (through execArgv) Vitre starts, before any of their own code runs. Each one appends to
// the shared SQLite log itself rather than sending records to its parent over IPC: a child started
// without an IPC channel (spawn, exec) or one that outlives its parent still gets its records
// into the log, and SQLite's write lock keeps the hash chain linear across writers.
// No top-level await: `--require` loads this module synchronously.
import { startEgressGuardOrExit } from './egress-guard.ts';

startEgressGuardOrExit();
