// The app as a browser sees it: the interface built from the current sources, the engine with its
// own adb server (own port, own HOME, so its key and devices are the test's), and the web host.
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'vite';
import { createAppApi } from '../../main/core/api/create-app-api.ts';
import { KeyStore } from '../../main/core/device/index.ts';
import { openActivityLog, type ActivityLog } from '../../main/core/net/activity-log.ts';
import { startEgressGuard } from '../../main/core/net/egress-guard.ts';
import type { Api } from '../../main/core/api/create-api.ts';
import { startWebHost, type WebHost } from '../../main/web/web-host.ts';
import { requireTool } from '../support/tools.ts';

export interface AppUnderTest {
  host: WebHost;
  api: Api;
  /** The activity log the Activity view shows (the test's own). */
  activityLog: ActivityLog;
  /** Runs Google's adb against the app's own adb server. */
  adb(args: string[]): Promise<string>;
  close(): Promise<void>;
}

export interface AppUnderTestOptions {
  /**
   * Runs the egress guard in this process, as `vitre serve` does: every request the engine makes
   * is checked against the policy and recorded in the Activity log with its purpose. Servers the
   * test itself needs must be started before, since the test's own connections would be checked too.
   */
  guard?: boolean;
}

export async function startAppUnderTest(options: AppUnderTestOptions = {}): Promise<AppUnderTest> {
  const adb = requireTool('adb');
  const scratch = mkdtempSync(join(tmpdir(), 'vitre-e2e-'));
  const rendererDir = join(scratch, 'renderer');
  // The test runner sets NODE_ENV=test, which would make Vite bundle React's development build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: 'vite.config.ts', mode: 'production', logLevel: 'warn', build: { outDir: rendererDir, sourcemap: false } });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  const adbPort = 20_000 + Math.floor(Math.random() * 40_000);
  const home = join(scratch, 'home');
  mkdirSync(home);
  const env = { ...process.env, HOME: home, ANDROID_ADB_SERVER_PORT: String(adbPort) };
  // The guard allows the adb server on the port the app's own adb runs on, as adb itself reads it.
  if (options.guard === true) process.env.ANDROID_ADB_SERVER_PORT = String(adbPort);
  const guard = options.guard === true ? startEgressGuard({ home: join(scratch, 'vitre') }) : undefined;
  const activityLog = guard?.log ?? openActivityLog(join(scratch, 'vitre'));
  const api = createAppApi({
    activityLog,
    ...(guard ? { guard } : {}),
    adbServer: { port: adbPort, adbPath: adb, env },
    keyStore: new KeyStore({ folder: join(scratch, 'vitre'), androidFolder: null }),
  });
  const host = await startWebHost({ api, rendererDir });
  const run = promisify(execFile);
  return {
    host,
    api,
    activityLog,
    // Asynchronous on purpose: simulated phones in this process must keep answering meanwhile.
    adb: async (args) => (await run(adb, ['-P', String(adbPort), ...args], { env, encoding: 'utf8', timeout: 20_000 })).stdout,
    async close() {
      await host.close();
      await api.close();
      try {
        execFileSync(adb, ['-P', String(adbPort), 'kill-server'], { env, stdio: 'ignore', timeout: 10_000 });
      } catch {
        // No server was started on that port (nothing listed phones yet): nothing to stop.
      }
      // Last: stopping the adb server is itself recorded while the guard runs.
      if (guard) guard.stop();
      else activityLog.close();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}
