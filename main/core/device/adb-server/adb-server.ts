// The adb server: Google's background process that owns USB phones (and phones it connected to
// over Wi-Fi). Vitre talks to it with Tango's client over a socket from core/net, and starts it
// when it is not running, as the `adb` command does.
import { AdbServerClient } from '@yume-chan/adb';
import { Watchdog } from '../deadline.ts';
import { DeviceError } from '../errors.ts';
import { defaultAdbServerPort, findAdb, startAdbServer } from './adb-program.ts';
import { AdbServerConnector } from './connector.ts';
import { parseDeviceList, type ListedDevice } from './device-list.ts';
import { interpretConnectAnswer, interpretPairFailure, type ConnectResult } from './wireless-answers.ts';
import { DeviceTracker } from './device-tracker.ts';

export interface AdbServerOptions {
  /** Default: ANDROID_ADB_SERVER_PORT, else 5037. */
  port?: number;
  /** The adb program; default: the first `adb` on PATH. */
  adbPath?: string;
  /** Environment for an adb server we start (its HOME decides which adbkey it uses). */
  env?: NodeJS.ProcessEnv;
  /** Start the server when none answers (default true). */
  start?: boolean;
  /** Time limit for each request to the server (ms). */
  timeoutMs?: number;
}

export interface RequestOptions {
  signal?: AbortSignal;
  /** Time limit for this request (ms). */
  timeoutMs?: number;
}

export class AdbServer {
  readonly port: number;
  /** Tango's client, for the device layer's own use (openDevice); other code uses the methods. */
  readonly client: AdbServerClient;
  readonly #options: AdbServerOptions;
  #ready: Promise<number> | undefined;

  constructor(options: AdbServerOptions = {}) {
    this.#options = options;
    this.port = options.port ?? defaultAdbServerPort(options.env);
    this.client = new AdbServerClient(new AdbServerConnector('127.0.0.1', this.port, options.timeoutMs ?? 5_000));
  }

  /** Makes sure a server answers (starting one if allowed); resolves to its protocol version. */
  ensureRunning(): Promise<number> {
    this.#ready ??= this.#connectOrStart().then(checkVersion).catch((error: unknown) => {
      this.#ready = undefined;
      throw error;
    });
    return this.#ready;
  }

  async #connectOrStart(): Promise<number> {
    try {
      return await this.#request('Asking the adb server for its version', {}, () => this.client.getVersion());
    } catch (error) {
      if (!(error instanceof DeviceError) || error.kind !== 'unreachable' || this.#options.start === false) throw error;
    }
    const adbPath = findAdb(this.#options.adbPath, this.#options.env);
    await startAdbServer({ adbPath, port: this.port, ...(this.#options.env ? { env: this.#options.env } : {}) });
    return this.#request('Asking the adb server for its version', {}, () => this.client.getVersion());
  }

  async version(): Promise<number> {
    return this.ensureRunning();
  }

  /** `adb devices -l`, every state included. */
  async devices(options: RequestOptions = {}): Promise<ListedDevice[]> {
    await this.ensureRunning();
    return this.#request('Listing devices', options, async () => {
      const stream = await this.client.createConnection('host:devices-l');
      try {
        return parseDeviceList(await stream.readString());
      } finally {
        await stream.dispose();
      }
    });
  }

  /** Live device list; see DeviceTracker. Stop it with `stop()`. */
  async trackDevices(): Promise<DeviceTracker> {
    await this.ensureRunning();
    const stream = await this.#request('Watching for devices', {}, () => this.client.createConnection('host:track-devices-l'));
    return DeviceTracker.start(stream);
  }

  /** `adb connect HOST:PORT`. */
  async connect(host: string, port: number, options: RequestOptions = {}): Promise<ConnectResult> {
    await this.ensureRunning();
    const address = `${host}:${port}`;
    // adb waits for the phone's handshake before answering, so give it longer than a plain request.
    const answer = await this.#request(
      `Connecting to ${address}`,
      { timeoutMs: 30_000, ...options },
      async () => {
        const stream = await this.client.createConnection(`host:connect:${address}`);
        try {
          return await stream.readString();
        } finally {
          await stream.dispose();
        }
      },
    );
    return interpretConnectAnswer(answer, address);
  }

  /** `adb disconnect HOST:PORT`. */
  async disconnect(host: string, port: number, options: RequestOptions = {}): Promise<void> {
    await this.ensureRunning();
    await this.#request(`Disconnecting ${host}:${port}`, options, () => this.client.wireless.disconnect(`${host}:${port}`));
  }

  /** `adb pair HOST:PORT CODE` (Android 11+ wireless debugging; needs platform-tools 30+). */
  async pair(host: string, port: number, code: string, options: RequestOptions = {}): Promise<void> {
    if (!/^\d{6}$/.test(code)) {
      throw new DeviceError('invalid-input', `The pairing code must be the 6 digits shown on the phone under "Pair device with pairing code"; got "${code}".`);
    }
    await this.ensureRunning();
    try {
      await this.#request(`Pairing with ${host}:${port}`, { timeoutMs: 60_000, ...options }, () =>
        this.client.wireless.pair(`${host}:${port}`, code),
      );
    } catch (error) {
      throw interpretPairFailure(error, `${host}:${port}`);
    }
  }

  async #request<T>(what: string, options: RequestOptions, run: () => Promise<T>): Promise<T> {
    const timeoutMs = options.timeoutMs ?? this.#options.timeoutMs ?? 10_000;
    const watchdog = new Watchdog({ what, defaultTimeoutMs: timeoutMs }, options);
    watchdog.arm();
    try {
      return await watchdog.race(run());
    } catch (error) {
      // The server may have been stopped since we last saw it: let the next request start it again.
      if (error instanceof DeviceError && error.kind === 'unreachable') this.#ready = undefined;
      if (error instanceof DeviceError && error.kind === 'timeout') {
        throw new DeviceError('timeout', `${what} took longer than ${timeoutMs / 1000} s: the adb server on port ${this.port} is not answering. Restart it with "adb kill-server".`);
      }
      throw error;
    } finally {
      watchdog.dispose();
    }
  }
}

/** Tango selects a phone with `host:tport:serial:`, which adb servers speak from protocol 41 on. */
const MINIMUM_VERSION = 41;

function checkVersion(version: number): number {
  if (version < MINIMUM_VERSION) {
    throw new DeviceError(
      'adb-too-old',
      `The adb server is too old (protocol ${version}; Vitre needs ${MINIMUM_VERSION} or newer). Install a recent Android platform-tools, then run "adb kill-server".`,
    );
  }
  return version;
}
