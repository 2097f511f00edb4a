// Sync sessions (`sync:` service) on one connection. Small requests (stat, list) share one
// long-lived session, as adb itself does for a whole `adb pull -r`; transfers get their own, so
// cancelling one closes only its socket (a sync RECV cannot be cancelled in-band: AOSP
// daemon/file_sync_service.cpp keeps sending until DONE).
import type { Adb, AdbSync } from '@yume-chan/adb';

export class SyncSessions {
  readonly #adb: Adb;
  #shared: Promise<AdbSync> | undefined;

  constructor(adb: Adb) {
    this.#adb = adb;
  }

  shared(): Promise<AdbSync> {
    this.#shared ??= this.#adb.sync();
    const session = this.#shared;
    session.catch(() => {
      if (this.#shared === session) this.#shared = undefined;
    });
    return session;
  }

  /** Drops the shared session (after a timeout or abort left it mid-reply). */
  discardShared(): void {
    const session = this.#shared;
    this.#shared = undefined;
    void session?.then((sync) => sync.dispose()).catch(() => undefined);
  }

  dedicated(): Promise<AdbSync> {
    return this.#adb.sync();
  }

  async close(): Promise<void> {
    const session = this.#shared;
    this.#shared = undefined;
    await session?.then((sync) => sync.dispose()).catch(() => undefined);
  }
}
