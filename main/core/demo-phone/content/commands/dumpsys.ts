// `dumpsys battery` and `dumpsys package PKG`, in the layout of BatteryService.dumpInternal and
// PackageManagerService's package dump (the lines backup tools read).
import type { InstalledApp } from '../apps.ts';
import { hash32 } from '../seeded-random.ts';
import { stdout, type Command } from '../shell/command.ts';

function battery(seed: number): string {
  const level = 35 + (hash32(seed, 0xba7) % 60);
  return [
    'Current Battery Service state:',
    '  AC powered: false',
    '  USB powered: true',
    '  Wireless powered: false',
    '  Dock powered: false',
    '  Max charging current: 500000',
    '  Max charging voltage: 5000000',
    '  Charge counter: 3560000',
    '  status: 2',
    '  health: 2',
    '  present: true',
    `  level: ${level}`,
    '  scale: 100',
    `  voltage: ${3800 + level * 4}`,
    `  temperature: ${270 + (hash32(seed, 0x7e) % 60)}`,
    '  technology: Li-ion',
    '',
  ].join('\n');
}

function date(seconds: number): string {
  const iso = new Date(seconds * 1000).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

function packageDump(app: InstalledApp): string {
  const splits = app.apks.slice(1).map((apk) => apk.name.replace(/^split_/, '').replace(/\.apk$/, ''));
  return [
    'Packages:',
    `  Package [${app.packageName}] (${hash32(app.uid).toString(16).slice(0, 7)}):`,
    `    userId=${app.uid}`,
    `    pkg=Package{${hash32(app.uid, 1).toString(16).slice(0, 7)} ${app.packageName}}`,
    `    codePath=${app.codePath}`,
    `    resourcePath=${app.codePath}`,
    '    primaryCpuAbi=arm64-v8a',
    `    versionCode=${app.versionCode} minSdk=26 targetSdk=34`,
    `    versionName=${app.versionName}`,
    `    splits=[base${splits.map((s) => `, ${s}`).join('')}]`,
    '    apkSigningVersion=3',
    `    flags=[ ${app.system ? 'SYSTEM ' : ''}HAS_CODE ALLOW_CLEAR_USER_DATA ALLOW_BACKUP ]`,
    `    timeStamp=${date(app.lastUpdateTime)}`,
    `    firstInstallTime=${date(app.firstInstallTime)}`,
    `    lastUpdateTime=${date(app.lastUpdateTime)}`,
    `    installerPackageName=${app.installer ?? 'null'}`,
    '    dataDir=/data/user/0/' + app.packageName,
    '',
  ].join('\n');
}

export const dumpsys: Command = async function* (args, context) {
  const [service, name] = args;
  if (service === 'battery') {
    yield stdout(battery(context.phone.options.seed));
    return 0;
  }
  if (service === 'package' && name !== undefined) {
    const app = context.phone.apps.find((a) => a.packageName === name);
    yield stdout(app ? packageDump(app) : `Unable to find package: ${name}\n`);
    return 0;
  }
  yield stdout(`Can't find service: ${service ?? ''}\n`);
  return 0;
};
