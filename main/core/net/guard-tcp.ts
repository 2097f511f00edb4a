// TCP egress: every client socket in Node (net, tls, http, https, http2, fetch and npm undici)
// ends in net.Socket.prototype.connect, so wrapping it decides every connection before DNS or the
// connect() syscall (diagnostics channels only observe and cannot stop one; DESIGN.md).
import * as net from 'node:net';
import * as tls from 'node:tls';
import { makeRecord, type Purpose } from './activity-record.ts';
import { EgressBlockedError, THREAD, now, span, type GuardHooks } from './guard-hooks.ts';

/** A connection the guard allowed, followed until it closes. HTTP capture merges requests into it. */
export interface TrackedConnection {
  time: number;
  startedAt: number;
  host: string;
  port: number;
  reason: string;
  purpose: Purpose;
  lookupAt?: number;
  connectAt?: number;
  secureAt?: number;
  /** Set by HTTP capture: the connection is recorded through its requests instead. */
  carriesHttp: boolean;
  /** Requests merged so far: the first one carries the DNS, connect and TLS timings. */
  requests: number;
  /** Bytes already attributed to earlier requests on this connection (HTTP/1.1 is sequential). */
  accountedUp: number;
  accountedDown: number;
}

const connections = new WeakMap<net.Socket, TrackedConnection>();

export function connectionOf(socket: net.Socket | null | undefined): TrackedConnection | undefined {
  return socket === null || socket === undefined ? undefined : connections.get(socket);
}

interface ConnectTarget {
  host: string;
  port: number;
  path?: string;
}

// Socket#connect accepts (options[, cb]), (port[, host][, cb]), (path[, cb]), and from
// net.connect() an array already normalised by lib/net.js (normalizedArgsSymbol).
function connectTarget(args: unknown[]): ConnectTarget {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  if (first !== null && typeof first === 'object') {
    const options = first as { host?: string; port?: number | string; path?: string };
    if (typeof options.path === 'string' && options.path !== '') return { host: '', port: 0, path: options.path };
    return { host: options.host ?? 'localhost', port: Number(options.port) };
  }
  if (typeof first === 'string' && !/^\d+$/.test(first)) return { host: '', port: 0, path: first };
  return { host: typeof args[1] === 'string' ? args[1] : 'localhost', port: Number(first) };
}

export interface TcpGuard {
  /** Records connections still open (a process exiting never sees their 'close'). */
  recordOpen(): void;
  uninstall(): void;
}

export function guardTcp(hooks: GuardHooks): TcpGuard {
  const original = net.Socket.prototype.connect;
  const open = new Map<net.Socket, (note: string) => void>();
  const guarded = function guardedConnect(this: net.Socket, ...args: unknown[]): net.Socket {
    const target = connectTarget(args);
    // Unix sockets and named pipes stay on this computer.
    if (target.path !== undefined) return (original as (...a: unknown[]) => net.Socket).apply(this, args);
    const protocol = this instanceof tls.TLSSocket ? 'tls' : 'tcp';
    const attempt = { protocol: 'tcp' as const, host: target.host, port: target.port };
    const decision = hooks.decide(attempt);
    const purpose = hooks.purpose();
    if (decision.verdict === 'blocked') {
      hooks.record(makeRecord({ kind: 'tcp', verdict: 'blocked', reason: decision.reason, host: target.host, port: target.port, protocol, purpose, thread: THREAD }));
      const error = new EgressBlockedError(attempt, decision.reason);
      process.nextTick(() => this.destroy(error));
      return this;
    }
    const connection = { time: Date.now(), startedAt: now(), host: target.host, port: target.port, reason: decision.reason, purpose, carriesHttp: false, requests: 0, accountedUp: 0, accountedDown: 0 };
    const finish = follow(this, connection, hooks);
    open.set(this, finish);
    this.once('close', () => {
      open.delete(this);
      finish('');
    });
    return (original as (...a: unknown[]) => net.Socket).apply(this, args);
  };
  net.Socket.prototype.connect = guarded as typeof original;
  return {
    recordOpen() {
      for (const finish of open.values()) finish('still open when the process exited');
      open.clear();
    },
    uninstall() {
      if (net.Socket.prototype.connect === guarded) net.Socket.prototype.connect = original;
    },
  };
}

/** Follows a connection's milestones; the returned function records it (once). */
function follow(socket: net.Socket, connection: TrackedConnection, hooks: GuardHooks): (note: string) => void {
  connections.set(socket, connection);
  let failure: string | undefined;
  let recorded = false;
  socket.once('lookup', () => (connection.lookupAt = now()));
  socket.once('connect', () => (connection.connectAt = now()));
  socket.once('secureConnect', () => (connection.secureAt = now()));
  socket.once('error', (error: Error) => (failure = error.message));
  return (note: string) => {
    if (recorded || connection.carriesHttp) return;
    recorded = true;
    failure ??= note === '' ? undefined : note;
    const tlsSocket = socket instanceof tls.TLSSocket ? socket : undefined;
    const alpn = tlsSocket?.alpnProtocol;
    hooks.record(makeRecord({
      time: connection.time,
      kind: 'tcp',
      verdict: 'allowed',
      reason: connection.reason,
      host: connection.host,
      port: connection.port,
      protocol: typeof alpn === 'string' ? alpn : tlsSocket !== undefined ? 'tls' : 'tcp',
      bytesUp: socket.bytesWritten,
      bytesDown: socket.bytesRead,
      purpose: connection.purpose,
      thread: THREAD,
      timings: connectionTimings(connection, now()),
      detail: failure === undefined ? {} : { error: failure },
    }));
  };
}

/** DNS, connect and TLS spans of a connection, plus its total up to `end`. */
export function connectionTimings(connection: TrackedConnection, end: number) {
  const connectFrom = connection.lookupAt ?? connection.startedAt;
  return {
    dns: span(connection.startedAt, connection.lookupAt),
    connect: span(connectFrom, connection.connectAt),
    tls: span(connection.connectAt, connection.secureAt),
    firstByte: -1,
    total: span(connection.startedAt, end),
  };
}
