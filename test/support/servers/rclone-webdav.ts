// `rclone serve webdav` (Debian package rclone) on a temporary folder, with basic auth.
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { requireTool } from '../tools.ts';
import { freePort, startProcess, waitForPort } from './process-server.ts';

export interface WebdavTestServer {
  url: string;
  port: number;
  username: string;
  password: string;
  /** The folder the server stores objects in, to check what really landed on disk. */
  root: string;
  close(): Promise<void>;
}

export async function startRcloneWebdav(): Promise<WebdavTestServer> {
  const rclone = requireTool('rclone');
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'vitre-rclone-'));
  const root = path.join(folder, 'data');
  await fs.mkdir(root);
  const port = await freePort();
  const username = 'vitre';
  const password = 'rclone-test-password';
  const running = startProcess(rclone, [
    'serve', 'webdav', root, '--addr', `127.0.0.1:${port}`, '--user', username, '--pass', password,
    '--config', path.join(folder, 'rclone.conf'), '--log-level', 'ERROR',
  ], { ...process.env, HOME: folder });
  await waitForPort(port, running, 'rclone serve webdav');
  return {
    url: `http://127.0.0.1:${port}`, port, username, password, root,
    async close() {
      await running.stop();
      await fs.rm(folder, { recursive: true, force: true });
    },
  };
}
