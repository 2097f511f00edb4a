// Drives the stock `age` CLI (Debian package `age`) as the independent judge of Vitre's files.
// `age -p` and passphrase decryption read the passphrase from the terminal only (age 1.1 has no
// environment variable or flag for it), so those runs go through `script`, which gives age a
// pseudo-terminal; the passphrase is typed when age's prompt appears.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireTool } from '../../support/tools.ts';

export interface AgeRun {
  readonly code: number | null;
  readonly stdout: Buffer;
  readonly stderr: string;
}

const RUN_TIMEOUT_MS = 30_000;

export function requireAge(): void {
  requireTool('age');
  requireTool('age-keygen');
  requireTool('script');
}

/** Runs `age` (or `age-keygen`) with arguments; never throws for a non-zero exit. */
export function runAge(command: 'age' | 'age-keygen', args: readonly string[], input?: Uint8Array): Promise<AgeRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], timeout: RUN_TIMEOUT_MS });
    const stdout: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (piece: Buffer) => stdout.push(piece));
    child.stderr.on('data', (piece: Buffer) => (stderr += piece.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(stdout), stderr }));
    child.stdin.on('error', () => {
      // age may exit before reading all of stdin (e.g. on a bad header): its exit code says why.
    });
    child.stdin.end(input);
  });
}

/**
 * Runs `age ARGS` in a pseudo-terminal, typing `passphrase` at each prompt (twice for `age -p`:
 * enter and confirm). Output must go to a file (`-o`): the terminal is shared with the prompts.
 */
export function runAgeWithPassphrase(args: readonly string[], passphrase: string): Promise<{ code: number | null; screen: string }> {
  const command = ['age', ...args].map(shellQuote).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qec', command, '/dev/null'], { stdio: ['pipe', 'pipe', 'pipe'], timeout: RUN_TIMEOUT_MS });
    let screen = '';
    let answered = 0;
    const answer = (piece: Buffer): void => {
      screen += piece.toString();
      const prompts = screen.match(/passphrase[^:\n]*:/gi)?.length ?? 0;
      while (answered < prompts) {
        child.stdin.write(`${passphrase}\n`);
        answered += 1;
      }
    };
    child.stdout.on('data', answer);
    child.stderr.on('data', answer);
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, screen }));
  });
}

export function temporaryFolder(prefix: string): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), `vitre-${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

function shellQuote(text: string): string {
  return `'${text.replaceAll("'", "'\\''")}'`;
}
