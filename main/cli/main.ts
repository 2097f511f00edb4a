#!/usr/bin/env -S node --max-semi-space-size=2 --heap-growing-percent=40
// The `vitre` command: checks the Node.js version, then loads the program (program.ts).
// The flags on the first line bound V8's heap growth, which Node otherwise sizes from the machine's
// memory. The first caps the young generation: peak RSS of a 50,000-file rerun fell from ~445 MB
// to ~345 MB at no cost in time. The second lets the old generation grow 1.4× past what is live
// before collecting, where V8 allows up to 4× for a small heap: a first backup of 50,000 files
// peaked at 261 MB instead of 341–352 MB, in about the same CPU time; unlike a heap cap it cannot
// run out on a larger phone (test/bench/backup.bench.ts). npm's Windows shims read the flags
// from this line too.
// Nothing is imported before the version check: on an older Node.js the modules below crash
// the process (Node 20 ended in a segmentation fault, silently) instead of saying what to do.
import nodeModule from 'node:module';
import { nodeVersionProblem } from './node-version.ts';

const problem = nodeVersionProblem(process.versions.node);
if (problem) {
  process.stderr.write(`vitre: ${problem}\n`);
  process.exit(1);
}
// Node keeps the compiled modules (in its cache folder under the system's temporary folder) and
// reuses them next time: start-up of `vitre --help` 0.40 s → 0.33 s, measured.
nodeModule.enableCompileCache();
await import('./program.ts');
