// What Vitre shows about a phone, parsed from the text Android's tools print. Each parser takes the
// raw output so it can be tested on captures from real phones.

export interface StorageFacts {
  /** The mount point measured (/data holds apps and the user's files on every Android). */
  mountPoint: string;
  totalBytes: number;
  usedBytes: number;
  freeBytes: number;
}

export interface BatteryFacts {
  /** 0-100. */
  levelPercent: number;
  charging: boolean;
  /** On a charger or a computer's USB port, whether or not it is charging. */
  pluggedIn: boolean;
}

export interface DeviceFacts {
  serial: string;
  model: string;
  manufacturer: string;
  androidVersion: string;
  sdk: number | undefined;
  storage: StorageFacts | undefined;
  battery: BatteryFacts | undefined;
}

/** `getprop` prints `[key]: [value]` per line (system/core/toolbox/getprop.cpp). */
export function parseGetprop(output: string): Map<string, string> {
  const properties = new Map<string, string>();
  for (const match of output.matchAll(/^\[([^\]]+)\]: \[([^\]]*)\]$/gm)) {
    properties.set(match[1] as string, match[2] as string);
  }
  return properties;
}

const UNIT: Record<string, number> = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3, T: 1024 ** 4 };

function sizeToBytes(text: string, blockSize: number): number | undefined {
  const human = /^(\d+(?:\.\d+)?)([KMGT]?)$/i.exec(text);
  if (!human) return undefined;
  const [, number, unit] = human as unknown as [string, string, string];
  // A bare number is in blocks; a suffixed one (df -h) is already a size.
  return unit === '' ? Number(number) * blockSize : Math.round(Number(number) * (UNIT[unit.toUpperCase()] ?? 1));
}

/**
 * toybox `df` (Android 6+): `Filesystem 1K-blocks Used Available Use% Mounted on`, sizes in 1 KiB
 * blocks by default; `-h` prints `Size Used Avail` with K/M/G suffixes. Picks the first of
 * `preferred` that is listed.
 */
export function parseDf(output: string, preferred = ['/data', '/storage/emulated', '/sdcard']): StorageFacts | undefined {
  const lines = output.split('\n').filter((line) => line.trim() !== '');
  const header = lines[0] ?? '';
  const blocks = /(\d+)K-blocks/i.exec(header);
  const blockSize = blocks ? Number(blocks[1]) * 1024 : /512-blocks/.test(header) ? 512 : 1024;
  const rows = new Map<string, StorageFacts>();
  for (const line of lines.slice(1)) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 6) continue;
    const mountPoint = fields.slice(5).join(' ');
    const [total, used, free] = [fields[1], fields[2], fields[3]].map((field) => sizeToBytes(field ?? '', blockSize));
    if (total === undefined || used === undefined || free === undefined) continue;
    rows.set(mountPoint, { mountPoint, totalBytes: total, usedBytes: used, freeBytes: free });
  }
  for (const mountPoint of preferred) {
    const row = rows.get(mountPoint);
    if (row) return row;
  }
  return undefined;
}

/**
 * `dumpsys battery` (frameworks/base/services/core/java/com/android/server/BatteryService.java,
 * dumpInternal): `level`, `scale`, `status` (2 = charging, 5 = full) and `AC/USB/Wireless powered`.
 */
export function parseBattery(output: string): BatteryFacts | undefined {
  const field = (name: string) => new RegExp(`^\\s*${name}:\\s*(.+?)\\s*$`, 'm').exec(output)?.[1];
  const level = Number(field('level'));
  if (!Number.isFinite(level) || field('level') === undefined) return undefined;
  const scale = Number(field('scale') ?? 100) || 100;
  const status = Number(field('status'));
  const pluggedIn = ['AC powered', 'USB powered', 'Wireless powered', 'Dock powered'].some((name) => field(name) === 'true');
  return {
    levelPercent: Math.round((level * 100) / scale),
    charging: status === 2 || (status === 5 && pluggedIn),
    pluggedIn,
  };
}
