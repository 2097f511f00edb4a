// Runs the destination and cloud commands as `vitre` does (egress guard first), for CLI tests:
// plainly, or on a pseudo-terminal (util-linux `script`) to answer hidden prompts.
import { execFile, spawn } from 'node:child_process';
import * as path from 'node:path';
import { requireTool } from '../../../support/tools.ts';

const ROOT = path.join(import.meta.dirname, '../../../..');

// The commands under test, assembled as main.ts assembles the others.
const ENTRY = `
import './main/cli/egress.ts';
const { Command, CommanderError } = await import('commander');
const { registerDestination } = await import('./main/cli/commands/destination.ts');
const { registerCloud } = await import('./main/cli/commands/cloud.ts');
const { registerActivity } = await import('./main/cli/commands/activity.ts');
const program = new Command().name('vitre').exitOverride();
registerDestination(program);
registerCloud(program);
registerActivity(program);
try {
  await program.parseAsync(process.argv.slice(1), { from: 'user' });
} catch (error) {
  if (!(error instanceof CommanderError)) throw error;
  process.exit(error.exitCode === 0 ? 0 : 2);
}
`;

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The test's environment: its own data folder, and no secret inherited from the shell. */
function environment(home: string, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...process.env, VITRE_HOME: home };
  delete base.VITRE_PASSPHRASE;
  delete base.VITRE_DESTINATION_SECRET;
  return { ...base, ...env };
}

export function cloudCli(home: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--input-type=module', '-e', ENTRY, ...args], { cwd: ROOT, env: environment(home, env), timeout: 50_000, encoding: 'utf8' }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout, stderr });
    });
  });
}

const quote = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;

/**
 * Runs on a pseudo-terminal, typing the next answer each time a prompt ending in ": " appears.
 * Returns everything the terminal showed.
 */
export function cloudCliOnTerminal(home: string, args: string[], answers: string[]): Promise<{ code: number | null; screen: string }> {
  const script = requireTool('script');
  const command = [process.execPath, '--input-type=module', '-e', ENTRY, ...args].map(quote).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn(script, ['-qec', command, '/dev/null'], { cwd: ROOT, env: environment(home, {}), stdio: ['pipe', 'pipe', 'pipe'], timeout: 50_000 });
    let screen = '';
    let answered = 0;
    const onOutput = (piece: Buffer) => {
      screen += piece.toString();
      const prompts = screen.match(/(passphrase|password|again)[^:\n]*: /gi)?.length ?? 0;
      while (answered < prompts && answered < answers.length) child.stdin.write(`${answers[answered++]}\r`);
    };
    child.stdout.on('data', onOutput);
    child.stderr.on('data', onOutput);
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, screen }));
  });
}
