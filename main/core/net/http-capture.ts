// HTTP detail for the records: method, URL, status, bytes and timings, from the diagnostics
// channels of node:http and of undici (fetch's bundled copy and the npm package publish on the
// same channel names), merged with the guard's own account of the connection underneath. The
// channels only observe; blocking happened earlier, in guard-tcp.
import diagnosticsChannel from 'node:diagnostics_channel';
import type * as net from 'node:net';
import { makeRecord, type ActivityRecord, type Purpose } from './activity-record.ts';
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
  /** Set for HTTP/2 streams: their bytes are counted on the connection's own record. */
  protocol?: string;
  done: boolean;
}

type Message = Record<string, unknown>;
type Handler = (message: Message) => void;

/** Header lists arrive as "k: v\r\n" text, [[k, v]] pairs or a flat [k, v, k, v] array. */
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

// The exchange rides on the library's own request object under a symbol rather than in a WeakMap:
// tens of thousands of short-lived WeakMap entries made garbage collection a visible share of the
// guard's cost per request (measured on a burst of 10,000 requests).
const EXCHANGE = Symbol('vitre.exchange');
const PENDING = Symbol('vitre.pending-exchanges');
type Carrier = { [EXCHANGE]?: Exchange };
type SocketCarrier = net.Socket & { [PENDING]?: Set<Exchange> };

class ExchangeMap {
  get(key: object): Exchange | undefined {
    return (key as Carrier)[EXCHANGE];
  }

  set(key: object, exchange: Exchange): void {
    (key as Carrier)[EXCHANGE] = exchange;
  }
}

/** Follows each HTTP exchange from request to response end, keyed by the library's request object. */
class HttpCapture {
  #hooks: GuardHooks;
  #exchanges = new ExchangeMap();

  constructor(hooks: GuardHooks) {
    this.#hooks = hooks;
  }

  begin(key: object, method: string, url: string, headers: [string, string][]): void {
    this.#exchanges.set(key, {
      time: Date.now(), startedAt: now(), method, url: redactUrl(url, 'stored'), requestHeaders: redactHeaders(headers, 'stored'),
      purpose: this.#hooks.purpose(), firstOnConnection: false, upAtStart: 0, downAtStart: 0,
      status: 0, statusText: '', httpVersion: '', responseHeaders: [], done: false,
    });
  }

  attach(key: object, socket: net.Socket): void {
    const exchange = this.#exchanges.get(key);
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
    const carrier = socket as SocketCarrier;
    let pending = carrier[PENDING];
    if (pending === undefined) {
      const created = new Set<Exchange>();
      carrier[PENDING] = created;
      // A response nobody read to the end still counts: record it when its connection closes.
      socket.once('close', () => created.forEach((left) => this.#finish(left, 'the connection closed before the response ended')));
      pending = created;
    }
    pending.add(exchange);
  }

  responded(key: object, status: number, statusText: string, httpVersion: string, headers: [string, string][]): void {
    const exchange = this.#exchanges.get(key);
    if (exchange === undefined) return;
    exchange.headersAt = now();
    Object.assign(exchange, { status, statusText, httpVersion, responseHeaders: redactHeaders(headers, 'stored') });
  }

  finished(key: object): void {
    this.#finish(this.#exchanges.get(key));
  }

  failed(key: object, error: unknown): void {
    const exchange = this.#exchanges.get(key);
    // A blocked connection was recorded by the guard already, with the reason.
    if (error instanceof EgressBlockedError && exchange !== undefined) exchange.done = true;
    this.#finish(exchange, error instanceof Error ? error.message : String(error));
  }

  /** HTTP/2 sessions hide their socket behind a proxy: ask the policy again for the reason. */
  #reason(exchange: Exchange): string {
    if (exchange.connection !== undefined) return exchange.connection.reason;
    const url = URL.parse(exchange.url);
    const port = Number(url?.port || (url?.protocol === 'https:' ? 443 : 80));
    return this.#hooks.decide({ protocol: 'tcp', host: url?.hostname.replace(/^\[(.*)\]$/, '$1') ?? '', port }).reason;
  }

  /** HTTP/2 streams have no socket of their own: time them from the moment they start. */
  started(key: object, protocol: string): void {
    const exchange = this.#exchanges.get(key);
    if (exchange === undefined) return;
    exchange.sentAt = now();
    exchange.protocol = protocol;
  }

  #finish(exchange: Exchange | undefined, error?: string): void {
    if (exchange === undefined || exchange.done) return;
    exchange.done = true;
    const { socket, connection } = exchange;
    if (socket !== undefined) (socket as SocketCarrier)[PENDING]?.delete(exchange);
    this.#hooks.record(httpRecord(exchange, now(), error, this.#reason(exchange)));
    if (connection !== undefined && socket !== undefined) {
      connection.accountedUp = socket.bytesWritten;
      connection.accountedDown = socket.bytesRead;
    }
  }
}

interface NodeRequest {
  method: string;
  protocol: string;
  host: string;
  path: string;
  socket: net.Socket | null;
  getHeader(name: string): unknown;
  getRawHeaderNames(): string[];
  once(event: string, listener: (socket: net.Socket) => void): void;
}

interface NodeResponse {
  statusCode: number;
  statusMessage: string;
  httpVersion: string;
  rawHeaders: string[];
  once(event: string, listener: () => void): void;
}

