// A private Apache httpd (Debian package apache2) with mod_dav and mod_dav_fs behind basic
// auth, on a free loopback port with its own configuration, pid and lock files in a temporary
// folder: nothing of the system's Apache setup is used or touched.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { requireTool } from '../tools.ts';
import { freePort, startProcess, waitForPort } from './process-server.ts';
import type { WebdavTestServer } from './rclone-webdav.ts';

const MODULES = ['mpm_event', 'authn_core', 'authn_file', 'authz_core', 'authz_user', 'auth_basic', 'dav', 'dav_fs'];

export async function startApacheWebdav(): Promise<WebdavTestServer> {
  const apache = requireTool('apache2');
  const htpasswd = requireTool('htpasswd');
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'vitre-apache-'));
  const root = path.join(folder, 'data');
  const locks = path.join(folder, 'locks');
  await fs.mkdir(root);
  await fs.mkdir(locks);
  const username = 'vitre';
  const password = 'apache-test-password';
  execFileSync(htpasswd, ['-cb', path.join(folder, 'htpasswd'), username, password], { stdio: 'ignore' });
  // Started as root, httpd's workers drop to www-data: they must reach and write the folders.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    await fs.chmod(folder, 0o755);
    execFileSync('chown', ['-R', 'www-data:www-data', root, locks]);
  }
  const port = await freePort();
  const config = path.join(folder, 'httpd.conf');
  await fs.writeFile(config, [
    `ServerRoot ${folder}`,
    `ServerName 127.0.0.1`,
    `Listen 127.0.0.1:${port}`,
    `PidFile ${folder}/httpd.pid`,
    `ErrorLog ${folder}/error.log`,
    `Mutex file:${locks} default`,
    ...(asRoot ? ['User www-data', 'Group www-data'] : []),
    ...MODULES.map((module) => `LoadModule ${module}_module /usr/lib/apache2/modules/mod_${module}.so`),
    `DavLockDB ${locks}/DavLock`,
    `DocumentRoot ${root}`,
    `LimitRequestBody 0`,
    `<Directory ${root}>`,
    '  Dav On',
    '  AuthType Basic',
    '  AuthName "Vitre test"',
    `  AuthUserFile ${folder}/htpasswd`,
    '  Require valid-user',
    '</Directory>',
    '',
  ].join('\n'));
  const running = startProcess(apache, ['-f', config, '-DFOREGROUND']);
  await waitForPort(port, running, 'apache2 (mod_dav)');
  return {
    url: `http://127.0.0.1:${port}`, port, username, password, root,
    async close() {
      await running.stop();
      await fs.rm(folder, { recursive: true, force: true });
    },
  };
}
