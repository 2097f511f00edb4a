// Installed apps: what `pm list packages`, `pm path` and `dumpsys package` report, and the APK
// files themselves (readable by the shell user, as on a real phone, though /data/app is not
// listable). Third-party apps live under /data/app/~~RANDOM==/PKG-RANDOM==/ since Android 11.
import type { PhoneProfile } from '../options.ts';
import { hash32, SeededRandom } from './seeded-random.ts';

export interface InstalledApp {
  packageName: string;
  label: string;
  versionName: string;
  versionCode: number;
  uid: number;
  system: boolean;
  installer: string | null;
  /** Directory holding base.apk and the splits. */
  codePath: string;
  /** APK file names in codePath with their sizes; base.apk first. */
  apks: Array<{ name: string; size: number }>;
  firstInstallTime: number;
  lastUpdateTime: number;
}

interface AppSpec {
  packageName: string;
  label: string;
  versionName: string;
  versionCode: number;
  /** Split APKs besides base.apk (Play delivers these for large apps). */
  splits?: string[];
  /** For system apps: the partition folder, e.g. '/product/app/Photos'. */
  systemPath?: string;
  megabytes: number;
}

const THIRD_PARTY: AppSpec[] = [
  { packageName: 'com.whatsapp', label: 'WhatsApp', versionName: '2.24.21.88', versionCode: 242188005, megabytes: 9 },
  { packageName: 'org.telegram.messenger', label: 'Telegram', versionName: '11.2.3', versionCode: 53124, megabytes: 6 },
  { packageName: 'com.spotify.music', label: 'Spotify', versionName: '8.9.86.551', versionCode: 118007312, splits: ['split_config.arm64_v8a.apk', 'split_config.xxhdpi.apk', 'split_config.en.apk'], megabytes: 7 },
  { packageName: 'com.instagram.android', label: 'Instagram', versionName: '354.0.0.29.90', versionCode: 375204321, splits: ['split_config.arm64_v8a.apk', 'split_config.xxhdpi.apk'], megabytes: 8 },
  { packageName: 'org.mozilla.firefox', label: 'Firefox', versionName: '131.0.3', versionCode: 2016049927, megabytes: 5 },
  { packageName: 'com.duolingo', label: 'Duolingo', versionName: '5.171.4', versionCode: 1971, splits: ['split_config.arm64_v8a.apk'], megabytes: 4 },
  { packageName: 'de.blinkt.openvpn', label: 'OpenVPN for Android', versionName: '0.7.51', versionCode: 212, megabytes: 2 },
  { packageName: 'org.fdroid.fdroid', label: 'F-Droid', versionName: '1.20.1', versionCode: 1020050, megabytes: 2 },
];

/** Apps that run under a system uid (radio, shell) instead of an app uid. */
const FIXED_UIDS: Record<string, number> = { 'com.android.providers.telephony': 1001, 'com.android.shell': 2000 };

const INSTALLERS = ['com.android.vending', 'com.android.vending', 'com.android.vending', 'org.fdroid.fdroid', null];

const PIXEL_SYSTEM: AppSpec[] = [
  { packageName: 'com.android.providers.telephony', label: 'Phone and Messaging Storage', versionName: '15', versionCode: 35, systemPath: '/system/priv-app/TelephonyProvider', megabytes: 1 },
  { packageName: 'com.android.providers.contacts', label: 'Contacts Storage', versionName: '15', versionCode: 35, systemPath: '/system/priv-app/ContactsProvider', megabytes: 1 },
  { packageName: 'com.android.shell', label: 'Shell', versionName: '15', versionCode: 35, systemPath: '/system/priv-app/Shell', megabytes: 1 },
  { packageName: 'com.google.android.apps.photos', label: 'Photos', versionName: '7.4.0.679', versionCode: 49212123, systemPath: '/product/app/Photos', megabytes: 3 },
  { packageName: 'com.google.android.GoogleCamera', label: 'Pixel Camera', versionName: '9.6.106', versionCode: 69106, systemPath: '/product/app/GoogleCamera', megabytes: 3 },
  { packageName: 'com.android.chrome', label: 'Chrome', versionName: '130.0.6723.58', versionCode: 672305833, systemPath: '/product/app/Chrome', megabytes: 3 },
];

const MIUI_SYSTEM: AppSpec[] = [
  { packageName: 'com.android.providers.telephony', label: 'Phone and Messaging Storage', versionName: '14', versionCode: 34, systemPath: '/system/priv-app/TelephonyProvider', megabytes: 1 },
  { packageName: 'com.android.providers.contacts', label: 'Contacts Storage', versionName: '14', versionCode: 34, systemPath: '/system/priv-app/ContactsProvider', megabytes: 1 },
  { packageName: 'com.android.shell', label: 'Shell', versionName: '14', versionCode: 34, systemPath: '/system/priv-app/Shell', megabytes: 1 },
  { packageName: 'com.miui.notes', label: 'Notes', versionName: '4.21.0', versionCode: 421000, systemPath: '/product/app/MIUINotes', megabytes: 2 },
  { packageName: 'com.miui.gallery', label: 'Gallery', versionName: '3.6.2.10', versionCode: 306021000, systemPath: '/product/priv-app/MiuiGallery', megabytes: 3 },
  { packageName: 'com.android.camera', label: 'Camera', versionName: '5.2.000680.0', versionCode: 520006800, systemPath: '/product/priv-app/MiuiCamera', megabytes: 3 },
];

/** URL-safe base64 of 16 seeded bytes, as PackageManager names install folders. */
function installToken(seed: number, salt: number): string {
  const bytes = new Uint8Array(16);
  for (let i = 0; i < 16; i += 1) bytes[i] = hash32(seed, salt, i) & 0xff;
  return Buffer.from(bytes).toString('base64url');
}

export function installedApps(profile: PhoneProfile, seed: number, epoch: number): InstalledApp[] {
  const system = profile === 'miui' ? MIUI_SYSTEM : PIXEL_SYSTEM;
  return [...system, ...THIRD_PARTY].map((spec, index) => {
    const random = new SeededRandom(seed, 0xa995, index);
    const isSystem = spec.systemPath !== undefined;
    const folder = spec.systemPath?.split('/').pop() ?? 'base';
    const codePath = spec.systemPath ?? `/data/app/~~${installToken(seed, index * 2)}==/${spec.packageName}-${installToken(seed, index * 2 + 1)}==`;
    const baseSize = Math.round(spec.megabytes * 1024 * 1024 * (0.8 + random.next() * 0.4));
    const apks = [{ name: isSystem ? `${folder}.apk` : 'base.apk', size: baseSize }];
    for (const split of spec.splits ?? []) apks.push({ name: split, size: random.int(64 * 1024, 2 * 1024 * 1024) });
    const firstInstallTime = isSystem ? 1230768000 : epoch - random.int(30, 700) * 86400;
    return {
      packageName: spec.packageName,
      label: spec.label,
      versionName: spec.versionName,
      versionCode: spec.versionCode,
      uid: FIXED_UIDS[spec.packageName] ?? 10100 + index * 7,
      system: isSystem,
      installer: isSystem ? null : (INSTALLERS[index % INSTALLERS.length] ?? null),
      codePath,
      apks,
      firstInstallTime,
      lastUpdateTime: isSystem ? firstInstallTime : Math.min(epoch - 86400, firstInstallTime + random.int(0, 300) * 86400),
    };
  });
}
