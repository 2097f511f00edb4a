// An opened phone: the one object the rest of Vitre uses to run commands and move files, whether
// the phone is reached through the adb server or directly over TCP.
import type { Adb } from '@yume-chan/adb';
import { withDeadline, type OperationOptions, type WatchdogSettings } from './deadline.ts';
import { readFacts, readIdentity, type PhoneIdentity } from './read-facts.ts';
import type { DeviceFacts } from './facts.ts';
import { pullInto, type PullTarget } from './pull.ts';
import { pushFile, type PushOptions, type PushSource } from './push.ts';
import { asFileError, remoteStatOf, toRemoteEntry, toRemoteStat, type RemoteEntry, type RemoteStat } from './remote-file.ts';
import { runShell, type ShellOptions, type ShellResult } from './shell.ts';
import { SyncSessions } from './sync-sessions.ts';
import { listFolderV2 } from './sync/list-folder.ts';
import type { SyncChannelOpener } from './sync/channel.ts';

export type Connection = 'adb-server' | 'direct';

/** Default wait for the phone: generous for a phone busy scanning, short enough to notice a hang. */
export const DEFAULT_TIMEOUT_MS = 30_000;

export interface DeviceIdentity {
  /** The target it was opened with: an adb serial or `tcp:HOST:PORT`. */
  target: string;
  serial: string;
  connection: Connection;
}

export interface DeviceChannels {
  /**
   * Opens a sync session for a file transfer: on a direct connection an ADB stream whose file
   * bytes bypass Tango (direct/sync-lanes.ts); through the adb server a socket of our own to the
   * server (sync/server-channel.ts).
   */
  openSync: SyncChannelOpener;
}

export class Device {
  readonly target: string;
  readonly serial: string;
  readonly connection: Connection;
  readonly #adb: Adb;
  readonly #sessions: SyncSessions;
  readonly #openSync: SyncChannelOpener;
  readonly #goneListeners = new Set<(reason: unknown) => void>();
  #gone: { reason: unknown } | undefined;

  constructor(adb: Adb, identity: DeviceIdentity, channels: DeviceChannels) {
    this.#adb = adb;
    this.#openSync = channels.openSync;
    this.target = identity.target;
    this.serial = identity.serial;
    this.connection = identity.connection;
    this.#sessions = new SyncSessions(adb);
    adb.disconnected.then(
      () => this.#markGone(undefined),
      (reason: unknown) => this.#markGone(reason),
    );
  }

  /** Model as the phone announced it in its handshake (e.g. "Pixel 7"); may be undefined. */
  get model(): string | undefined {
    return this.#adb.banner.model;
  }

  get features(): readonly string[] {
    return this.#adb.banner.features;
  }

  /** True once the phone has gone away; every later operation fails with 'disconnected'. */
  get isGone(): boolean {
    return this.#gone !== undefined;
  }

