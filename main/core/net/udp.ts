// The one place Vitre opens UDP sockets (today: mDNS discovery of phones on the local network),
// so the egress guard sees them like TCP (DESIGN.md, "net/").
import * as dgram from 'node:dgram';

export type UdpSocket = dgram.Socket;

export interface UdpOptions {
  /** Address to bind; default all interfaces (needed to receive multicast replies). */
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Join this multicast group (e.g. mDNS's 224.0.0.251) after binding. */
  multicastGroup?: string;
}

/** Opens a bound IPv4 UDP socket; resolves once it is bound. */
export function openUdp(options: UdpOptions = {}): Promise<UdpSocket> {
  const { host, port = 0, multicastGroup } = options;
  return new Promise((resolve, reject) => {
    const socket = dgram.createSocket({ type: 'udp4', reuseAddr: true });
    socket.once('error', reject);
    socket.bind(port, host, () => {
      socket.off('error', reject);
      if (multicastGroup) {
        try {
          socket.addMembership(multicastGroup);
        } catch (error) {
          socket.close();
          reject(error instanceof Error ? error : new Error(String(error)));
          return;
        }
      }
      resolve(socket);
    });
  });
}
