// What the benchmarks that race Vitre against `adb pull` share: the built command, a simulated
// phone in its own process, a timed run and a median. Each benchmark prints its own figures.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '../../..');

/**
 * Compiles Vitre (dist/) and returns its command: benchmarks run Vitre as installed, not from
 * the TypeScript source, whose start-up compiles every module on the fly.
 */
export function builtVitre(): string {
  execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });
  return join(ROOT, 'dist/main/cli/main.js');
}

export interface BenchPhone {
  child: ChildProcess;
  port: number;
}

/** Starts `vitre demo-phone` with `args` on a free-looking port; resolves once it listens. */
export async function startBenchPhone(main: string, args: string[]): Promise<BenchPhone> {
  const port = 20000 + Math.floor(Math.random() * 40000);
  const child = spawn(process.execPath, [main, 'demo-phone', '--port', String(port), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      if (/listening|port/i.test(chunk.toString())) resolve();
    });
    child.on('exit', (code) => reject(new Error(`demo-phone exited ${code}`)));
  });
  return { child, port };
}

/** Runs a command to the end; its wall time in seconds and what it printed. */
export function timedRun(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ seconds: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve({ seconds: (performance.now() - started) / 1000, stdout }) : reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${stderr}`)),
    );
  });
}

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
