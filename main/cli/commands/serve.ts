// `vitre serve`: Vitre in your browser. Serves the interface and the API on 127.0.0.1 with a
// per-launch token and prints the address that opens it.
import { spawn } from 'node:child_process';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { createAppApi } from '../../core/api/create-app-api.ts';
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
  const api = createAppApi();
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
