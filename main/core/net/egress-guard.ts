// The egress guard: installed first in every process and thread Vitre starts, it decides every
// outbound TCP connection, UDP datagram, DNS question and child process against the user's
// policy before anything leaves, and records each attempt with its purpose.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { currentPurpose } from './activity-context.ts';
import type { ActivityRecord } from './activity-record.ts';
import { openActivityLog, type ActivityLog } from './activity-log.ts';
import { ActivityWriter } from './activity-writer.ts';
import { vitreHome } from './data-folder.ts';
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
  const restores = [guardTcp(hooks), guardUdp(hooks), guardDns(hooks), captureHttp(hooks)];
  if (options.children !== false) restores.push(guardProcesses(hooks, GUARD_PRELOAD));
  return {
    setRules(next) {
      rules = next;
    },
    uninstall() {
      for (const restore of restores.reverse()) restore();
    },
  };
}

export interface RunningGuard {
  home: string;
  log: ActivityLog;
  writer: ActivityWriter;
  /** Applies changed settings at once (children read policy.json when they start). */
  setPolicy(settings: PolicySettings): void;
  stop(): void;
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
  // Children find the same log and policy through the environment.
  process.env.VITRE_HOME = home;
  const log = openActivityLog(home);
  const writer = new ActivityWriter(log);
  const guard = installEgressGuard({ rules: policyRules(loadPolicySettings(home)), record: (record) => writer.add(record) });
  const onExit = () => writer.flush();
  process.on('exit', onExit);
  const running: RunningGuard = {
    home,
    log,
    writer,
    setPolicy: (settings) => guard.setRules(policyRules(settings)),
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
