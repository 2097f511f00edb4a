// `vitre serve`: Vitre in your browser. Serves the interface and the API on 127.0.0.1 with a
// per-launch token and prints the address that opens it. `vitre start` opens the desktop window,
// or, when the Electron runtime is not installed, says so in one line and serves instead.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { createAppApi } from '../../core/api/create-app-api.ts';
import { startEgressGuard } from '../../core/net/egress-guard.ts';
import { rendererFolder } from '../../web/renderer-folder.ts';
import { startWebHost } from '../../web/web-host.ts';
import { isLoopback } from '../../web/request-guard.ts';

interface ServeOptions {
  port: number;
  host: string;
  open?: boolean;
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Open Vitre in your browser: serve the interface on this computer and print its address.')
    .option('--port <port>', 'port to listen on (default: any free port)', parsePort, 0)
    .option('--host <address>', 'address to listen on; anything but 127.0.0.1 exposes Vitre to your network', '127.0.0.1')
    .option('--open', 'open the address in your default browser')
    .action((options: ServeOptions) => serve(options));
}

export function registerStart(program: Command): void {
  program
    .command('start')
    .description('Open the Vitre window (or, without the Electron runtime, Vitre in your browser).')
    .action(() => start());
}

/**
 * The Electron binary, when its runtime has been downloaded (the `electron` npm package carries
 * none). Checked on disk: requiring the package would start a download from outside the npm
 * registry, which Vitre never does behind the user's back.
 */
export function electronBinary(): string | undefined {
  let folder: string;
  try {
    folder = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    // The package is not installed at all (a production install): no desktop window.
    return undefined;
  }
  const pathFile = join(folder, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(folder, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

async function start(): Promise<void> {
  const binary = electronBinary();
  if (binary === undefined) {
    process.stdout.write(
      'The Electron runtime is not installed (node node_modules/electron/install.js downloads it), so Vitre opens in your browser instead.\n',
    );
    return serve({ port: 0, host: '127.0.0.1', open: true });
  }
  const entry = fileURLToPath(new URL('../../electron/main.js', import.meta.url));
  const child = spawn(binary, [entry], { stdio: 'inherit' });
  await new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      process.exitCode = code ?? 1;
      resolve();
    });
  });
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('a port is a number from 0 to 65535.');
  return port;
}

async function serve(options: ServeOptions): Promise<void> {
  const network = !isLoopback(options.host);
  if (network) {
    process.stderr.write(
      `Warning: listening on ${options.host} lets other computers on your network reach Vitre. ` +
        'They still need the token in the address below; share it with no one.\n',
    );
  }
  // The guard this run started (main/cli/egress.ts): phones the user connects in the interface
  // are let through it, and the Activity view reads its log, where every Vitre process records.
  const guard = startEgressGuard();
  const api = createAppApi({ guard, activityLog: guard.log });
  const host = await startWebHost({ api, rendererDir: rendererFolder(), host: options.host, port: options.port, allowNetwork: network });
  process.stdout.write(`Vitre is running. Open this address in your browser:\n\n  ${host.url}\n\nPress Ctrl+C to stop.\n`);
  if (options.open === true) openInBrowser(host.url);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await host.close();
  await api.close();
}

function openInBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  const child = spawn(command, args, { detached: true, stdio: 'ignore' });
  child.on('error', () => process.stderr.write(`Could not open a browser (${command}); open the address above yourself.\n`));
  child.unref();
}
