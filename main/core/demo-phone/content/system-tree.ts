// The parts of the file system around the sdcard: the symlinks that lead to it (/sdcard ->
// /storage/self/primary -> /storage/emulated/0, as on Android 11+), the private /data (enterable,
// not listable by the shell user), /data/local/tmp, a read-only /system, and the installed APKs.
import { S_IFDIR, S_IFREG } from '../phone.ts';
import type { InstalledApp } from './apps.ts';
import type { FileTree } from './file-tree.ts';
import type { FillerBlock } from './filler.ts';
import { apkBody } from './media/apk.ts';
import { BytesBody } from './file-body.ts';
import { hashText } from './seeded-random.ts';

export const SDCARD = '/storage/emulated/0';
/** Android's build date of the system image, used for /system files (2009-01-01, like AOSP builds). */
const SYSTEM_TIME = 1230768000;

/** Where the shell user may create and delete files. */
export function shellMayWrite(path: string): boolean {
  return path === SDCARD || path.startsWith(`${SDCARD}/`) || path === '/data/local/tmp' || path.startsWith('/data/local/tmp/');
}

export function buildSystemTree(tree: FileTree, apps: readonly InstalledApp[], filler: FillerBlock, epoch: number): void {
  const system = { mode: S_IFDIR | 0o755, mtime: SYSTEM_TIME };
  for (const dir of ['/system/bin', '/system/etc', '/system/app', '/system/priv-app', '/product/app', '/product/priv-app', '/vendor', '/mnt', '/proc', '/dev']) {
    tree.ensureDir(dir, system);
  }
  tree.ensureDir('/storage/emulated', { mode: S_IFDIR | 0o711, mtime: SYSTEM_TIME, uid: 0, gid: 1015 });
  tree.ensureDir(SDCARD, { mode: S_IFDIR | 0o771, mtime: epoch, size: 3452, uid: 0, gid: 9997, dev: 0x2f });
  tree.addLink('/storage/self/primary', SDCARD, { mode: 0, mtime: SYSTEM_TIME });
  tree.addLink('/sdcard', '/storage/self/primary', { mode: 0, mtime: SYSTEM_TIME });
  tree.addLink('/etc', '/system/etc', { mode: 0, mtime: SYSTEM_TIME });
  const hosts = new TextEncoder().encode('127.0.0.1       localhost\n::1             ip6-localhost\n');
  tree.addFile('/system/etc/hosts', { mode: S_IFREG | 0o644, mtime: SYSTEM_TIME, size: hosts.length }, () => new BytesBody(hosts));

  const data = tree.ensureDir('/data', { mode: S_IFDIR | 0o771, mtime: epoch, uid: 1000, gid: 1000 });
  data.unlistable = true;
  tree.ensureDir('/data/local/tmp', { mode: S_IFDIR | 0o771, mtime: epoch, uid: 2000, gid: 2000 });
  tree.node('/data/local').unlistable = true;
  tree.ensureDir('/data/data', { mode: S_IFDIR | 0o771, mtime: epoch, uid: 1000, gid: 1000 }).unlistable = true;
  tree.ensureDir('/data/app', { mode: S_IFDIR | 0o771, mtime: epoch, uid: 1000, gid: 1000 }).unlistable = true;

  for (const app of apps) {
    for (const apk of app.apks) {
      const key = hashText(`${app.packageName}/${apk.name}`);
      tree.addFile(
        `${app.codePath}/${apk.name}`,
        { mode: S_IFREG | 0o644, mtime: app.lastUpdateTime, size: apk.size, uid: 1000, gid: 1000 },
        () => apkBody(filler, key, app.packageName, apk.size),
        { mode: S_IFDIR | 0o775, mtime: app.lastUpdateTime, uid: 1000, gid: 1000 },
      );
    }
  }
}
