// The local web host: the interface and the API over HTTP + WebSocket, for a browser on this
// computer (and for end-to-end tests in a real browser). Loopback only unless the caller opts in.
// Every API request needs the per-launch token; every request needs a Host header naming this
// server; WebSocket handshakes from other sites' pages are refused.
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Api } from '../core/api/create-api.ts';
import { contentSecurityPolicy } from '../core/api/content-security-policy.ts';
import { listenHttp, type HttpRequest, type HttpResponse, type HttpServer } from '../core/net/http-server.ts';
import { TOKEN_PROTOCOL_PREFIX, WEB_PROTOCOL, WEB_SOCKET_PATH } from '../../preload/contract/wire.ts';
import { createAccessToken, tokensMatch } from './access-token.ts';
import { serveApiSocket } from './api-socket.ts';
import { isLoopback, RequestGuard, type GuardVerdict } from './request-guard.ts';
import { sendText, StaticFiles } from './static-files.ts';

export interface WebHostOptions {
  api: Api;
  /** The built interface (dist/renderer). */
  rendererDir: string;
  /** 127.0.0.1 unless `allowNetwork` is set. */
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Listening on a non-loopback address exposes the app to the network: only on explicit request. */
  allowNetwork?: boolean;
}

export interface WebHost {
  /** Opens the app: http://HOST:PORT/#token=TOKEN. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

export class WebHostError extends Error {
  readonly kind = 'invalid-input';
  constructor(message: string) {
    super(message);
    this.name = 'WebHostError';
  }
}

const WEBSOCKET_MAX_MESSAGE = 1024 * 1024;

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopback(host) && options.allowNetwork !== true) {
    throw new WebHostError(`Refusing to listen on ${host}: only this computer (127.0.0.1) is allowed unless you ask for the network explicitly.`);
  }
  const token = createAccessToken();
  const files = new StaticFiles(options.rendererDir);
  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: WEBSOCKET_MAX_MESSAGE,
    handleProtocols: (protocols) => (protocols.has(WEB_PROTOCOL) ? WEB_PROTOCOL : false),
  });
  // The guard needs the port, which is known only once the server listens.
  const ready: { guard?: RequestGuard; headers: Record<string, string> } = { headers: {} };

  const { server, port } = await listenHttp((request, response) => {
    const guard = ready.guard;
    if (guard === undefined) return sendText(response, 503, 'Starting.');
    for (const [name, value] of Object.entries(ready.headers)) response.setHeader(name, value);
    void answer(request, response, guard, token, files).catch((error: unknown) => {
      console.error('Vitre web host: request failed', error);
      if (!response.headersSent) sendText(response, 500, 'Something went wrong inside Vitre.');
      else response.destroy();
    });
  }, { host, port: options.port ?? 0 });
  ready.guard = new RequestGuard(host, port);
  ready.headers = securityHeaders(ready.guard);

  server.on('upgrade', (request: HttpRequest, socket: Duplex, head: Buffer) => {
    const verdict = checkUpgrade(request, ready.guard, token);
    if (!verdict.ok) {
      refuseUpgrade(socket, verdict);
      return;
    }
    sockets.handleUpgrade(request, socket, head, (webSocket) => serveApiSocket(webSocket, options.api));
  });

  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}/#token=${token}`,
    host,
    port,
    token,
    close: () => closeServer(server, sockets),
  };
}

async function answer(request: HttpRequest, response: HttpResponse, guard: RequestGuard, token: string, files: StaticFiles): Promise<void> {
  const verdict = firstRefusal(guard.checkHost(request.headers.host), guard.checkOrigin(request.headers.origin));
  if (!verdict.ok) return sendText(response, verdict.status, verdict.reason);
  const path = (request.url ?? '/').split('?')[0] ?? '/';
  if (path === '/api' || path.startsWith('/api/')) {
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (!tokensMatch(token, bearer)) return sendText(response, 401, 'This request needs the access token from the address Vitre printed.');
    return sendText(response, 404, `The API is served over the WebSocket at ${WEB_SOCKET_PATH}.`);
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('Allow', 'GET, HEAD');
    return sendText(response, 405, 'Only GET and HEAD are served here.');
  }
  await files.serve(request, response);
}

function checkUpgrade(request: HttpRequest, guard: RequestGuard | undefined, token: string): GuardVerdict {
  if (guard === undefined) return { ok: false, status: 403, reason: 'Starting.' };
  const verdict = firstRefusal(guard.checkHost(request.headers.host), guard.checkOrigin(request.headers.origin));
  if (!verdict.ok) return verdict;
  if ((request.url ?? '').split('?')[0] !== WEB_SOCKET_PATH) return { ok: false, status: 403, reason: 'Unknown WebSocket path.' };
  const offered = (request.headers['sec-websocket-protocol'] ?? '').split(',').map((part) => part.trim());
  const presented = offered.find((part) => part.startsWith(TOKEN_PROTOCOL_PREFIX))?.slice(TOKEN_PROTOCOL_PREFIX.length);
  if (!tokensMatch(token, presented)) return { ok: false, status: 401, reason: 'This connection needs the access token from the address Vitre printed.' };
  return { ok: true };
}

function firstRefusal(...verdicts: GuardVerdict[]): GuardVerdict {
  return verdicts.find((verdict) => !verdict.ok) ?? { ok: true };
}

function refuseUpgrade(socket: Duplex, verdict: Extract<GuardVerdict, { ok: false }>): void {
  const body = `${verdict.reason}\n`;
  const status = verdict.status === 401 ? '401 Unauthorized' : '403 Forbidden';
  socket.end(
    `HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

function securityHeaders(guard: RequestGuard): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy({ connectSources: guard.webSocketOrigins }),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=()',
  };
}

function closeServer(server: HttpServer, sockets: WebSocketServer): Promise<void> {
  for (const client of sockets.clients) client.terminate();
  sockets.close();
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
