// Shell protocol v2 framing (AOSP adb shell_protocol.h): [id u8][length u32 LE][data].
export const SHELL_STDIN = 0;
export const SHELL_STDOUT = 1;
export const SHELL_STDERR = 2;
export const SHELL_EXIT = 3;
export const SHELL_CLOSE_STDIN = 4;
export const SHELL_WINDOW_SIZE = 5;

export const SHELL_HEADER_SIZE = 5;

export function shellPacketHeader(id: number, length: number): Buffer {
  const header = Buffer.allocUnsafe(SHELL_HEADER_SIZE);
  header.writeUInt8(id, 0);
  header.writeUInt32LE(length, 1);
  return header;
}
