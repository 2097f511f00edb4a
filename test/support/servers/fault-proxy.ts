// A fault-injecting TCP proxy (a TEST tool, like Kopia's blobtesting/faulty.go but on the wire)
// placed between Vitre and a test server. It follows HTTP/1.1 exchanges just enough to fault
// individual requests on kept-alive connections: a request starts when the client sends again
// after the server has answered (no pipelining in node:http clients), and "100 Continue" is an
// interim answer. Faults: drop the connection mid-request, answer 500/503 without forwarding,
// delay every chunk, or cut the response body short.
import { connectTcp, listenTcp, type TcpServer, type TcpSocket } from '../../../main/core/net/tcp.ts';

export type Fault =
  | { kind: 'drop'; afterBytes: number }
  | { kind: 'status'; status: 500 | 503 }
  | { kind: 'slow'; delayMs: number }
  | { kind: 'truncate' };

/** Decides the fault (or none) for the n-th request seen by the proxy, counting from 0. */
export type FaultPlan = (request: number) => Fault | undefined;

export interface FaultProxy {
  port: number;
  url: string;
  /** Requests seen, and faults injected per kind. */
  stats: { requests: number; faults: Record<Fault['kind'], number> };
  close(): Promise<void>;
}

export interface RandomPlanOptions {
  seed: number;
  /** Probability per request of each fault. */
  rates: Partial<Record<Fault['kind'], number>>;
  slowDelayMs?: number;
  /** No more faults after this many (keeps runs bounded). */
  maxFaults?: number;
}

/** A reproducible plan: the same seed gives the same faults on the same request numbers. */
export function randomPlan(options: RandomPlanOptions): FaultPlan {
  const random = mulberry32(options.seed);
  let injected = 0;
  return () => {
    const roll = random();
    const size = random();
    if (injected >= (options.maxFaults ?? Infinity)) return undefined;
    let threshold = 0;
    for (const kind of ['drop', 'status', 'slow', 'truncate'] as const) {
      threshold += options.rates[kind] ?? 0;
      if (roll >= threshold) continue;
      injected += 1;
      if (kind === 'drop') return { kind, afterBytes: Math.floor(size * 256 * 1024) };
      if (kind === 'status') return { kind, status: size < 0.5 ? 500 : 503 };
      if (kind === 'slow') return { kind, delayMs: options.slowDelayMs ?? 20 };
      return { kind };
    }
    return undefined;
  };
}

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function startFaultProxy(target: { host: string; port: number }, plan: FaultPlan): Promise<FaultProxy> {
  const stats = { requests: 0, faults: { drop: 0, status: 0, slow: 0, truncate: 0 } };
  const sockets = new Set<TcpSocket>();
  const next = (): Fault | undefined => {
    const fault = plan(stats.requests++);
    if (fault !== undefined) stats.faults[fault.kind] += 1;
    return fault;
  };
  const { server, port } = await listenTcp((client) => {
    sockets.add(client);
    client.once('close', () => sockets.delete(client));
    relay(client, target, next, sockets);
  });
  return { port, url: `http://127.0.0.1:${port}`, stats, close: () => closeAll(server, sockets) };
}

function relay(client: TcpSocket, target: { host: string; port: number }, next: () => Fault | undefined, sockets: Set<TcpSocket>): void {
  client.pause();
  client.on('error', () => undefined); // Resets are what this proxy is for; the close handler cleans up.
  connectTcp(target.host, target.port).then((upstream) => {
    sockets.add(upstream);
    upstream.on('error', () => undefined); // As above.
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.once('close', end);
    upstream.once('close', end);
    const exchange = new Exchange(client, upstream, next);
    client.on('data', (chunk: Buffer) => exchange.fromClient(chunk));
    upstream.on('data', (chunk: Buffer) => exchange.fromServer(chunk));
    client.resume();
  }, () => client.destroy());
}

// One connection's state: which phase the current request is in and its fault.
class Exchange {
  readonly #client: TcpSocket;
  readonly #upstream: TcpSocket;
  readonly #next: () => Fault | undefined;
  #answering = true;
  #fault: Fault | undefined;
  #requestBytes = 0;
  #responseHead = Buffer.alloc(0);
  #responseLimit: number | undefined;
  #responseBytes = 0;

  constructor(client: TcpSocket, upstream: TcpSocket, next: () => Fault | undefined) {
    this.#client = client;
    this.#upstream = upstream;
    this.#next = next;
  }

  fromClient(chunk: Buffer): void {
    if (this.#answering) this.#startRequest();
    const fault = this.#fault;
    if (fault?.kind === 'status') {
      this.#client.end(`HTTP/1.1 ${fault.status} Injected Fault\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
      this.#upstream.destroy();
      return;
    }
    if (fault?.kind === 'drop' && this.#requestBytes + chunk.length > fault.afterBytes) {
      this.#upstream.write(chunk.subarray(0, Math.max(0, fault.afterBytes - this.#requestBytes)));
      this.#client.destroy();
      this.#upstream.destroy();
      return;
    }
    this.#requestBytes += chunk.length;
    this.#forward(chunk, this.#client, this.#upstream);
  }

  fromServer(chunk: Buffer): void {
    const fault = this.#fault;
    if (fault?.kind === 'drop') {
      // The request was shorter than the drop point: drop before any answer arrives.
      this.#client.destroy();
      this.#upstream.destroy();
      return;
    }
    if (/^HTTP\/1\.1 1\d\d /.test(chunk.subarray(0, 13).toString('latin1')) && !this.#answering && this.#responseBytes === 0) {
      this.#forward(chunk, this.#upstream, this.#client);
      return;
    }
    this.#answering = true;
    if (fault?.kind === 'truncate' && !this.#cutResponse(chunk)) return;
    this.#responseBytes += chunk.length;
    this.#forward(chunk, this.#upstream, this.#client);
  }

  #startRequest(): void {
    this.#answering = false;
    this.#fault = this.#next();
    this.#requestBytes = 0;
    this.#responseHead = Buffer.alloc(0);
    this.#responseLimit = undefined;
    this.#responseBytes = 0;
  }

  /** True when the whole chunk may be forwarded; otherwise it was handled (sent in part, or cut). */
  #cutResponse(chunk: Buffer): boolean {
    if (this.#responseLimit === undefined) {
      this.#responseHead = Buffer.concat([this.#responseHead, chunk]);
      const headEnd = this.#responseHead.indexOf('\r\n\r\n');
      if (headEnd < 0) return true;
      const head = this.#responseHead.subarray(0, headEnd).toString('latin1');
      const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
      // Half the body; a response without a body is cut inside its head.
      this.#responseLimit = length > 1 ? headEnd + 4 + Math.floor(length / 2) : Math.floor(headEnd / 2);
    }
    const room = this.#responseLimit - this.#responseBytes;
    if (chunk.length < room) return true;
    this.#client.write(chunk.subarray(0, Math.max(0, room)), () => {
      this.#client.destroy();
      this.#upstream.destroy();
    });
    return false;
  }

  #forward(chunk: Buffer, from: TcpSocket, to: TcpSocket): void {
    const fault = this.#fault;
    if (fault?.kind === 'slow') {
      from.pause();
      setTimeout(() => {
        if (!to.destroyed) to.write(chunk);
        from.resume();
      }, fault.delayMs);
      return;
    }
    if (!to.write(chunk)) {
      from.pause();
      to.once('drain', () => from.resume());
    }
  }
}

async function closeAll(server: TcpServer, sockets: Set<TcpSocket>): Promise<void> {
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
