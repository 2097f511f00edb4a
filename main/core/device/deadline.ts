// Every device operation runs under a watchdog: it ends with a DeviceError when the caller aborts,
// when the phone sends nothing for `timeoutMs`, or when the phone disconnects, whichever comes
// first. The operation's own promise is then left to settle on its own; its outcome is observed
// (never an unhandled rejection) and discarded.
import { DeviceError, toDeviceError } from './errors.ts';

export interface OperationOptions {
  signal?: AbortSignal;
  /**
   * Longest wait for the phone, in ms. Every chunk received counts as progress, so a large pull
   * can run for minutes while a stalled one ends after this long. Time spent by the caller (a
   * slow consumer of a pull stream) does not count.
   */
  timeoutMs?: number;
}

export interface WatchdogSettings {
  /** What is being done, in the user's words: "Reading /sdcard/a.jpg". */
  what: string;
  defaultTimeoutMs: number;
  /** Subscribes to the phone going away (reason: why, if known); returns the unsubscribe. */
  onGone?: (listener: (reason: unknown) => void) => () => void;
}

export class Watchdog {
  readonly what: string;
  readonly #controller = new AbortController();
  readonly #timeoutMs: number;
  readonly #options: OperationOptions;
  readonly #stopped: Promise<never>;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #unsubscribeGone: (() => void) | undefined;
  #onAbort = () => this.stop(new DeviceError('aborted', `${this.what} was cancelled.`));

  constructor(settings: WatchdogSettings, options: OperationOptions) {
    this.what = settings.what;
    this.#options = options;
    this.#timeoutMs = options.timeoutMs ?? settings.defaultTimeoutMs;
    this.#stopped = new Promise<never>((_resolve, reject) => {
      this.#controller.signal.addEventListener('abort', () => reject(this.#controller.signal.reason), { once: true });
    });
    this.#stopped.catch(() => undefined); // observed through race(); this only marks it handled
    if (options.signal?.aborted) this.#onAbort();
    options.signal?.addEventListener('abort', this.#onAbort, { once: true });
    this.#unsubscribeGone = settings.onGone?.((reason) => this.#gone(reason));
  }

  /** Aborted when the operation must stop; close sockets when it fires. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  stop(error: DeviceError): void {
    if (!this.#controller.signal.aborted) this.#controller.abort(error);
    this.dispose();
  }

  /** Starts (or restarts) the wait for the phone. */
  arm(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      const seconds = Math.round(this.#timeoutMs / 100) / 10;
      this.stop(
        new DeviceError(
          'timeout',
          `${this.what} stopped: the phone sent nothing for ${seconds} s. Check the connection (unlock the phone, replug the cable or rejoin Wi-Fi) and try again.`,
        ),
      );
    }, this.#timeoutMs);
  }

  disarm(): void {
    clearTimeout(this.#timer);
  }

  /** Waits for `work`, ending early with the watchdog's error; other failures become DeviceErrors. */
  async race<T>(work: Promise<T>): Promise<T> {
    work.catch(() => undefined); // once stopped, the work fails too (its socket closed): expected
    try {
      return await this.#untilStopped(work);
    } catch (error) {
      if (this.#controller.signal.aborted) throw this.#controller.signal.reason as DeviceError;
      throw toDeviceError(error, this.what);
    }
  }

  // Not Promise.race([work, this.#stopped]): every race leaves a reaction on #stopped, which
  // never settles while the operation runs, and that reaction keeps the race's result alive — for
  // a pull, every chunk ever read (1 GiB pulled held 1 GiB of buffers, measured). This listener is
  // removed as soon as the work settles.
  #untilStopped<T>(work: Promise<T>): Promise<T> {
    const signal = this.#controller.signal;
    if (signal.aborted) return Promise.reject(signal.reason as DeviceError);
    return new Promise<T>((resolve, reject) => {
      const onStop = () => reject(signal.reason as DeviceError);
      signal.addEventListener('abort', onStop, { once: true });
      work.then(
        (value) => {
          signal.removeEventListener('abort', onStop);
          resolve(value);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', onStop);
          reject(error as Error);
        },
      );
    });
  }

  /** Releases timers and listeners once the operation is over. */
  dispose(): void {
    clearTimeout(this.#timer);
    this.#options.signal?.removeEventListener('abort', this.#onAbort);
    this.#unsubscribeGone?.();
  }

  #gone(reason: unknown): void {
    // A connection that died of a protocol error (corrupt packet) says so; anything else is a
    // plain disconnection.
    if (reason instanceof DeviceError && reason.kind !== 'disconnected') {
      this.stop(new DeviceError(reason.kind, `${this.what} stopped: ${reason.message}`, { cause: reason }));
      return;
    }
    this.stop(new DeviceError('disconnected', `${this.what} stopped: the phone disconnected. Reconnect it and try again.`));
  }
}

export interface OperationContext {
  signal: AbortSignal;
  /** Call when bytes arrive, to restart the wait. */
  progress(): void;
}

/** Runs one request-reply operation under a watchdog. */
export async function withDeadline<T>(
  settings: WatchdogSettings,
  options: OperationOptions,
  run: (context: OperationContext) => Promise<T>,
): Promise<T> {
  const watchdog = new Watchdog(settings, options);
  if (watchdog.signal.aborted) throw watchdog.signal.reason as DeviceError;
  watchdog.arm();
  try {
    return await watchdog.race(run({ signal: watchdog.signal, progress: () => watchdog.arm() }));
  } finally {
    watchdog.dispose();
  }
}
