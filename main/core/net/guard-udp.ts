// UDP egress: dgram's send() and connect() (mDNS discovery uses them too). A blocked send never
// reaches sendto(); its callback (or the socket's 'error' event) gets the reason.
import * as dgram from 'node:dgram';
import { makeRecord } from './activity-record.ts';
import { EgressBlockedError, THREAD, type GuardHooks } from './guard-hooks.ts';

type Callback = (error: Error | null, bytes?: number) => void;

function defaultHost(socket: dgram.Socket): string {
  try {
    return socket.address().family === 'IPv6' ? '::1' : '127.0.0.1';
  } catch {
    // Not bound yet: Node binds udp4 sockets to 0.0.0.0 and sends to localhost by default.
    return '127.0.0.1';
  }
}

function connectedPeer(socket: dgram.Socket): { host: string; port: number } | undefined {
  try {
    const peer = socket.remoteAddress();
    return { host: peer.address, port: peer.port };
  } catch {
    // ERR_SOCKET_DGRAM_NOT_CONNECTED: the target is in the send() arguments instead.
    return undefined;
  }
}

// Mirrors the argument juggling of Socket.prototype.send in lib/dgram.js:
// send(msg[, offset, length], port[, address][, cb]).
function sendTarget(socket: dgram.Socket, args: unknown[]): { host: string; port: number; callback?: Callback } {
  const callback = args.findLast((a) => typeof a === 'function') as Callback | undefined;
  const peer = connectedPeer(socket);
  if (peer !== undefined) return { ...peer, callback };
  const offsetForm = Boolean(args[4]) || (Boolean(args[3]) && typeof args[3] !== 'function');
  const port = Number(offsetForm ? args[3] : args[1]);
  const address = offsetForm ? args[4] : args[2];
  return { host: typeof address === 'string' && address !== '' ? address : defaultHost(socket), port, callback };
}

function payloadSize(message: unknown): number {
  if (typeof message === 'string') return Buffer.byteLength(message);
  if (Array.isArray(message)) return message.reduce((sum: number, part: unknown) => sum + payloadSize(part), 0);
  if (ArrayBuffer.isView(message)) return message.byteLength;
  return 0;
}

export function guardUdp(hooks: GuardHooks): () => void {
  const proto = dgram.Socket.prototype;
  const originalSend = proto.send;
  const originalConnect = proto.connect;

  const guardedSend = function guardedSend(this: dgram.Socket, ...args: unknown[]): void {
    const target = sendTarget(this, args);
    const attempt = { protocol: 'udp' as const, host: target.host, port: target.port };
    const decision = hooks.decide(attempt);
    hooks.record(makeRecord({
      kind: 'udp', verdict: decision.verdict, reason: decision.reason, host: target.host, port: target.port,
      bytesUp: decision.verdict === 'allowed' ? payloadSize(args[0]) : 0, purpose: hooks.purpose(), thread: THREAD,
    }));
    if (decision.verdict === 'blocked') return refuse(this, new EgressBlockedError(attempt, decision.reason), target.callback);
    (originalSend as (...a: unknown[]) => void).apply(this, args);
  };

  const guardedConnect = function guardedConnect(this: dgram.Socket, ...args: unknown[]): void {
    const port = Number(args[0]);
    const host = typeof args[1] === 'string' ? args[1] : defaultHost(this);
    const callback = args.findLast((a) => typeof a === 'function') as Callback | undefined;
    const attempt = { protocol: 'udp' as const, host, port };
    const decision = hooks.decide(attempt);
    if (decision.verdict === 'blocked') {
      hooks.record(makeRecord({ kind: 'udp', verdict: 'blocked', reason: decision.reason, host, port, purpose: hooks.purpose(), thread: THREAD }));
      return refuse(this, new EgressBlockedError(attempt, decision.reason), callback);
    }
    (originalConnect as (...a: unknown[]) => void).apply(this, args);
  };

  proto.send = guardedSend as typeof originalSend;
  proto.connect = guardedConnect as typeof originalConnect;
  const restoreMembership = guardMembership(hooks);
  return () => {
    if (proto.send === guardedSend) proto.send = originalSend;
    if (proto.connect === guardedConnect) proto.connect = originalConnect;
    restoreMembership();
  };
}

// Joining a multicast group makes the kernel announce it on the network (an IGMP or MLD report),
// so a join is decided like a send to that group on the socket's port: allowed for mDNS only when
// discovery is on. addMembership is synchronous and throws on failure, so a refusal throws too.
function guardMembership(hooks: GuardHooks): () => void {
  const proto = dgram.Socket.prototype;
  const originals = { addMembership: proto.addMembership, addSourceSpecificMembership: proto.addSourceSpecificMembership };
  const wrap = (original: (...args: never[]) => void, groupIndex: number) =>
    function guardedMembership(this: dgram.Socket, ...args: unknown[]): void {
      const group = String(args[groupIndex]);
      const attempt = { protocol: 'udp' as const, host: group, port: boundPort(this) };
      const decision = hooks.decide(attempt);
      hooks.record(makeRecord({
        kind: 'udp', verdict: decision.verdict, reason: decision.reason, host: group, port: attempt.port,
        protocol: 'multicast join', purpose: hooks.purpose(), thread: THREAD,
      }));
      if (decision.verdict === 'blocked') throw new EgressBlockedError(attempt, decision.reason);
      (original as (...a: unknown[]) => void).apply(this, args);
    };
  const guarded = { addMembership: wrap(originals.addMembership, 0), addSourceSpecificMembership: wrap(originals.addSourceSpecificMembership, 1) };
  proto.addMembership = guarded.addMembership as typeof proto.addMembership;
  proto.addSourceSpecificMembership = guarded.addSourceSpecificMembership as typeof proto.addSourceSpecificMembership;
  return () => {
    if (proto.addMembership === guarded.addMembership) proto.addMembership = originals.addMembership;
    if (proto.addSourceSpecificMembership === guarded.addSourceSpecificMembership) {
      proto.addSourceSpecificMembership = originals.addSourceSpecificMembership;
    }
  };
}

function boundPort(socket: dgram.Socket): number {
  try {
    return socket.address().port;
  } catch {
    // Not bound: Node refuses the join itself (EBADF); the policy sees port 0 and blocks it.
    return 0;
  }
}

function refuse(socket: dgram.Socket, error: EgressBlockedError, callback: Callback | undefined): void {
  process.nextTick(() => (callback !== undefined ? callback(error) : socket.emit('error', error)));
}
