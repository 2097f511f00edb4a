// Connecting a phone opens the egress guard to exactly that phone: remembered in policy.json when
// the user typed its address, for this run only for the simulated phone. Judged by the guard's own
// policy decision.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { guardPhoneAccess } from '../../../main/core/api/guard-phone-access.ts';
import { decide, policyRules, type PolicySettings } from '../../../main/core/net/policy.ts';

let home: string;
let applied: PolicySettings[];
const guard = () => ({ home, setPolicy: (settings: PolicySettings) => void applied.push(settings) });
const verdict = (settings: PolicySettings | undefined, host: string, port: number) =>
  decide(policyRules(settings!, {}), { protocol: 'tcp', host, port }).verdict;

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'vitre-access-'));
  applied = [];
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

describe('letting the guard through to a phone', () => {
  it('remembers a phone connected by address in the user’s policy, once', () => {
    const access = guardPhoneAccess(guard());
    access.allow({ name: '192.168.1.20:5555', host: '192.168.1.20', port: 5555 }, true);
    access.allow({ name: '192.168.1.20:5555', host: '192.168.1.20', port: 5555 }, true);
    const stored = JSON.parse(readFileSync(join(home, 'policy.json'), 'utf8')) as PolicySettings;
    expect(stored.phones).toEqual([{ name: '192.168.1.20:5555', host: '192.168.1.20', port: 5555 }]);
    expect(verdict(applied.at(-1), '192.168.1.20', 5555)).toBe('allowed');
    expect(verdict(applied.at(-1), '192.168.1.20', 5556)).toBe('blocked');
  });

  it('allows the simulated phone for this run without writing it down', () => {
    const access = guardPhoneAccess(guard());
    expect(verdict(applied.at(-1) ?? policyDefaults(), '127.0.0.1', 41234)).toBe('blocked');
    access.allow({ name: 'simulated', host: '127.0.0.1', port: 41234 }, false);
    expect(verdict(applied.at(-1), '127.0.0.1', 41234)).toBe('allowed');
    expect(existsSync(join(home, 'policy.json'))).toBe(false);
    // A phone remembered later keeps the simulated one open too.
    access.allow({ name: 'tablet', host: '10.0.0.9', port: 5555 }, true);
    expect(verdict(applied.at(-1), '127.0.0.1', 41234)).toBe('allowed');
    expect(verdict(applied.at(-1), '10.0.0.9', 5555)).toBe('allowed');
  });
});

function policyDefaults(): PolicySettings {
  return { adbServer: { host: '127.0.0.1', port: 5037 }, phones: [], destinations: [], lanDiscovery: false, activityRetentionDays: 365 };
}
