// A deliberately raw HTTP/1.1 client over a TCP socket: tests must send what browsers refuse to
// send (a forged Host header, a foreign Origin), which fetch and WebSocket clients do not allow.
import { connectTcp } from '../../main/core/net/tcp.ts';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Sends the request and reads until the server closes (or, with `headOnly`, until the head ends). */
export async function rawRequest(port: number, lines: string[], headOnly = false): Promise<RawResponse> {
  const socket = await connectTcp('127.0.0.1', port, { timeoutMs: 5_000 });
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve, reject) => {
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      if (headOnly && Buffer.concat(chunks).includes('\r\n\r\n')) resolve();
    });
    socket.once('end', () => resolve());
    socket.once('error', reject);
    setTimeout(() => reject(new Error('no complete answer within 5 s')), 5_000).unref();
  });
  const request = `${lines.join('\r\n')}\r\n\r\n`;
  // No half-close: Node's HTTP server drops a request whose client already sent FIN. The request
  // says `Connection: close`, so the server ends the connection after answering.
  socket.write(request);
  await done;
  socket.destroy();
  return parseResponse(Buffer.concat(chunks).toString('utf8'));
}

/** GET with `Connection: close`, the given Host, and any extra headers. */
export function rawGet(port: number, path: string, headers: Record<string, string>): Promise<RawResponse> {
  const lines = [`GET ${path} HTTP/1.1`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`), 'Connection: close'];
  return rawRequest(port, lines);
}

/** A WebSocket handshake; the answer is 101 when accepted. */
export function rawUpgrade(port: number, headers: Record<string, string>): Promise<RawResponse> {
  return rawRequest(port, [
    'GET /api/socket HTTP/1.1',
    'Upgrade: websocket',
    'Connection: Upgrade',
    'Sec-WebSocket-Version: 13',
    'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ], true).catch((error: unknown) => {
    throw new Error(`handshake failed: ${String(error)}`);
  });
}

function parseResponse(text: string): RawResponse {
  const [head = '', ...rest] = text.split('\r\n\r\n');
  const [statusLine = '', ...headerLines] = head.split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n') };
}
