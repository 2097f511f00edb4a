// mDNS discovery against a real UDP responder on 127.0.0.1. Multicast itself is not exercised:
// this machine's loopback has no MULTICAST flag, so the query goes unicast to the responder, which
// answers the way Android's mdnsresponder does (legacy unicast reply to the query's source port).
import { decode, encode, type Answer, type Packet } from 'dns-packet';
import { afterEach, describe, expect, it } from 'vitest';
import { discoverPhones } from '../../../main/core/device/index.ts';
import { openUdp, type UdpSocket } from '../../../main/core/net/udp.ts';

const CONNECT = '_adb-tls-connect._tcp.local';
const PAIRING = '_adb-tls-pairing._tcp.local';
const LEGACY = '_adb._tcp.local';

interface Announced {
  type: string;
  instance: string;
  host: string;
  address: string;
  port: number;
}

/** Answers PTR questions with PTR (+ SRV, TXT, A as additionals unless `terse`), and SRV/A questions. */
async function startResponder(phones: Announced[], options: { terse?: boolean } = {}): Promise<{ socket: UdpSocket; port: number; queries: Packet[] }> {
  const socket = await openUdp({ host: '127.0.0.1', port: 0 });
  const queries: Packet[] = [];
  socket.on('message', (message, remote) => {
    const query = decode(message);
    queries.push(query);
    const answers: Answer[] = [];
    const additionals: Answer[] = [];
    for (const question of query.questions ?? []) {
      for (const phone of phones) {
        const full = `${phone.instance}.${phone.type}`;
        const srv: Answer = { type: 'SRV', name: full, ttl: 120, data: { target: phone.host, port: phone.port } };
        const a: Answer = { type: 'A', name: phone.host, ttl: 120, data: phone.address };
        if (question.type === 'PTR' && question.name === phone.type) {
          answers.push({ type: 'PTR', name: phone.type, ttl: 120, data: full });
          if (!options.terse) additionals.push(srv, { type: 'TXT', name: full, ttl: 120, data: ['v=ADB_SECURE_SERVICE_VERSION=1'] }, a);
        }
        if (question.type === 'SRV' && question.name === full) answers.push(srv);
        if (question.type === 'A' && question.name === phone.host) answers.push(a);
      }
    }
    if (answers.length === 0) return;
    socket.send(encode({ type: 'response', id: query.id, flags: 0x8400, answers, additionals }), remote.port, remote.address);
  });
  return { socket, port: (socket.address() as { port: number }).port, queries };
}

const sockets: UdpSocket[] = [];
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.close();
});

describe('finding phones by mDNS', () => {
  it('finds wireless-debugging, pairing and legacy phones with address, port and serial', async () => {
    const responder = await startResponder([
      { type: CONNECT, instance: 'adb-28011FDH2000B4-VwXyZ1', host: 'Android-7.local', address: '192.168.1.20', port: 41235 },
      { type: PAIRING, instance: 'adb-28011FDH2000B4-pair01', host: 'Android-7.local', address: '192.168.1.20', port: 37099 },
      { type: LEGACY, instance: 'adb-TV0001-abcdef', host: 'tv.local', address: '192.168.1.30', port: 5555 },
    ]);
    sockets.push(responder.socket);
    const phones = await discoverPhones({ timeoutMs: 500, destination: { address: '127.0.0.1', port: responder.port } });
    expect(phones).toEqual(
      expect.arrayContaining([
        { kind: 'connect', instance: 'adb-28011FDH2000B4-VwXyZ1', host: '192.168.1.20', port: 41235, serial: '28011FDH2000B4' },
        { kind: 'pairing', instance: 'adb-28011FDH2000B4-pair01', host: '192.168.1.20', port: 37099, serial: '28011FDH2000B4' },
        { kind: 'legacy', instance: 'adb-TV0001-abcdef', host: '192.168.1.30', port: 5555, serial: 'TV0001' },
      ]),
    );
    expect(phones).toHaveLength(3);
    expect(responder.queries[0]?.questions?.map((q) => q.name).sort()).toEqual([LEGACY, CONNECT, PAIRING].sort());
  });

  it('asks again for the service and address when a responder only sends the pointer', async () => {
    const responder = await startResponder(
      [{ type: CONNECT, instance: 'adb-ABC123-q1w2e3', host: 'pixel.local', address: '10.0.0.7', port: 40001 }],
      { terse: true },
    );
    sockets.push(responder.socket);
    const phones = await discoverPhones({ timeoutMs: 500, destination: { address: '127.0.0.1', port: responder.port } });
    expect(phones).toEqual([{ kind: 'connect', instance: 'adb-ABC123-q1w2e3', host: '10.0.0.7', port: 40001, serial: 'ABC123' }]);
    expect(responder.queries.length).toBeGreaterThanOrEqual(3);
  });

  it('finds nothing, quietly, when nobody answers', async () => {
    const silent = await openUdp({ host: '127.0.0.1', port: 0 });
    sockets.push(silent);
    const phones = await discoverPhones({ timeoutMs: 200, destination: { address: '127.0.0.1', port: (silent.address() as { port: number }).port } });
    expect(phones).toEqual([]);
  });

  it('ignores garbage on the port', async () => {
    const noisy = await openUdp({ host: '127.0.0.1', port: 0 });
    sockets.push(noisy);
    noisy.on('message', (_message, remote) => noisy.send(Buffer.from('not dns at all'), remote.port, remote.address));
    const phones = await discoverPhones({ timeoutMs: 200, destination: { address: '127.0.0.1', port: (noisy.address() as { port: number }).port } });
    expect(phones).toEqual([]);
  });
});
