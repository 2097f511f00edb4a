// Finding Google's `adb` program and starting its server, the way the `adb` command itself does:
// `adb -P PORT start-server` forks a server that outlives us and returns once it listens.
import { execFile } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { DeviceError, describeError } from '../errors.ts';
import { announceProcessLaunch } from '../process-launch.ts';

/** The adb server port adb itself would use: ANDROID_ADB_SERVER_PORT, else 5037. */
export function defaultAdbServerPort(env: NodeJS.ProcessEnv = process.env): number {
  const value = env.ANDROID_ADB_SERVER_PORT;
  if (value === undefined || value === '') return 5037;
  const port = Number(value);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    throw new DeviceError(
      'invalid-input',
      `ANDROID_ADB_SERVER_PORT is "${value}", which is not a port number (1-65535). Fix or unset it.`,
    );
  }
  return port;
}

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    // missing or not executable: the caller tries the next candidate
    return false;
  }
}

/** The adb program to use: `configured` when given, else `VITRE_ADB`, else the first `adb` on PATH. */
export function findAdb(configured?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (configured) {
    if (isExecutableFile(configured)) return configured;
    throw new DeviceError(
      'adb-missing',
      `The adb program set in Vitre's settings (${configured}) does not exist or cannot be run. Fix the path or clear it to use the adb on PATH.`,
    );
  }
  const fromEnv = env.VITRE_ADB;
  if (fromEnv) {
    if (isExecutableFile(fromEnv)) return fromEnv;
    throw new DeviceError(
      'adb-missing',
      `VITRE_ADB is set to ${fromEnv}, which does not exist or cannot be run. Fix the path or unset VITRE_ADB to use the adb on PATH.`,
    );
  }
  const names = process.platform === 'win32' ? ['adb.exe'] : ['adb'];
  for (const folder of (env.PATH ?? '').split(delimiter)) {
    if (!folder) continue;
    for (const name of names) {
      const candidate = join(folder, name);
      if (isExecutableFile(candidate)) return candidate;
    }
  }
  throw new DeviceError(
    'adb-missing',
    'The adb program was not found. Install Android platform-tools (on Debian/Ubuntu: apt-get install adb) or set VITRE_ADB to its full path.',
  );
}

export interface StartServerOptions {
  adbPath: string;
  port: number;
  /** Environment for the server process (tests give it its own HOME, hence its own adbkey). */
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

/** Runs `adb -P PORT start-server` and waits for it to finish. */
export function startAdbServer(options: StartServerOptions): Promise<void> {
  const { adbPath, port, env = process.env, timeoutMs = 20_000 } = options;
  const args = ['-P', String(port), 'start-server'];
  announceProcessLaunch({ file: adbPath, args, purpose: 'start the adb server' });
  return new Promise((resolve, reject) => {
    execFile(adbPath, args, { env, timeout: timeoutMs, encoding: 'utf8' }, (error, _stdout, stderr) => {
      if (!error) {
        resolve();
        return;
      }
      const detail = stderr.trim() || describeError(error);
      reject(
        new DeviceError(
          'unreachable',
          `The adb server could not be started on port ${port}: ${detail}. Run "adb -P ${port} start-server" in a terminal to see why.`,
          { cause: error },
        ),
      );
    });
  });
}