// node:http publishes http.client.request.start once a request is being sent (its socket usually
// assigned already) and http.client.response.finish when the response's headers arrive.
function nodeHttpChannels(capture: HttpCapture): [string, Handler][] {
  return [
    ['http.client.request.start', ({ request }) => {
      const req = request as NodeRequest;
      const host = String(req.getHeader('host') ?? req.host);
      const headers = req.getRawHeaderNames().map((name): [string, string] => [name, String(req.getHeader(name))]);
      capture.begin(req, req.method, `${req.protocol}//${host}${req.path}`, headers);
      if (req.socket !== null && req.socket !== undefined) capture.attach(req, req.socket);
      else req.once('socket', (socket) => capture.attach(req, socket));
    }],
    ['http.client.response.finish', ({ request, response }) => {
      const res = response as NodeResponse;
      capture.responded(request as object, res.statusCode, res.statusMessage, `HTTP/${res.httpVersion}`, pairs(res.rawHeaders));
      res.once('end', () => capture.finished(request as object));
      res.once('close', () => capture.finished(request as object));
    }],
    ['http.client.request.error', ({ request, error }) => capture.failed(request as object, error)],
  ];
}

function undiciChannels(capture: HttpCapture): [string, Handler][] {
  return [
    ['undici:request:create', ({ request }) => {
      const req = request as { method: string; origin: string | URL; path: string; headers: unknown };
      capture.begin(req, req.method, `${String(req.origin).replace(/\/$/, '')}${req.path}`, pairs(req.headers));
    }],
    ['undici:client:sendHeaders', ({ request, socket }) => capture.attach(request as object, socket as net.Socket)],
    ['undici:request:headers', ({ request, response }) => {
      const res = response as { statusCode: number; statusText: string; headers: unknown[] };
      capture.responded(request as object, res.statusCode, res.statusText, 'HTTP/1.1', pairs(res.headers.map(String)));
    }],
    ['undici:request:trailers', ({ request }) => capture.finished(request as object)],
    ['undici:request:error', ({ request, error }) => capture.failed(request as object, error)],
  ];
}

// node:http2 (Node 24): stream created/finish (response headers)/close/error.
function http2Channels(capture: HttpCapture): [string, Handler][] {
  return [
    ['http2.client.stream.created', ({ stream, headers }) => {
      const h = headers as Record<string, unknown>;
      const plain = Object.entries(h).filter(([name]) => !name.startsWith(':')).map(([name, value]): [string, string] => [name, String(value)]);
      capture.begin(stream as object, String(h[':method'] ?? 'GET'), `${String(h[':scheme'])}://${String(h[':authority'])}${String(h[':path'] ?? '/')}`, plain);
      capture.started(stream as object, 'h2');
    }],
    ['http2.client.stream.finish', ({ stream, headers }) => {
      const h = headers as Record<string, unknown>;
      const plain = Object.entries(h).filter(([name]) => !name.startsWith(':')).map(([name, value]): [string, string] => [name, String(value)]);
      capture.responded(stream as object, Number(h[':status'] ?? 0), '', 'HTTP/2', plain);
    }],
    ['http2.client.stream.close', ({ stream }) => capture.finished(stream as object)],
    ['http2.client.stream.error', ({ stream, error }) => capture.failed(stream as object, error)],
  ];
}

export function captureHttp(hooks: GuardHooks): () => void {
  const capture = new HttpCapture(hooks);
  const subscriptions = [...nodeHttpChannels(capture), ...undiciChannels(capture), ...http2Channels(capture)];
  for (const [name, handler] of subscriptions) diagnosticsChannel.subscribe(name, handler as (message: unknown) => void);
  return () => {
    for (const [name, handler] of subscriptions) diagnosticsChannel.unsubscribe(name, handler as (message: unknown) => void);
  };
}

function httpRecord(exchange: Exchange, end: number, error: string | undefined, reason: string): ActivityRecord {
  const { connection, socket } = exchange;
  const first = exchange.firstOnConnection && connection !== undefined;
  const timings = first ? connectionTimings(connection, end) : { dns: -1, connect: -1, tls: -1, firstByte: -1, total: -1 };
  timings.firstByte = span(exchange.sentAt, exchange.headersAt);
  timings.total = span(first ? connection.startedAt : exchange.startedAt, end);
  const url = connection === undefined ? URL.parse(exchange.url) : undefined;
  const alpn = (socket as { alpnProtocol?: unknown } | undefined)?.alpnProtocol;
  const mimeType = exchange.responseHeaders.find(([name]) => name.toLowerCase() === 'content-type')?.[1];
  return makeRecord({
    time: first ? connection.time : exchange.time,
    kind: 'http',
    verdict: 'allowed',
    reason,
    host: connection?.host ?? url?.hostname.replace(/^\[(.*)\]$/, '$1') ?? '',
    port: connection?.port ?? Number(url?.port || (url?.protocol === 'https:' ? 443 : 80)),
    protocol: exchange.protocol ?? (typeof alpn === 'string' && alpn !== '' ? alpn : 'http/1.1'),
    method: exchange.method,
    url: exchange.url,
    status: exchange.status,
    bytesUp: socket === undefined ? 0 : socket.bytesWritten - exchange.upAtStart,
    bytesDown: socket === undefined ? 0 : socket.bytesRead - exchange.downAtStart,
    timings,
    // A request started outside any job on a connection a job opened belongs to that job.
    purpose: connection?.purpose.job !== undefined && exchange.purpose.job === undefined ? connection.purpose : exchange.purpose,
    thread: THREAD,
    detail: {
      requestHeaders: exchange.requestHeaders,
      responseHeaders: exchange.responseHeaders,
      statusText: exchange.statusText,
      httpVersion: exchange.httpVersion || (exchange.protocol === 'h2' ? 'HTTP/2' : 'HTTP/1.1'),
      ...(mimeType === undefined ? {} : { mimeType }),
      ...(error === undefined ? {} : { error }),
    },
  });
}
