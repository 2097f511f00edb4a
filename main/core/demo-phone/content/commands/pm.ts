// `pm list packages [-f] [-U] [-i] [-3|-s] [--show-versioncode] [FILTER]`, `pm path PKG` and
// `pm list users`, formatted like PackageManagerShellCommand.runListPackages / runPath.
import type { InstalledApp } from '../apps.ts';
import { stderr, stdout, type Command } from '../shell/command.ts';

function apkPath(app: InstalledApp, name: string): string {
  return `${app.codePath}/${name}`;
}

function listLine(app: InstalledApp, flags: Set<string>): string {
  let line = 'package:';
  if (flags.has('-f')) line += `${apkPath(app, app.apks[0]?.name ?? 'base.apk')}=`;
  line += app.packageName;
  if (flags.has('--show-versioncode')) line += ` versionCode:${app.versionCode}`;
  if (flags.has('-i')) line += `  installer=${app.installer ?? 'null'}`;
  if (flags.has('-U')) line += ` uid:${app.uid}`;
  return `${line}\n`;
}

export const pm: Command = async function* (args, context) {
  const [verb, what, ...rest] = args;
  const apps = context.phone.apps;
  if (verb === 'list' && what === 'packages') {
    const flags = new Set(rest.filter((a) => a.startsWith('-')).flatMap((a) => (a.startsWith('--') ? [a] : [...a.slice(1)].map((c) => `-${c}`))));
    const filter = rest.find((a) => !a.startsWith('-'));
    const chosen = apps
      .filter((app) => (flags.has('-3') ? !app.system : flags.has('-s') ? app.system : true))
      .filter((app) => filter === undefined || app.packageName.includes(filter))
      .sort((a, b) => (a.packageName < b.packageName ? -1 : 1));
    yield stdout(chosen.map((app) => listLine(app, flags)).join(''));
    return 0;
  }
  if (verb === 'list' && what === 'users') {
    yield stdout('Users:\n\tUserInfo{0:Owner:c13} running\n');
    return 0;
  }
  if (verb === 'path' && what !== undefined) {
    const app = apps.find((a) => a.packageName === what);
    if (!app) return 1;
    yield stdout(app.apks.map((apk) => `package:${apkPath(app, apk.name)}\n`).join(''));
    return 0;
  }
  yield stderr(`Unknown command: ${verb ?? ''}${what ? ` ${what}` : ''}\n`);
  return 255;
};
