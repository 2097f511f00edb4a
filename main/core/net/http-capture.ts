// HTTP detail for the records: method, URL, status, bytes and timings, from the diagnostics
// channels of node:http and of undici (fetch's bundled copy and the npm package publish on the
// same channel names), merged with the guard's own account of the connection underneath. The
// channels only observe; blocking happened earlier, in guard-tcp.
import diagnosticsChannel from 'node:diagnostics_channel';
import type * as net from 'node:net';
import { makeRecord, type Purpose } from './activity-record.ts';
import { connectionOf, connectionTimings, type TrackedConnection } from './guard-tcp.ts';
import { EgressBlockedError, THREAD, now, span, type GuardHooks } from './guard-hooks.ts';
import { redactHeaders, redactUrl } from './redact.ts';

interface Exchange {
  time: number;
  startedAt: number;
  method: string;
  url: string;
  requestHeaders: [string, string][];
  purpose: Purpose;
  socket?: net.Socket;
  connection?: TrackedConnection;
  firstOnConnection: boolean;
  sentAt?: number;
  upAtStart: number;
  downAtStart: number;
  headersAt?: number;
  status: number;
  statusText: string;
  httpVersion: string;
  responseHeaders: [string, string][];
  done: boolean;
}

type Message = Record<string, unknown>;

function pairs(raw: unknown): [string, string][] {
  if (typeof raw === 'string') {
    return raw.split('\r\n').filter(Boolean).map((line) => {
      const colon = line.indexOf(':');
      return [line.slice(0, colon), line.slice(colon + 1).trim()];
    });
  }
  if (!Array.isArray(raw)) return [];
  if (raw.every((entry) => Array.isArray(entry))) return raw.map(([name, value]) => [String(name), String(value)]);
  const result: [string, string][] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) result.push([String(raw[i]), String(raw[i + 1])]);
  return result;
}

export function captureHttp(hooks: GuardHooks): () => void {
  const exchanges = new WeakMap<object, Exchange>();
  const open = new WeakMap<net.Socket, Set<Exchange>>();

  const begin = (key: object, method: string, url: string, headers: [string, string][]) => {
    exchanges.set(key, {
      time: Date.now(), startedAt: now(), method, url: redactUrl(url, 'stored'), requestHeaders: redactHeaders(headers, 'stored'),
      purpose: hooks.purpose(), firstOnConnection: false, upAtStart: 0, downAtStart: 0,
      status: 0, statusText: '', httpVersion: '', responseHeaders: [], done: false,
    });
  };

  const attach = (key: object, socket: net.Socket) => {
    const exchange = exchanges.get(key);
    if (exchange === undefined || exchange.socket !== undefined) return;
    exchange.socket = socket;
    exchange.sentAt = now();
    // node:http announces a request after writing its headers: count from where the previous
    // request on this connection ended, not from the socket's counters now.
    const connection = connectionOf(socket);
    exchange.upAtStart = connection?.accountedUp ?? socket.bytesWritten;
    exchange.downAtStart = connection?.accountedDown ?? socket.bytesRead;
    if (connection !== undefined) {
      connection.carriesHttp = true;
      exchange.connection = connection;
      exchange.firstOnConnection = connection.requests++ === 0;
    }
    let set = open.get(socket);
    if (set === undefined) {
      const created = new Set<Exchange>();
      open.set(socket, created);
      // A response nobody read to the end still counts: record it when its connection closes.
      socket.once('close', () => created.forEach((pending) => finish(pending, 'the connection closed before the response ended')));
      set = created;
    }
    set.add(exchange);
  };

  const responded = (key: object, status: number, statusText: string, httpVersion: string, headers: [string, string][]) => {
    const exchange = exchanges.get(key);
    if (exchange === undefined) return;
    exchange.headersAt = now();
    Object.assign(exchange, { status, statusText, httpVersion, responseHeaders: redactHeaders(headers, 'stored') });
  };

  const finish = (exchange: Exchange | undefined, error?: string) => {
    if (exchange === undefined || exchange.done) return;
    exchange.done = true;
    if (exchange.socket !== undefined) open.get(exchange.socket)?.delete(exchange);
    if (exchange.connection !== undefined && exchange.socket !== undefined) {
      exchange.connection.accountedUp = exchange.socket.bytesWritten;
      exchange.connection.accountedDown = exchange.socket.bytesRead;
    }
    hooks.record(httpRecord(exchange, now(), error));
  };

  const failed = (key: object, error: unknown) => {
    const exchange = exchanges.get(key);
    // A blocked connection was recorded by the guard already, with the reason.
    if (error instanceof EgressBlockedError && exchange !== undefined) exchange.done = true;
    finish(exchange, error instanceof Error ? error.message : String(error));
  };

  const subscriptions: [string, (message: Message) => void][] = [
    ['http.client.request.start', ({ request }) => {
      const req = request as {
        method: string; protocol: string; host: string; path: string; socket: net.Socket | null;
        getHeader(name: string): unknown; getRawHeaderNames(): string[]; once(event: string, fn: (s: net.Socket) => void): void;
      };
      const hostHeader = String(req.getHeader('host') ?? req.host);
      const headers = req.getRawHeaderNames().map((name): [string, string] => [name, String(req.getHeader(name))]);
      begin(req, req.method, `${req.protocol}//${hostHeader}${req.path}`, headers);
      // The channel fires once the request is being sent, usually with its socket already assigned.
      if (req.socket !== null && req.socket !== undefined) attach(req, req.socket);
      else req.once('socket', (socket) => attach(req, socket));
    }],
    ['http.client.response.finish', ({ request, response }) => {
      const res = response as { statusCode: number; statusMessage: string; httpVersion: string; rawHeaders: string[]; once(event: string, fn: () => void): void };
      responded(request as object, res.statusCode, res.statusMessage, `HTTP/${res.httpVersion}`, pairs(res.rawHeaders));
      const done = () => finish(exchanges.get(request as object));
      res.once('end', done);
      res.once('close', done);
    }],
    ['http.client.request.error', ({ request, error }) => failed(request as object, error)],
    ['undici:request:create', ({ request }) => {
      const req = request as { method: string; origin: string | URL; path: string; headers: unknown };
      begin(req, req.method, `${String(req.origin).replace(/\/$/, '')}${req.path}`, pairs(req.headers));
    }],
    ['undici:client:sendHeaders', ({ request, socket }) => attach(request as object, socket as net.Socket)],
    ['undici:request:headers', ({ request, response }) => {
      const res = response as { statusCode: number; statusText: string; headers: unknown };
      responded(request as object, res.statusCode, res.statusText, 'HTTP/1.1', pairs((res.headers as unknown[]).map(String)));
    }],
    ['undici:request:trailers', ({ request }) => finish(exchanges.get(request as object))],
    ['undici:request:error', ({ request, error }) => failed(request as object, error)],
  ];
  for (const [name, handler] of subscriptions) diagnosticsChannel.subscribe(name, handler as (message: unknown) => void);
  return () => {
    for (const [name, handler] of subscriptions) diagnosticsChannel.unsubscribe(name, handler as (message: unknown) => void);
  };
}

