// Opens the engine's own connection to a phone the user picked, for a scan, a backup or a
// restore. Phones Vitre reached directly (the simulated phone, an address the user typed) are
// opened directly again; the others through the adb server that lists them.
import { AdbServer, openDevice, parseHostPort, type AdbServerOptions, type Device, type KeyStore } from '../device/index.ts';
import { ApiFailure } from './api-error.ts';

const OPEN_TIMEOUT_MS = 15_000;

export interface PhoneOpener {
  /** `direct` is true for phones the API connected to itself (no adb server in between). */
  open(deviceId: string, direct: boolean): Promise<Device>;
}

export function backupPhoneOpener(options: { adbServer?: AdbServerOptions; keyStore?: KeyStore }): PhoneOpener {
  return {
    async open(deviceId, direct) {
      const match = /^(?:usb|lan|demo):(.+)$/.exec(deviceId);
      if (match?.[1] === undefined) throw new ApiFailure('not-found', 'That phone is no longer connected. Pick it again on the Phones screen.');
      const signal = AbortSignal.timeout(OPEN_TIMEOUT_MS);
      if (direct) {
        const { host, port } = parseHostPort(match[1]);
        return openDevice({ kind: 'direct', host, port }, { signal, ...(options.keyStore ? { keyStore: options.keyStore } : {}) });
      }
      return openDevice({ kind: 'adb-server', serial: match[1] }, { signal, adbServer: new AdbServer(options.adbServer) });
    },
  };
}
