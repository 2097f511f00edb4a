// What the adb server's text answers to `connect` and `pair` mean. The server always answers
// OKAY plus a sentence (AOSP adb/client/adb_wifi.cpp and socket_spec.cpp, "connected to",
// "already connected to", "failed to connect to", "failed to authenticate to", "cannot connect to",
// "cannot resolve host", and in older servers "failed to resolve host"), so the sentence is all
// we have to go on.
import { DeviceError, describeError } from '../errors.ts';

export interface ConnectResult {
  /** The serial the adb server now lists the phone under (HOST:PORT). */
  serial: string;
  alreadyConnected: boolean;
  /** The server's own words. */
  answer: string;
}

export function interpretConnectAnswer(answer: string, address: string): ConnectResult {
  const text = answer.trim();
  if (text.startsWith('already connected to')) return { serial: address, alreadyConnected: true, answer: text };
  if (text.startsWith('connected to')) return { serial: address, alreadyConnected: false, answer: text };
  if (text.startsWith('failed to authenticate to')) {
    throw new DeviceError(
      'unauthorized',
      `The phone at ${address} has not allowed this computer (adb said: "${text}"). Unlock the phone, tap Allow on the debugging prompt, then connect again.`,
    );
  }
  if (/^(cannot|failed to) resolve/.test(text)) {
    const host = address.replace(/:\d+$/, '');
    throw new DeviceError(
      'unreachable',
      `No computer named "${host}" could be found (adb said: "${text}"). Use the phone's address as Wireless debugging shows it on the phone, such as 192.168.1.20:37055.`,
    );
  }
  if (/^(failed to connect|cannot connect)/.test(text)) {
    throw new DeviceError(
      'unreachable',
      `Could not reach ${address} (adb said: "${text}"). Check the address and port, that the phone is on the same network, and that wireless debugging is on.`,
    );
  }
  throw new DeviceError('protocol', `The adb server gave an unexpected answer to connect ${address}: "${text}".`);
}

export function interpretPairFailure(error: unknown, address: string): DeviceError {
  const cause = error instanceof Error && error.cause !== undefined ? error.cause : error;
  const text = describeError(cause);
  // adb before platform-tools 30 has no host:pair service (AOSP adb/adb.cpp handle_host_request
  // falls through to "unknown host service").
  if (/unknown host service/i.test(text)) {
    return new DeviceError(
      'adb-too-old',
      'The adb server is too old for wireless pairing (it has no "pair" command). Install Android platform-tools 30 or newer, restart the adb server ("adb kill-server"), then pair again.',
      { cause: error },
    );
  }
  if (error instanceof DeviceError && (error.kind === 'timeout' || error.kind === 'unreachable')) return error;
  if (/wrong password|incorrect|code/i.test(text)) {
    return new DeviceError('refused', `The phone at ${address} rejected the pairing code. Check the 6 digits on the phone (they change each time) and try again.`, {
      cause: error,
    });
  }
  return new DeviceError(
    'unreachable',
    `Pairing with ${address} failed (adb said: "${text}"). Check the address and port shown under "Pair device with pairing code" on the phone.`,
    { cause: error },
  );
}
