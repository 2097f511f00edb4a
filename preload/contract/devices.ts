// What the app knows about phones: the list (with each phone's connection state, so the screen can
// say exactly what to do next) and the facts of one phone.
import { z } from 'zod';

/** How the phone is reached: a USB cable, the local network, or Vitre's built-in simulated phone. */
export const deviceTransportSchema = z.enum(['usb', 'lan', 'demo']);

/**
 * The states adb reports (`adb devices -l`: device, unauthorized, offline, no permissions,
 * connecting, authorizing, bootloader, recovery, sideload, rescue) in the user's words. `ready` is
 * adb's "device"; `unknown` is anything newer than Vitre.
 */
export const deviceStateSchema = z.enum([
  'ready',
  'connecting',
  'authorizing',
  'unauthorized',
  'no-permissions',
  'offline',
  'bootloader',
  'recovery',
  'sideload',
  'rescue',
  'unknown',
]);

export const deviceSchema = z.object({
  /** Stable for as long as the phone stays connected: `usb:SERIAL`, `lan:HOST:PORT`, `demo:HOST:PORT`. */
  id: z.string().min(1),
  /** The adb serial, or HOST:PORT for a network phone. */
  serial: z.string(),
  /** The model name when the phone has told us, e.g. "Pixel 8". */
  model: z.string().nullable(),
  transport: deviceTransportSchema,
  state: deviceStateSchema,
  /** True only for the built-in simulated phone: the interface labels it as such everywhere. */
  simulated: z.boolean(),
  /** HOST:PORT for network phones. */
  address: z.string().nullable(),
});

/** A reason some phones cannot be listed at all, e.g. adb is not installed. */
export const deviceSourceProblemSchema = z.object({
  kind: z.enum(['adb-missing', 'adb-too-old', 'adb-unreachable']),
  message: z.string(),
});

export const deviceListSchema = z.object({
  devices: z.array(deviceSchema),
  problems: z.array(deviceSourceProblemSchema),
  /** Whether the simulated phone is running (it is offered when no phone is connected). */
  demoRunning: z.boolean(),
});

export const deviceFactsSchema = z.object({
  deviceId: z.string(),
  manufacturer: z.string().nullable(),
  model: z.string().nullable(),
  /** `ro.build.version.release`, e.g. "15". */
  androidVersion: z.string().nullable(),
  /** `ro.build.version.sdk`, e.g. 35. */
  sdkLevel: z.number().int().nullable(),
  /** Internal shared storage (/sdcard), in bytes. */
  storage: z.object({ totalBytes: z.number().nonnegative(), freeBytes: z.number().nonnegative() }).nullable(),
  battery: z.object({ percent: z.number().min(0).max(100), charging: z.boolean() }).nullable(),
  simulated: z.boolean(),
});

// HOST:PORT where HOST is an IPv4 address, a host name or a bracketed IPv6 address; the port is
// optional (5555, the port `adb tcpip` uses by default).
const ADDRESS = /^(?:\[[0-9a-fA-F:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?)(?::(\d{1,5}))?$/;

export const phoneAddressSchema = z
  .string()
  .trim()
  .regex(ADDRESS, 'Type the address as HOST:PORT, for example 192.168.1.20:5555.')
  .refine((value) => {
    const port = ADDRESS.exec(value)?.[1];
    return port === undefined || (Number(port) >= 1 && Number(port) <= 65535);
  }, 'The port must be between 1 and 65535.');

export type DeviceTransport = z.infer<typeof deviceTransportSchema>;
export type DeviceState = z.infer<typeof deviceStateSchema>;
export type Device = z.infer<typeof deviceSchema>;
export type DeviceSourceProblem = z.infer<typeof deviceSourceProblemSchema>;
export type DeviceList = z.infer<typeof deviceListSchema>;
export type DeviceFacts = z.infer<typeof deviceFactsSchema>;
