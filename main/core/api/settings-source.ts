// The Settings screen's seam on top of the user's network settings (policy.json in the data
// folder): what the guard allows now and why, phone discovery, and Activity retention. A change
// is saved at once and handed to the running guard, so it applies without a restart.
import type { Settings } from '../../../preload/contract/settings.ts';
import type { ActivityLog } from '../net/activity-log.ts';
import { applyRetention, type RunningGuard } from '../net/egress-guard.ts';
import { policyRules, type PolicySettings } from '../net/policy.ts';
import { loadPolicySettings, updatePolicySettings } from '../net/policy-store.ts';
import type { SettingsSource } from './ports.ts';

export interface SettingsSourceOptions {
  /** The data folder (VITRE_HOME): policy.json lives here. */
  home: string;
  guard?: Pick<RunningGuard, 'setPolicy'>;
  /** Retention applies to this log at once when the user shortens it. */
  activityLog?: ActivityLog;
}

export function settingsSource(options: SettingsSourceOptions): SettingsSource {
  const view = (settings: PolicySettings): Settings => ({
    dataFolder: options.home,
    rules: policyRules(settings).map(({ protocol, host, port, why }, index) => ({ protocol, host, port, why, ...sourceOf(settings, index) })),
    lanDiscovery: settings.lanDiscovery,
    activityRetentionDays: settings.activityRetentionDays,
    cloudDestinations: settings.destinations.length,
  });
  return {
    get: () => view(loadPolicySettings(options.home)),
    update(change) {
      const next = updatePolicySettings(options.home, (settings) => ({ ...settings, ...change }));
      options.guard?.setPolicy(next);
      if (change.activityRetentionDays !== undefined && options.activityLog !== undefined) applyRetention(options.activityLog, next);
      return view(next);
    },
  };
}

/**
 * What setting a rule comes from. policyRules lists them in a fixed order: the adb server, the
 * phones the user connected, the destinations they enabled, then discovery when it is on.
 */
function sourceOf(settings: PolicySettings, index: number): Pick<Settings['rules'][number], 'source' | 'name'> {
  if (index === 0) return { source: 'adb-server', name: null };
  const phone = settings.phones[index - 1];
  if (phone !== undefined) return { source: 'phone', name: phone.name };
  const destination = settings.destinations.filter((candidate) => candidate.enabled)[index - 1 - settings.phones.length];
  if (destination !== undefined) return { source: 'destination', name: destination.name };
  return { source: 'discovery', name: null };
}
