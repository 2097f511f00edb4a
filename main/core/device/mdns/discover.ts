// Finding phones on the local network by mDNS, without an adb server (platform-tools 29 has no
// `host:mdns:services`). One query for the three adb service types, answers gathered for a short
// window, then a follow-up query for any instance whose SRV or address was not included.
import { decode, encode, type Answer, type Question } from 'dns-packet';
import { openUdp, type UdpSocket } from '../../net/udp.ts';
import { DeviceError, describeError } from '../errors.ts';
import { ADB_SERVICE_TYPES, ServiceRecords, type DiscoveredPhone } from './adb-services.ts';

export interface DiscoverOptions {
  /** How long to listen for answers (ms); default 2,000. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Where to send the query; default the mDNS group 224.0.0.251:5353. */
  destination?: { address: string; port: number };
}

const MDNS = { address: '224.0.0.251', port: 5353 };

export async function discoverPhones(options: DiscoverOptions = {}): Promise<DiscoveredPhone[]> {
  const { timeoutMs = 2_000, signal, destination = MDNS } = options;
  let socket: UdpSocket;
  try {
    // Sent from an ephemeral port, the query is a "legacy unicast" one (RFC 6762 §6.7): responders
    // answer straight to us, so we need neither port 5353 nor group membership.
    socket = await openUdp({ port: 0 });
  } catch (error) {
    throw new DeviceError('unreachable', `Cannot look for phones on the network (${describeError(error)}). Check that this computer is on a network.`);
  }
  const records = new ServiceRecords();
  const askedAgain = new Set<string>();
  const send = (questions: Question[]) => {
    const message = encode({ type: 'query', id: 0, flags: 0, questions });
    socket.send(message, destination.port, destination.address);
  };
  socket.on('message', (message) => {
    let answers: Answer[];
    try {
      const decoded = decode(message);
      answers = [...(decoded.answers ?? []), ...(decoded.additionals ?? [])];
    } catch {
      // Not a DNS message (or a malformed one) from something else on the network: ignore it.
      return;
    }
    records.add(answers);
    const missing = records.missing().filter((question) => !askedAgain.has(`${question.type} ${question.name}`));
    for (const question of missing) askedAgain.add(`${question.type} ${question.name}`);
    if (missing.length > 0) send(missing);
  });
  socket.on('error', () => undefined); // a send to an unreachable network: the window just ends empty
  try {
    send(Object.values(ADB_SERVICE_TYPES).map((name) => ({ type: 'PTR' as const, name })));
    await wait(timeoutMs, signal);
  } finally {
    socket.close();
  }
  if (signal?.aborted) throw new DeviceError('aborted', 'Looking for phones on the network was cancelled.');
  return records.phones();
}

function wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
