// The egress guard lets through only what the user's policy names (main/core/net/policy.ts). A
// phone connected by address becomes part of that policy, as "a phone you connected"; the
// simulated phone, on a new loopback port each run, is allowed for this run only and never written.
import type { RunningGuard } from '../net/egress-guard.ts';
import type { PolicySettings } from '../net/policy.ts';
import { loadPolicySettings, updatePolicySettings } from '../net/policy-store.ts';
import type { PhoneAccess } from './ports.ts';

type Phone = PolicySettings['phones'][number];

/**
 * The phone door, which is also how every other change of policy (settings, destinations) must
 * reach the guard: `apply` keeps the phones allowed for this run, which policy.json never holds.
 */
export interface GuardDoor extends PhoneAccess {
  apply(settings: PolicySettings): void;
}

export function guardPhoneAccess(guard: Pick<RunningGuard, 'home' | 'setPolicy'>): GuardDoor {
  const forThisRun: Phone[] = [];
  const apply = (settings: PolicySettings) => guard.setPolicy({ ...settings, phones: [...settings.phones, ...forThisRun] });
  const same = (a: Phone) => (b: Phone) => a.host === b.host && a.port === b.port;
  return {
    apply,
    allow(phone, remember) {
      if (!remember) {
        if (!forThisRun.some(same(phone))) forThisRun.push(phone);
        apply(loadPolicySettings(guard.home));
        return;
      }
      apply(updatePolicySettings(guard.home, (settings) =>
        settings.phones.some(same(phone)) ? settings : { ...settings, phones: [...settings.phones, phone] },
      ));
    },
  };
}