function httpRecord(exchange: Exchange, end: number, error: string | undefined) {
  const connection = exchange.connection;
  const socket = exchange.socket;
  const timings = connection !== undefined && exchange.firstOnConnection
    ? connectionTimings(connection, end)
    : { dns: -1, connect: -1, tls: -1, firstByte: -1, total: -1 };
  timings.firstByte = span(exchange.sentAt, exchange.headersAt);
  timings.total = span(exchange.firstOnConnection && connection !== undefined ? connection.startedAt : exchange.startedAt, end);
  const url = URL.parse(exchange.url);
  const alpn = (socket as { alpnProtocol?: unknown } | undefined)?.alpnProtocol;
  const mimeType = exchange.responseHeaders.find(([name]) => name.toLowerCase() === 'content-type')?.[1];
  return makeRecord({
    time: exchange.firstOnConnection && connection !== undefined ? connection.time : exchange.time,
    kind: 'http',
    verdict: 'allowed',
    reason: connection?.reason ?? 'allowed',
    host: connection?.host ?? url?.hostname ?? '',
    port: connection?.port ?? Number(url?.port || (url?.protocol === 'https:' ? 443 : 80)),
    protocol: typeof alpn === 'string' && alpn !== '' ? alpn : 'http/1.1',
    method: exchange.method,
    url: exchange.url,
    status: exchange.status,
    bytesUp: socket === undefined ? 0 : socket.bytesWritten - exchange.upAtStart,
    bytesDown: socket === undefined ? 0 : socket.bytesRead - exchange.downAtStart,
    timings,
    purpose: connection?.purpose.job !== undefined && exchange.purpose.job === undefined ? connection.purpose : exchange.purpose,
    thread: THREAD,
    detail: {
      requestHeaders: exchange.requestHeaders,
      responseHeaders: exchange.responseHeaders,
      statusText: exchange.statusText,
      httpVersion: exchange.httpVersion || 'HTTP/1.1',
      ...(mimeType === undefined ? {} : { mimeType }),
      ...(error === undefined ? {} : { error }),
    },
  });
}
