// The one place Vitre creates an HTTP server: the local web host (main/web) serves the interface
// through it. Kept next to tcp.ts so every listener the app opens is in main/core/net.
import * as http from 'node:http';

export type HttpServer = http.Server;
export type HttpRequest = http.IncomingMessage;
export type HttpResponse = http.ServerResponse;

export interface HttpListenOptions {
  /** Loopback unless the caller explicitly asks otherwise. */
  host?: string;
  /** 0 picks a free port. */
  port?: number;
}

/** Starts an HTTP server; resolves once it listens, with the port it got. */
export function listenHttp(
  onRequest: (request: HttpRequest, response: HttpResponse) => void,
  options: HttpListenOptions = {},
): Promise<{ server: HttpServer; port: number }> {
  const { host = '127.0.0.1', port = 0 } = options;
  return new Promise((resolve, reject) => {
    const server = http.createServer(onRequest);
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      if (address === null || typeof address === 'string') {
        reject(new Error('HTTP server has no port'));
        return;
      }
      resolve({ server, port: address.port });
    });
  });
}
