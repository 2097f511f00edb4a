// A device target as the user writes it: an adb serial (what `vitre devices` lists, reached
// through the adb server) or `tcp:HOST:PORT` (straight to the phone's adbd, no adb server).
import { DeviceError } from './errors.ts';

export type DeviceTarget = { kind: 'adb-server'; serial: string } | { kind: 'direct'; host: string; port: number };

/** Splits HOST:PORT, accepting [IPv6]:PORT. */
export function parseHostPort(text: string, defaultPort?: number): { host: string; port: number } {
  const match = /^\[([^\]]+)\](?::(\d+))?$/.exec(text) ?? /^([^:]+)(?::(\d+))?$/.exec(text);
  const host = match?.[1];
  const portText = match?.[2];
  const port = portText === undefined ? defaultPort : Number(portText);
  if (!host || port === undefined || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new DeviceError(
      'invalid-input',
      `"${text}" is not an address. Write it as HOST:PORT, for example 192.168.1.20:5555 (the phone shows it under Wireless debugging).`,
    );
  }
  return { host, port };
}

export function parseTarget(text: string): DeviceTarget {
  if (text.startsWith('tcp:')) return { kind: 'direct', ...parseHostPort(text.slice(4)) };
  if (text.trim() === '') {
    throw new DeviceError('invalid-input', 'No device given. Run "vitre devices" to see the serials you can use.');
  }
  return { kind: 'adb-server', serial: text };
}

export function formatTarget(target: DeviceTarget): string {
  if (target.kind === 'adb-server') return target.serial;
  const host = target.host.includes(':') ? `[${target.host}]` : target.host;
  return `tcp:${host}:${target.port}`;
}
