// System properties for `getprop` and the CNXN banner, per profile. Values follow what a
// Pixel 8 on Android 15 and a Redmi Note 13 Pro on HyperOS (Android 14) report.
import type { PhoneProfile } from '../options.ts';
import { hash32 } from './seeded-random.ts';

export interface ProfileFacts {
  manufacturer: string;
  model: string;
  /** Name of the camera app's folder and Exif "Software". */
  software: string;
  release: string;
  sdk: number;
}

export function profileFacts(profile: PhoneProfile): ProfileFacts {
  return profile === 'miui'
    ? { manufacturer: 'Xiaomi', model: '23117RA68G', software: 'HyperOS 1.0', release: '14', sdk: 34 }
    : { manufacturer: 'Google', model: 'Pixel 8', software: 'HDR+ 1.0.641377693d', release: '15', sdk: 35 };
}

/** A serial number like the phone's own (hex for Pixels, 8 hex for Xiaomi), from the seed. */
export function serialNumber(profile: PhoneProfile, seed: number): string {
  const a = hash32(seed, 0x5e71).toString(16).padStart(8, '0');
  const b = hash32(seed, 0x5e72).toString(16).padStart(8, '0');
  return profile === 'miui' ? a : `${a}${b}`.slice(0, 12).toUpperCase();
}

const MIUI_PROPERTIES: Array<[string, string]> = [
  ['ro.product.model', '23117RA68G'],
  ['ro.product.marketname', 'Redmi Note 13 Pro 5G'],
  ['ro.product.manufacturer', 'Xiaomi'],
  ['ro.product.brand', 'Redmi'],
  ['ro.product.name', 'garnet_global'],
  ['ro.product.device', 'garnet'],
  ['ro.product.board', 'parrot'],
  ['ro.build.version.release', '14'],
  ['ro.build.version.sdk', '34'],
  ['ro.build.version.security_patch', '2024-09-01'],
  ['ro.build.version.incremental', 'OS1.0.12.0.UNRMIXM'],
  ['ro.build.id', 'UKQ1.231003.002'],
  ['ro.build.display.id', 'UKQ1.231003.002 release-keys'],
  ['ro.build.fingerprint', 'Redmi/garnet_global/garnet:14/UKQ1.231003.002/OS1.0.12.0.UNRMIXM:user/release-keys'],
  ['ro.miui.ui.version.name', 'V816'],
  ['ro.miui.ui.version.code', '816'],
  ['ro.mi.os.version.name', 'OS1.0'],
  ['ro.mi.os.version.code', '1'],
  ['ro.mi.os.version.incremental', 'OS1.0.12.0.UNRMIXM'],
  ['ro.miui.region', 'GLOBAL'],
  ['ro.product.locale', 'en-GB'],
];

const PIXEL_PROPERTIES: Array<[string, string]> = [
  ['ro.product.model', 'Pixel 8'],
  ['ro.product.manufacturer', 'Google'],
  ['ro.product.brand', 'google'],
  ['ro.product.name', 'shiba'],
  ['ro.product.device', 'shiba'],
  ['ro.product.board', 'shiba'],
  ['ro.build.version.release', '15'],
  ['ro.build.version.sdk', '35'],
  ['ro.build.version.security_patch', '2024-10-05'],
  ['ro.build.version.incremental', '12383062'],
  ['ro.build.id', 'AP3A.241005.015'],
  ['ro.build.display.id', 'AP3A.241005.015'],
  ['ro.build.fingerprint', 'google/shiba/shiba:15/AP3A.241005.015/12383062:user/release-keys'],
  ['ro.product.locale', 'en-US'],
  ['ro.soc.model', 'Tensor G3'],
];

export function phoneProperties(profile: PhoneProfile, seed: number): Map<string, string> {
  const serial = serialNumber(profile, seed);
  const common: Array<[string, string]> = [
    ['ro.serialno', serial],
    ['ro.boot.serialno', serial],
    ['ro.product.cpu.abi', 'arm64-v8a'],
    ['ro.product.cpu.abilist', 'arm64-v8a'],
    ['ro.build.type', 'user'],
    ['ro.build.tags', 'release-keys'],
    ['ro.debuggable', '0'],
    ['ro.secure', '1'],
    ['persist.sys.timezone', 'UTC'],
    ['persist.sys.usb.config', 'mtp,adb'],
    ['sys.usb.state', 'mtp,adb'],
    ['service.adb.tcp.port', '5555'],
    ['sys.boot_completed', '1'],
    ['ro.crypto.state', 'encrypted'],
    ['ro.crypto.type', 'file'],
    ['gsm.sim.operator.alpha', 'Vitre Mobile'],
    ['gsm.operator.iso-country', 'us'],
  ];
  const specific = profile === 'miui' ? MIUI_PROPERTIES : PIXEL_PROPERTIES;
  return new Map([...specific, ...common].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
