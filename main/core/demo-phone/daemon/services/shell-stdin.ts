// What the user types into `adb shell`: raw stream bytes, or the stdin packets of shell protocol
// v2 (id 0 data, id 4 close-stdin; id 5 window-size is a terminal resize, nothing to type).
import type { DeviceStream } from '../device-stream.ts';
import { SHELL_CLOSE_STDIN, SHELL_HEADER_SIZE, SHELL_STDIN } from './shell-protocol.ts';

/** Yields stdin until the host closes it (close-stdin packet or stream end). */
export async function* shellStdin(stream: DeviceStream, framed: boolean): AsyncGenerator<Uint8Array> {
  for (;;) {
    if (!framed) {
      const chunk = await stream.read();
      if (chunk === null) return;
      yield chunk;
      continue;
    }
    const header = await stream.readExactly(SHELL_HEADER_SIZE);
    if (header === null) return;
    const length = Buffer.from(header.buffer, header.byteOffset, SHELL_HEADER_SIZE).readUInt32LE(1);
    const data = await stream.readExactly(length);
    if (data === null || header[0] === SHELL_CLOSE_STDIN) return;
    if (header[0] === SHELL_STDIN && data.length > 0) yield data;
  }
}
