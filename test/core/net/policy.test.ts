import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decide, defaultPolicySettings, policyRules } from '../../../main/core/net/policy.ts';
import { loadPolicySettings, PolicyFileError, savePolicySettings, updatePolicySettings } from '../../../main/core/net/policy-store.ts';

const settings = {
  ...defaultPolicySettings(),
  phones: [{ name: 'Pixel 7', host: '192.168.1.20', port: 5555 }],
  destinations: [
    { name: 'My S3', host: 's3.example.com', port: 443, enabled: true },
    { name: 'Old WebDAV', host: 'dav.example.org', port: 443, enabled: false },
  ],
};
const rules = policyRules(settings, {});

describe('the network policy', () => {
  it('allows only the adb server, connected phones and enabled destinations, saying why', () => {
    expect(decide(rules, { protocol: 'tcp', host: '127.0.0.1', port: 5037 })).toEqual({ verdict: 'allowed', reason: 'allowed: the adb server on this computer (USB phones)' });
    expect(decide(rules, { protocol: 'tcp', host: '::ffff:192.168.1.20', port: 5555 }).reason).toContain('"Pixel 7"');
    expect(decide(rules, { protocol: 'tcp', host: 'S3.Example.com.', port: 443 }).verdict).toBe('allowed');
    expect(decide(rules, { protocol: 'tcp', host: 'dav.example.org', port: 443 }).verdict).toBe('blocked');
    expect(decide(rules, { protocol: 'tcp', host: '127.0.0.1', port: 8080 }).verdict).toBe('blocked');
    expect(decide(rules, { protocol: 'tcp', host: '192.0.2.1', port: 443 }).reason).toMatch(/^blocked: tcp to 192\.0\.2\.1:443/);
  });

  it('allows DNS questions only for names the user configured', () => {
    expect(decide(rules, { protocol: 'dns', host: 's3.example.com', port: 0 }).verdict).toBe('allowed');
    expect(decide(rules, { protocol: 'dns', host: 'dav.example.org', port: 0 }).verdict).toBe('blocked');
    expect(decide(rules, { protocol: 'dns', host: 'telemetry.example.net', port: 0 }).verdict).toBe('blocked');
    expect(decide(rules, { protocol: 'dns', host: '192.0.2.1', port: 0 }).verdict).toBe('allowed');
  });

  it('allows mDNS only when discovery is on', () => {
    const mdns = { protocol: 'udp' as const, host: '224.0.0.251', port: 5353 };
    expect(decide(rules, mdns).verdict).toBe('blocked');
    expect(decide(policyRules({ ...settings, lanDiscovery: true }, {}), mdns).verdict).toBe('allowed');
  });

  it('follows ANDROID_ADB_SERVER_PORT for the adb server, as adb does', () => {
    const moved = policyRules(settings, { ANDROID_ADB_SERVER_PORT: '15037' });
    expect(decide(moved, { protocol: 'tcp', host: '127.0.0.1', port: 15037 }).reason).toContain('ANDROID_ADB_SERVER_PORT');
    expect(decide(moved, { protocol: 'tcp', host: '127.0.0.1', port: 5037 }).verdict).toBe('blocked');
  });

  it('stores settings as policy.json in the data folder, defaulting to the adb server only', () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'vitre-policy-'));
    expect(loadPolicySettings(home)).toEqual(defaultPolicySettings());
    savePolicySettings(home, settings);
    expect(loadPolicySettings(home)).toEqual(settings);
    updatePolicySettings(home, (current) => ({ ...current, lanDiscovery: true }));
    expect(loadPolicySettings(home).lanDiscovery).toBe(true);
    fs.writeFileSync(path.join(home, 'policy.json'), '{ not json');
    expect(() => loadPolicySettings(home)).toThrow(PolicyFileError);
    fs.rmSync(home, { recursive: true });
  });
});
