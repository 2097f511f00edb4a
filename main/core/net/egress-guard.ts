// The egress guard: installed first in every process and thread Vitre starts, it decides every
// outbound TCP connection, UDP datagram, DNS question and child process against the user's
// policy before anything leaves, and records each attempt with its purpose.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread } from 'node:worker_threads';
import { currentPurpose, inheritPurpose } from './activity-context.ts';
import type { ActivityRecord } from './activity-record.ts';
import { openActivityLog, pruneActivity, type ActivityLog } from './activity-log.ts';
import { ActivityWriter } from './activity-writer.ts';
import { vitreHome } from './data-folder.ts';
import { guardBindings } from './guard-bindings.ts';
import { guardDns } from './guard-dns.ts';
import type { GuardHooks } from './guard-hooks.ts';
import { guardProcesses } from './guard-processes.ts';
import { guardTcp } from './guard-tcp.ts';
import { guardUdp } from './guard-udp.ts';
import { captureHttp } from './http-capture.ts';
import { decide, policyRules, type PolicyRule, type PolicySettings } from './policy.ts';
import { loadPolicySettings } from './policy-store.ts';

const here = fileURLToPath(import.meta.url);
/** The module children and workers preload (the .ts source in development, .js when built). */
export const GUARD_PRELOAD = path.join(path.dirname(here), `guard-preload${path.extname(here)}`);

export interface GuardOptions {
  rules: readonly PolicyRule[];
  record(record: ActivityRecord): void;
  /** Propagate the guard to child processes and worker threads (default true). */
  children?: boolean;
}

export interface InstalledGuard {
  setRules(rules: readonly PolicyRule[]): void;
  /** Records connections still open; called when the process or thread exits. */
  recordOpen(): void;
  uninstall(): void;
}

// One guard per thread: wrapping twice would record every attempt twice.
const INSTALLED = Symbol.for('vitre.egress-guard');
type GuardGlobal = typeof globalThis & { [INSTALLED]?: RunningGuard };

/** Wraps the network entry points of this thread. Prefer `startEgressGuard` outside tests. */
export function installEgressGuard(options: GuardOptions): InstalledGuard {
  let rules = options.rules;
  const hooks: GuardHooks = {
    decide: (attempt) => decide(rules, attempt),
    record: options.record,
    purpose: currentPurpose,
  };
  const tcp = guardTcp(hooks);
  const restores = [tcp.uninstall, guardUdp(hooks), guardDns(hooks), guardBindings(hooks), captureHttp(hooks)];
  if (options.children !== false) restores.push(guardProcesses(hooks, GUARD_PRELOAD));
  return {
    setRules(next) {
      rules = next;
    },
    recordOpen: () => tcp.recordOpen(),
    uninstall() {
      for (const restore of [...restores].reverse()) restore();
    },
  };
}

export interface RunningGuard {
  home: string;
  log: ActivityLog;
  writer: ActivityWriter;
  /** Applies changed settings at once (children read policy.json when they start). */
  setPolicy(settings: PolicySettings): void;
  /**
   * Allows one more destination for the life of this process only, e.g. the simulated phone Vitre
   * itself started on loopback for the first-run demo. Not inherited by children; not saved.
   */
  allowForSession(rule: PolicyRule): void;
  stop(): void;
}

/**
 * startEgressGuard for a process's entry point (the `vitre` command, Node children): where the data
 * folder that holds the log cannot be used, the process says so and ends, since nothing may run
 * unrecorded.
 */
export function startEgressGuardOrExit(): RunningGuard {
  try {
    return startEgressGuard();
  } catch (error) {
    if (typeof (error as NodeJS.ErrnoException).code !== 'string') throw error;
    process.stderr.write(`vitre: Vitre cannot use its data folder ${vitreHome()} (${(error as Error).message}). Set VITRE_HOME to a folder you can write to.\n`);
    process.exit(1);
  }
}

/**
 * Starts the guard for this process or thread: opens the activity log in the data folder, reads
 * the policy, wraps the network entry points, and makes children and workers do the same (they
 * append to the same log; see guard-preload.ts). Idempotent per thread.
 */
export function startEgressGuard(options: { home?: string } = {}): RunningGuard {
  const global = globalThis as GuardGlobal;
  const existing = global[INSTALLED];
  if (existing !== undefined) return existing;
  const home = options.home ?? vitreHome();
  // Children find the same log and policy through the environment, and their launcher's purpose.
  process.env.VITRE_HOME = home;
  inheritPurpose();
  const log = openActivityLog(home);
  const settings = loadPolicySettings(home);
  if (isMainThread && process.env.VITRE_PARENT_PID === undefined) applyRetention(log, settings);
  const writer = new ActivityWriter(log);
  let configured = policyRules(settings);
  const sessionRules: PolicyRule[] = [];
  const guard = installEgressGuard({ rules: configured, record: (record) => writer.add(record) });
  const onExit = () => {
    guard.recordOpen();
    writer.flush();
  };
  process.on('exit', onExit);
  const running: RunningGuard = {
    home,
    log,
    writer,
    setPolicy(next) {
      configured = policyRules(next);
      guard.setRules([...configured, ...sessionRules]);
    },
    allowForSession(rule) {
      sessionRules.push(rule);
      guard.setRules([...configured, ...sessionRules]);
    },
    stop() {
      guard.uninstall();
      process.off('exit', onExit);
      writer.flush();
      log.close();
      delete global[INSTALLED];
    },
  };
  global[INSTALLED] = running;
  return running;
}

const DAY_MS = 86_400_000;

/** Removes records older than the user's retention setting; returns how many. */
export function applyRetention(log: ActivityLog, settings: PolicySettings, now = Date.now()): number {
  if (!(settings.activityRetentionDays > 0)) return 0;
  return pruneActivity(log, now - settings.activityRetentionDays * DAY_MS);
}
