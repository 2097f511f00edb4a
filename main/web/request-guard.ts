// Checks every request before anything else looks at it.
//
// DNS rebinding: a web page on evil.example can make its own host name resolve to 127.0.0.1 and
// then talk to this server "same-origin" — but its requests still say `Host: evil.example`.
// Accepting only the exact names we listen on defeats that. The Origin check stops any other site
// from opening the WebSocket (browsers always send Origin on WebSocket handshakes).
export type GuardVerdict = { ok: true } | { ok: false; status: 401 | 403; reason: string };

export class RequestGuard {
  readonly #hosts: ReadonlySet<string>;
  readonly #origins: ReadonlySet<string>;

  /** `listenHost` is the address the server is bound to; `port` the port it got. */
  constructor(listenHost: string, port: number) {
    const names = new Set(['127.0.0.1', 'localhost', '[::1]']);
    names.add(listenHost.includes(':') ? `[${listenHost.toLowerCase()}]` : listenHost.toLowerCase());
    this.#hosts = new Set([...names].map((name) => `${name}:${port}`));
    this.#origins = new Set([...this.#hosts].map((host) => `http://${host}`));
  }

  /** The Host header must name this server exactly, port included. */
  checkHost(host: string | undefined): GuardVerdict {
    if (host !== undefined && this.#hosts.has(host.toLowerCase())) return { ok: true };
    return { ok: false, status: 403, reason: 'This address is not served here (unexpected Host header).' };
  }

  /**
   * When a browser sends an Origin, it must be this server's own. Clients that are not browsers
   * send none; they still need the token.
   */
  checkOrigin(origin: string | undefined): GuardVerdict {
    if (origin === undefined || this.#origins.has(origin.toLowerCase())) return { ok: true };
    return { ok: false, status: 403, reason: 'Requests from other web sites are refused.' };
  }

  /**
   * Origins a page served here may open its WebSocket to, for the CSP's connect-src. CSP host
   * sources cannot express IPv6 literals, so [::1] is left to 'self'.
   */
  get webSocketOrigins(): string[] {
    return [...this.#hosts].filter((host) => !host.startsWith('[')).map((host) => `ws://${host}`);
  }
}

/** Loopback only: 127.0.0.0/8, ::1 and the name localhost. */
export function isLoopback(host: string): boolean {
  if (host === 'localhost' || host === '::1') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
