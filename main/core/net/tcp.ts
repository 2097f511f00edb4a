// The one place Vitre opens TCP sockets and listeners. Everything that talks to a phone, an adb
// server or a test server goes through here, so the egress guard (DESIGN.md, "net/") sees it all.
import * as net from 'node:net';

export type TcpSocket = net.Socket;
export type TcpServer = net.Server;

export interface ConnectOptions {
  signal?: AbortSignal;
  /** Give up connecting after this long (ms). */
  timeoutMs?: number;
  /**
   * Read into this buffer instead of a fresh one per read, and hand each read to `received`
   * (the bytes are valid only during that call: copy what you keep; return false to pause).
   * No 'data' events are emitted then. For bulk transfers: a fresh 64 KiB buffer per read was
   * most of the garbage collection of a 2 GiB pull.
   */
  readInto?: ReadInto;
}

export interface ReadInto {
  buffer: Uint8Array;
  received: (bytes: Uint8Array) => boolean | void;
  /**
   * Asked before each read: memory where the next read should land instead of `buffer` (the
   * place a file's next bytes belong), so that they need no copy after. The read is at most its
   * length. The landing is released once the read that used it has been handed to `received`, or
   * when the socket closes before another read; until then the kernel may still write into it.
   */
  landing?: () => ReadLanding | undefined;
}

export interface ReadLanding {
  bytes: Uint8Array;
  release(): void;
}

/** A landing in memory its owner lends to no one else (a parser's own header buffer): nothing to release. */
export function ownLanding(bytes: Uint8Array): ReadLanding {
  return { bytes, release: () => undefined };
}

/**
 * Node's `onread` for `readInto`: which memory each read lands in; `release` hands back the
 * landing still out (the socket closed before another read).
 */
function reading(readInto: ReadInto): { onread: net.OnReadOpts; release: () => void } {
  const landing = readInto.landing;
  let lent: ReadLanding | undefined;
  const release = () => {
    const used = lent;
    lent = undefined;
    used?.release();
  };
  const callback = (length: number, buffer: Uint8Array) => {
    try {
      return readInto.received(buffer.subarray(0, length)) !== false;
    } finally {
      release();
    }
  };
  if (!landing) return { onread: { buffer: readInto.buffer, callback }, release };
  // Node asks for the next read's memory after each read has been handed on (and once first).
  const buffer = () => {
    release();
    lent = landing();
    // An empty buffer would fail the socket (the read could take nothing): the usual one instead.
    if (lent?.bytes.length === 0) release();
    return lent?.bytes ?? readInto.buffer;
  };
  return { onread: { buffer, callback }, release };
}

/** Connects to host:port; rejects with a readable error on refusal, timeout or abort. */
export function connectTcp(host: string, port: number, options: ConnectOptions = {}): Promise<TcpSocket> {
  const { signal, timeoutMs = 10_000, readInto } = options;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason ?? new Error('aborted'));
      return;
    }
    const reads = readInto ? reading(readInto) : undefined;
    const socket = net.connect({ host, port, noDelay: true, ...(reads ? { onread: reads.onread } : {}) });
    if (reads) socket.once('close', reads.release);
    const fail = (error: Error) => {
      cleanup();
      socket.destroy();
      reject(error);
    };
    const onAbort = () => fail(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
    const onError = (error: Error) => fail(error);
    const timer = setTimeout(
      () => fail(new Error(`Connecting to ${host}:${port} took longer than ${timeoutMs} ms`)),
      timeoutMs,
    );
    const cleanup = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.off('error', onError);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('error', onError);
    socket.once('connect', () => {
      cleanup();
      resolve(socket);
    });
  });
}

export interface ListenOptions {
  /** Loopback unless the caller says otherwise: test and demo servers never face the network. */
  host?: string;
  /** 0 picks a free port. */
  port?: number;
}

/** Starts a TCP server; resolves once it listens, with the port it got. */
export function listenTcp(
  onConnection: (socket: TcpSocket) => void,
  options: ListenOptions = {},
): Promise<{ server: TcpServer; port: number }> {
  const { host = '127.0.0.1', port = 0 } = options;
  return new Promise((resolve, reject) => {
    const server = net.createServer({ noDelay: true }, onConnection);
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      if (address === null || typeof address === 'string') {
        reject(new Error('TCP server has no port'));
        return;
      }
      resolve({ server, port: address.port });
    });
  });
}
