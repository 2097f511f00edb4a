// A TCP proxy that holds every chunk a fixed time in each direction (a TEST tool): a phone on the
// same machine made to answer like one across a Wi-Fi network, for benchmarks of what a round
// trip costs. Order is kept; nothing is dropped or changed. Loopback only, like every test server.
import { connectTcp, listenTcp, type TcpServer, type TcpSocket } from '../../../main/core/net/tcp.ts';

export interface DelayProxy {
  port: number;
  close(): Promise<void>;
}

/** Forwards `from` to `to`, each chunk `delayMs` after it arrived. */
function forward(from: TcpSocket, to: TcpSocket, delayMs: number): void {
  const queue: { due: number; data: Buffer }[] = [];
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    timer = undefined;
    const now = performance.now();
    while (queue.length > 0 && queue[0]!.due <= now) to.write(queue.shift()!.data);
    if (queue.length > 0) timer = setTimeout(flush, Math.max(0, queue[0]!.due - performance.now()));
  };
  from.on('data', (data: Buffer) => {
    queue.push({ due: performance.now() + delayMs, data });
    timer ??= setTimeout(flush, delayMs);
  });
  from.on('end', () => setTimeout(() => to.end(), delayMs + 5));
}

/** Listens on a free loopback port and relays each connection to 127.0.0.1:`targetPort`. */
export async function startDelayProxy(targetPort: number, delayMs: number): Promise<DelayProxy> {
  const sockets = new Set<TcpSocket>();
  const { server, port } = await listenTcp((client) => {
    client.pause();
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    connectTcp('127.0.0.1', targetPort).then(
      (upstream) => {
        sockets.add(upstream);
        upstream.setNoDelay(true);
        client.setNoDelay(true);
        forward(client, upstream, delayMs);
        forward(upstream, client, delayMs);
        client.on('close', () => upstream.destroy());
        upstream.on('close', () => {
          sockets.delete(upstream);
          client.destroy();
        });
        client.resume();
      },
      () => client.destroy(),
    );
  });
  return {
    port,
    close: () => closeServer(server, sockets),
  };
}

function closeServer(server: TcpServer, sockets: Set<TcpSocket>): Promise<void> {
  for (const socket of sockets) socket.destroy();
  return new Promise((resolve) => server.close(() => resolve()));
}
