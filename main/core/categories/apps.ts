// Installed apps: the list of every package (name, version code, installer, system or not) as
// apps.json, and the APKs of the apps the user installed — base.apk and every split, since a
// Play install is often several files (`pm path` lists them all). System apps' APKs live in the
// read-only system image and come back with a factory reset: listed, not copied.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isDeviceError, type Device } from '../device/index.ts';
import type { Category, CategoryContext, ExportResult, PhoneFile } from './category.ts';
import { shellQuote } from './content-query.ts';
import { inOrder } from './in-order.ts';

export interface InstalledApp {
  package: string;
  /** The version people see ("2.24.21.88"), from `dumpsys package`; null when the phone does not say. */
  versionName: string | null;
  versionCode: number | null;
  /** The store that installed it (com.android.vending is Google Play); null when sideloaded. */
  installer: string | null;
  system: boolean;
  apks: string[];
}

// PackageManagerShellCommand.runListPackages: "package:NAME versionCode:N  installer=I".
const LIST_LINE = /^package:([A-Za-z0-9_.]+)(?: versionCode:(\d+))?(?:\s+installer=(\S+))?/;

async function listPackages(device: Device, flag: '-3' | '-s', signal?: AbortSignal): Promise<Omit<InstalledApp, 'apks' | 'versionName'>[]> {
  const { stdout } = await device.shell(`pm list packages ${flag} -i --show-versioncode`, signal ? { signal } : {});
  const apps: Omit<InstalledApp, 'apks' | 'versionName'>[] = [];
  for (const line of stdout.split('\n')) {
    const match = LIST_LINE.exec(line.trim());
    if (!match) continue;
    const installer = match[3] === undefined || match[3] === 'null' ? null : match[3];
    apps.push({ package: match[1] as string, versionCode: match[2] === undefined ? null : Number(match[2]), installer, system: flag === '-s' });
  }
  return apps;
}

async function apkPaths(device: Device, packageName: string, signal?: AbortSignal): Promise<string[]> {
  const { stdout } = await device.shell(`pm path ${shellQuote(packageName)}`, signal ? { signal } : {});
  return stdout
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('package:/') && line.endsWith('.apk') && !line.includes('/../'))
    .map((line) => line.slice('package:'.length));
}

/** `versionName=` from `dumpsys package PKG` (PackageManagerService's dump of the package). */
async function versionName(device: Device, packageName: string, signal?: AbortSignal): Promise<string | null> {
  const { stdout } = await device.shell(`dumpsys package ${shellQuote(packageName)}`, signal ? { signal } : {});
  return /^\s*versionName=(.*)$/m.exec(stdout)?.[1]?.trim() || null;
}

/** Apps asked about at once: two processes on the phone each (`dumpsys`, `pm`). */
const APPS_AT_ONCE = 4;

export async function installedApps(device: Device, signal?: AbortSignal): Promise<InstalledApp[]> {
  const [user, system] = await Promise.all([listPackages(device, '-3', signal), listPackages(device, '-s', signal)]);
  const apps: InstalledApp[] = [];
  // Version names for the apps the user installed (one dumpsys each); system apps come with the
  // phone's software version.
  const describe = async (app: (typeof user)[number]): Promise<InstalledApp> => {
    const [name, apks] = await Promise.all([versionName(device, app.package, signal), apkPaths(device, app.package, signal)]);
    return { ...app, versionName: name, apks };
  };
  await inOrder(user, APPS_AT_ONCE, describe, async (app) => void apps.push(app));
  for (const app of system) apps.push({ ...app, versionName: null, apks: [] });
  return apps.sort((a, b) => (a.package < b.package ? -1 : 1));
}

/**
 * The installed apps, asked once per run: listing the APKs and writing apps.json (and a scan's
 * count and size) share one answer, where each asked the phone again.
 */
const asked = new WeakMap<CategoryContext, Promise<InstalledApp[]>>();

function appsOf(context: CategoryContext): Promise<InstalledApp[]> {
  let apps = asked.get(context);
  if (!apps) {
    apps = installedApps(context.device, context.signal);
    asked.set(context, apps);
    apps.catch(() => asked.delete(context)); // a failure is not kept: asking again may work
  }
  return apps;
}

async function apkFiles(context: CategoryContext): Promise<PhoneFile[]> {
  const files: PhoneFile[] = [];
  for (const app of await appsOf(context)) {
    for (const path of app.apks) {
      try {
        const stat = await context.device.stat(path, context.signal ? { signal: context.signal } : {});
        if (stat.type === 'file') files.push({ path, size: stat.size, mtime: stat.mtime, mode: stat.mode });
      } catch (error) {
        if (!isDeviceError(error, 'not-found') && !isDeviceError(error, 'refused')) throw error;
        context.onProblem({ category: 'apps', path, kind: 'read-failed', message: `The APK of ${app.package} could not be read: ${error.message}` });
      }
    }
  }
  return files;
}

export const appsCategory: Category = {
  name: 'apps',
  listFiles: apkFiles,
  async scan(context) {
    const apps = await appsOf(context);
    const files = await apkFiles(context);
    return { category: 'apps', state: 'ok', items: apps.length, bytes: files.reduce((sum, f) => sum + f.size, 0) };
  },
  async exportTo(context, folder): Promise<ExportResult> {
    const apps = await appsOf(context);
    const file = join(folder, 'apps.json');
    await writeFile(file, `${JSON.stringify(apps, null, 2)}\n`);
    return { state: 'ok', files: [{ name: 'Apps/apps.json', file, items: apps.length }] };
  },
};
