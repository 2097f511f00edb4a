// `node test/bench/verify.bench.ts [PHOTOS] [--rounds=N]`: `vitre verify` of a photo backup
// against coreutils `sha256sum` of the same stored files, in the same run. A simulated phone with
// PHOTOS photos (600 by default, ~2.2 GB) is backed up once with the built `vitre`; then each
// round runs both, with the page cache emptied before each when this runs as root (so both read
// from disk; otherwise sha256sum may read from memory, and the bench says so).
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '../..');
execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });
const MAIN = join(ROOT, 'dist/main/cli/main.js');
const photos = Number(process.argv.slice(2).find((arg) => !arg.startsWith('--')) ?? 600);
const ROUNDS = Number(/^--rounds=(\d+)$/.exec(process.argv.find((arg) => arg.startsWith('--rounds=')) ?? '')?.[1] ?? 3);
const work = mkdtempSync(join(tmpdir(), 'vitre-verify-bench-'));
const folder = join(work, 'backup');
const env = { ...process.env, VITRE_HOME: join(work, 'home') };
const root = process.getuid?.() === 0;

function timed(command: string, args: string[], options: { cwd?: string } = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'inherit'], ...options });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve((performance.now() - started) / 1000) : reject(new Error(`${command} exited ${code}`))));
  });
}

/** Empties the page cache (root only), after writing back what is dirty. */
function emptyPageCache(): void {
  if (!root) return;
  execFileSync('sync');
  writeFileSync('/proc/sys/vm/drop_caches', '3');
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const port = 20000 + Math.floor(Math.random() * 40000);
const phone = spawn(process.execPath, [MAIN, 'demo-phone', '--port', String(port), '--photos', String(photos), '--videos', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
try {
  await new Promise<void>((resolve, reject) => {
    phone.stdout!.on('data', (chunk: Buffer) => {
      if (/listening/i.test(chunk.toString())) resolve();
    });
    phone.on('exit', (code) => reject(new Error(`demo-phone exited ${code}`)));
  });
  await timed(process.execPath, [MAIN, 'backup', `tcp:127.0.0.1:${port}`, '--to', folder, '--categories', 'photos', '--json']);
  const objects = readdirSync(join(folder, 'objects'), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(folder.length + 1));
  const bytes = objects.reduce((sum, object) => sum + statSync(join(folder, object)).size, 0);
  console.log(`verify: ${objects.length} stored files, ${(bytes / 1e6).toFixed(0)} MB, ${ROUNDS} rounds${root ? ', page cache emptied before each run' : ' (not root: the page cache is left as it is)'}`);
  const ratios: number[] = [];
  for (let round = 1; round <= ROUNDS; round += 1) {
    emptyPageCache();
    const sums = await timed('sha256sum', ['--', ...objects], { cwd: folder });
    emptyPageCache();
    const vitre = await timed(process.execPath, [MAIN, 'verify', folder]);
    ratios.push(sums / vitre);
    console.log(`  round ${round}: sha256sum ${sums.toFixed(2)} s (${(bytes / 1e6 / sums).toFixed(0)} MB/s), vitre verify ${vitre.toFixed(2)} s (${(bytes / 1e6 / vitre).toFixed(0)} MB/s)`);
  }
  console.log(`  ratio Vitre/sha256sum throughput, median: ${median(ratios).toFixed(2)} (${ratios.map((r) => r.toFixed(2)).join(', ')})`);
} finally {
  phone.kill();
  rmSync(work, { recursive: true, force: true });
}