  /** Resolves when the phone goes away (never rejects). */
  get disconnected(): Promise<void> {
    return this.#adb.disconnected.then(
      () => undefined,
      () => undefined,
    );
  }

  shell(command: string, options: ShellOptions = {}): Promise<ShellResult> {
    return runShell(this.#adb, command, this.#settings(), options);
  }

  /** Follows symlinks (falls back to lstat on phones without stat_v2). */
  stat(path: string, options: OperationOptions = {}): Promise<RemoteStat> {
    return this.#withSharedSync(`Checking ${path} on the phone`, path, options, async (sync) =>
      toRemoteStat(sync.supportsStat ? await sync.stat(path) : await sync.lstat(path)),
    );
  }

  lstat(path: string, options: OperationOptions = {}): Promise<RemoteStat> {
    return this.#withSharedSync(`Checking ${path} on the phone`, path, options, async (sync) => toRemoteStat(await sync.lstat(path)));
  }

  /** Entries of a folder, without '.' and '..'. */
  list(path: string, options: OperationOptions = {}): Promise<RemoteEntry[]> {
    if (this.features.includes('ls_v2')) return this.#listV2(path, options);
    return this.#withSharedSync(`Listing ${path} on the phone`, path, options, async (sync, progress) => {
      const entries: RemoteEntry[] = [];
      for await (const entry of sync.opendir(path)) {
        progress();
        if (entry.name === '.' || entry.name === '..') continue;
        entries.push(toRemoteEntry(entry));
      }
      // adbd answers LIST on a missing or unreadable folder with an empty listing (AOSP
      // daemon/file_sync_service.cpp, do_list: opendir fails → DONE), so an empty answer needs a
      // stat to tell "empty" from "not there" — a backup must never read "gone" as "empty".
      if (entries.length === 0) await sync.lstat(path);
      return entries;
    });
  }

  /**
   * LIS2 on a channel of its own, parsed in place: a 50,000-file phone listed in a fraction of the
   * time the shared session took (it parsed each entry through a chain of promises and BigInts,
   * and listed one folder at a time).
   */
  async #listV2(path: string, options: OperationOptions): Promise<RemoteEntry[]> {
    const listed = await withDeadline({ ...this.#settings(), what: `Listing ${path} on the phone` }, options, (context) =>
      listFolderV2(this.#openSync, path, context),
    ).catch((error: unknown) => {
      throw asFileError(error, path);
    });
    const entries: RemoteEntry[] = listed.map((entry) => ({ name: entry.name, ...remoteStatOf(entry.mode, entry.size, entry.mtime) }));
    // adbd answers LIST on a missing or unreadable folder with an empty listing (AOSP
    // daemon/file_sync_service.cpp, do_list: opendir fails → DONE), so an empty answer needs a
    // stat to tell "empty" from "not there" — a backup must never read "gone" as "empty".
    if (entries.length === 0) await this.lstat(path, options);
    return entries;
  }

  /**
   * The file's bytes handed to `target` as they arrive (valid only during each call: the target
   * copies or hashes them); resolves with the byte count once the phone has sent the whole file.
   */
  pullInto(path: string, target: PullTarget, options: OperationOptions = {}): Promise<number> {
    return pullInto(this.#openSync, path, target, this.#settings(), options);
  }

  push(path: string, source: PushSource, options: PushOptions = {}): Promise<void> {
    return pushFile(this.#sessions, path, source, this.#settings(), options);
  }

  /** Model, Android version, storage, battery... (see DeviceFacts). */
  facts(options: OperationOptions = {}): Promise<DeviceFacts> {
    return readFacts(this, options);
  }

  /** Serial and model only: one command on the phone where facts() takes three. */
  identity(options: OperationOptions = {}): Promise<PhoneIdentity> {
    return readIdentity(this, options);
  }

  async close(): Promise<void> {
    await this.#sessions.close();
    try {
      await this.#adb.close();
    } catch {
      // The connection was already lost: there is nothing left to close.
    }
  }

  #settings(): Omit<WatchdogSettings, 'what'> {
    return { defaultTimeoutMs: DEFAULT_TIMEOUT_MS, onGone: (listener) => this.#onGone(listener) };
  }

  #onGone(listener: (reason: unknown) => void): () => void {
    if (this.#gone) {
      const { reason } = this.#gone;
      queueMicrotask(() => listener(reason));
      return () => undefined;
    }
    this.#goneListeners.add(listener);
    return () => this.#goneListeners.delete(listener);
  }

  #markGone(reason: unknown): void {
    this.#gone = { reason };
    for (const listener of this.#goneListeners) listener(reason);
    this.#goneListeners.clear();
  }

  #withSharedSync<T>(
    what: string,
    path: string,
    options: OperationOptions,
    run: (sync: Awaited<ReturnType<SyncSessions['shared']>>, progress: () => void) => Promise<T>,
  ): Promise<T> {
    return withDeadline({ ...this.#settings(), what }, options, async ({ signal, progress }) => {
      // A reply cut short leaves the shared session out of step: never reuse it after a stop.
      signal.addEventListener('abort', () => this.#sessions.discardShared(), { once: true });
      const sync = await this.#sessions.shared();
      return run(sync, progress);
    }).catch((error: unknown) => {
      throw asFileError(error, path);
    });
  }
}
