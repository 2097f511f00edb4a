// Reads that land where their bytes belong (ReadInto.landing in net/tcp.ts), over a real loopback
// socket: each read goes into the memory the reader chose for it, no longer than that memory, and
// every landing is released once its read was handed on, or when the socket closes first.
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { connectTcp, listenTcp, type ReadLanding, type TcpServer, type TcpSocket } from '../../../main/core/net/tcp.ts';

const servers: TcpServer[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

/** A server that sends `bytes` to whoever connects, then waits (or ends, if asked). */
async function sending(bytes: Buffer, end = true): Promise<number> {
  const { server, port } = await listenTcp((socket) => (end ? socket.end(bytes) : socket.write(bytes)));
  servers.push(server);
  return port;
}

describe('reads into a landing', () => {
  it('land in the chosen memory, one read at most its length, each landing released after its read', async () => {
    const sent = randomBytes(3 * 1024 * 1024 + 11);
    const port = await sending(sent);
    const own = new Uint8Array(64 * 1024);
    const file = new Uint8Array(sent.length);
    let filled = 0;
    let lent = 0;
    let released = 0;
    let outstanding: ReadLanding | undefined;
    let inPlace = 0;
    let tooLong = 0;
    const done = new Promise<void>((resolve) => {
      let socket: TcpSocket | undefined;
      void connectTcp('127.0.0.1', port, {
        readInto: {
          buffer: own,
          received: (bytes) => {
            if (bytes.buffer === file.buffer) {
              expect(bytes.byteOffset).toBe(filled);
              if (outstanding && bytes.length > outstanding.bytes.length) tooLong += 1;
              inPlace += bytes.length;
            } else {
              file.set(bytes, filled);
            }
            filled += bytes.length;
          },
          // Every other read lands in the file, at most 100,000 bytes; the rest in the socket's buffer.
          landing: () => {
            if (lent > released || (lent + released) % 4 === 2 || filled === file.length) return undefined;
            lent += 1;
            outstanding = { bytes: file.subarray(filled, Math.min(file.length, filled + 100_000)), release: () => (released += 1) };
            return outstanding;
          },
        },
      }).then((made) => {
        socket = made;
        socket.once('end', () => resolve());
      });
    });
    await done;
    expect(Buffer.from(file).equals(sent)).toBe(true);
    expect(inPlace).toBeGreaterThan(0);
    expect(tooLong).toBe(0);
    expect(released).toBe(lent);
  });

  it('reads into the socket\'s own buffer when a landing has no room, and releases it', async () => {
    const sent = randomBytes(200_000);
    const port = await sending(sent);
    const got: Buffer[] = [];
    let released = 0;
    await new Promise<void>((resolve, reject) => {
      connectTcp('127.0.0.1', port, {
        readInto: {
          buffer: new Uint8Array(64 * 1024),
          received: (bytes) => void got.push(Buffer.from(bytes)),
          landing: () => ({ bytes: new Uint8Array(0), release: () => (released += 1) }),
        },
      }).then((socket) => socket.once('end', () => resolve()), reject);
    });
    expect(Buffer.concat(got).equals(sent)).toBe(true);
    expect(released).toBeGreaterThan(0);
  });

  it('releases a landing no read used when the socket closes', async () => {
    const port = await sending(Buffer.from('hello'), false);
    const file = new Uint8Array(1024);
    let released = 0;
    let socket: TcpSocket | undefined;
    const got = new Promise<void>((resolve) => {
      void connectTcp('127.0.0.1', port, {
        readInto: {
          buffer: new Uint8Array(1024),
          received: () => resolve(),
          landing: () => ({ bytes: file, release: () => (released += 1) }),
        },
      }).then((made) => (socket = made));
    });
    await got;
    // The read of "hello" released its landing; the next one is out, waiting for bytes.
    expect(released).toBe(1);
    const closed = new Promise((resolve) => socket!.once('close', resolve));
    socket!.destroy();
    await closed;
    expect(released).toBe(2);
  });
});
