// The HTTP transport cloud SDKs are handed (DESIGN.md, "Import rules"): destinations never import
// node:http themselves. The agents are plain keep-alive agents; what makes them safe is that
// their sockets go through net.Socket.prototype.connect, which the egress guard wraps, and that
// their requests publish on node:http's diagnostics channels, which http-capture records.
import * as http from 'node:http';
import * as https from 'node:https';

export type HttpAgent = http.Agent;
export type HttpsAgent = https.Agent;

export interface HttpAgents {
  httpAgent: HttpAgent;
  httpsAgent: HttpsAgent;
  /** Closes idle keep-alive connections; call when the destination is closed. */
  close(): void;
}

export interface HttpAgentOptions {
  /** Sockets per host; the destinations' own concurrency limit is what really bounds requests. */
  maxSockets?: number;
}

/** Keep-alive agents for one destination's client (the AWS SDK's handler, the webdav client). */
export function createHttpAgents(options: HttpAgentOptions = {}): HttpAgents {
  const { maxSockets = 16 } = options;
  const httpAgent = new http.Agent({ keepAlive: true, maxSockets });
  const httpsAgent = new https.Agent({ keepAlive: true, maxSockets });
  return {
    httpAgent,
    httpsAgent,
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}
