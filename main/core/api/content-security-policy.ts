// The Content-Security-Policy both hosts give the interface (the Electron window over app:// and
// the local web host over http://127.0.0.1). Everything comes from the app itself: no inline
// script, no eval, no remote code, no framing. React sets styles through the CSSOM, which CSP
// does not restrict, so 'unsafe-inline' is not needed for styles either.

export interface PolicyOptions {
  /** Extra connect-src entries, e.g. the web host's own WebSocket origin. */
  connectSources?: readonly string[];
}

export function contentSecurityPolicy(options: PolicyOptions = {}): string {
  const connect = ["'self'", ...(options.connectSources ?? [])];
  const directives: Array<[string, string[]]> = [
    ['default-src', ["'self'"]],
    ['script-src', ["'self'"]],
    ['style-src', ["'self'"]],
    ['img-src', ["'self'", 'data:']],
    ['font-src', ["'self'"]],
    ['connect-src', connect],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
    ['frame-src', ["'none'"]],
    ['worker-src', ["'none'"]],
  ];
  return directives.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}
