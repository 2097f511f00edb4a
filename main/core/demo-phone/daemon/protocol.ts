// The ADB transport's packet format, as the device sees it.
// Source: AOSP packages/modules/adb/protocol.txt and adb.h (struct amessage, A_* constants).

/** Six little-endian u32: command, arg0, arg1, data_length, data_check, magic. */
export const HEADER_SIZE = 24;

function command(name: string): number {
  return (name.charCodeAt(0) | (name.charCodeAt(1) << 8) | (name.charCodeAt(2) << 16) | (name.charCodeAt(3) << 24)) >>> 0;
}

export const A_CNXN = command('CNXN');
export const A_AUTH = command('AUTH');
export const A_OPEN = command('OPEN');
export const A_OKAY = command('OKAY');
export const A_WRTE = command('WRTE');
export const A_CLSE = command('CLSE');

/** adb.h: A_VERSION_MIN. Below A_VERSION_SKIP_CHECKSUM both sides compute and check data_check. */
export const A_VERSION_MIN = 0x01000000;
/** adb.h: A_VERSION_SKIP_CHECKSUM (= A_VERSION since Android 9). */
export const A_VERSION_SKIP_CHECKSUM = 0x01000001;
export const A_VERSION = 0x01000001;

/** adb.h: MAX_PAYLOAD. The host offers it in CNXN; the transport uses the smaller of both sides. */
export const MAX_PAYLOAD = 1024 * 1024;

/** adb.h: ADB_AUTH_TOKEN / ADB_AUTH_SIGNATURE / ADB_AUTH_RSAPUBLICKEY (AUTH arg0). */
export const AUTH_TOKEN = 1;
export const AUTH_SIGNATURE = 2;
export const AUTH_RSAPUBLICKEY = 3;

export interface PacketHeader {
  command: number;
  arg0: number;
  arg1: number;
  dataLength: number;
  dataCheck: number;
  magic: number;
}

export interface Packet extends PacketHeader {
  data: Uint8Array;
}

export function commandName(value: number): string {
  return String.fromCharCode(value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, value >>> 24);
}

/** adb.cpp: calculate_apacket_checksum — the plain sum of the payload bytes. */
export function checksum(parts: readonly Uint8Array[]): number {
  let sum = 0;
  for (const part of parts) {
    for (let i = 0; i < part.length; i++) sum += part[i]!;
  }
  return sum >>> 0;
}

export function encodeHeader(
  commandValue: number,
  arg0: number,
  arg1: number,
  dataLength: number,
  dataCheck: number,
): Buffer {
  const header = Buffer.allocUnsafe(HEADER_SIZE);
  header.writeUInt32LE(commandValue >>> 0, 0);
  header.writeUInt32LE(arg0 >>> 0, 4);
  header.writeUInt32LE(arg1 >>> 0, 8);
  header.writeUInt32LE(dataLength >>> 0, 12);
  header.writeUInt32LE(dataCheck >>> 0, 16);
  header.writeUInt32LE((commandValue ^ 0xffffffff) >>> 0, 20);
  return header;
}

export function decodeHeader(bytes: Uint8Array): PacketHeader {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, HEADER_SIZE);
  return {
    command: view.readUInt32LE(0),
    arg0: view.readUInt32LE(4),
    arg1: view.readUInt32LE(8),
    dataLength: view.readUInt32LE(12),
    dataCheck: view.readUInt32LE(16),
    magic: view.readUInt32LE(20),
  };
}
