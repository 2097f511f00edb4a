// A loopback server for guard tests: answers any HTTP/1 request with 200 "ok", and hangs up on
// TLS and HTTP/2 prefaces so those attempts end quickly instead of waiting for a timeout.
import { listenTcp, type TcpServer } from '../../../main/core/net/tcp.ts';

export async function startLoopbackServer(): Promise<{ server: TcpServer; port: number }> {
  return listenTcp((socket) => {
    let head = '';
    socket.on('data', (chunk: Buffer) => {
      if (chunk[0] === 0x16 || chunk.toString('latin1').startsWith('PRI * HTTP/2')) {
        socket.destroy();
        return;
      }
      head += chunk.toString('latin1');
      if (head.includes('\r\n\r\n')) socket.end('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nSet-Cookie: sid=servercookie123\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok');
    });
    // Clients that give up mid-handshake reset the connection: expected here.
    socket.on('error', () => undefined);
  });
}
