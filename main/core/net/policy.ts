// What may leave the computer, derived only from what the user configured: the adb server on
// loopback, the phones they connected over the LAN, the cloud destinations they added and enabled,
// and mDNS on the LAN if they turned discovery on. Everything else is blocked.
import * as net from 'node:net';

export interface PolicySettings {
  /** The adb server Vitre talks to for USB phones. */
  adbServer: { host: string; port: number };
  /** Phones the user connected over the local network (direct adbd, wireless debugging). */
  phones: { name: string; host: string; port: number }[];
  /** Cloud or network destinations the user added; only enabled ones may be reached. */
  destinations: { name: string; host: string; port: number; enabled: boolean }[];
  /** mDNS discovery of phones on the local network (multicast to 224.0.0.251:5353). */
  lanDiscovery: boolean;
  /** Activity records older than this many days are removed (0 keeps everything). */
  activityRetentionDays: number;
}

export type EgressProtocol = 'tcp' | 'udp' | 'dns';

export interface EgressAttempt {
  protocol: EgressProtocol;
  /** Host name or IP address as the caller gave it. */
  host: string;
  /** 0 for DNS questions. */
  port: number;
}

export interface PolicyRule {
  protocol: 'tcp' | 'udp';
  host: string;
  port: number;
  /** The user's own setting behind this rule, e.g. `phone "Pixel 7" you connected`. */
  why: string;
}

export interface Decision {
  verdict: 'allowed' | 'blocked';
  reason: string;
}

export const DEFAULT_ADB_SERVER_PORT = 5037;
const MDNS = { host: '224.0.0.251', port: 5353 };

export function defaultPolicySettings(): PolicySettings {
  return {
    adbServer: { host: '127.0.0.1', port: DEFAULT_ADB_SERVER_PORT },
    phones: [],
    destinations: [],
    lanDiscovery: false,
    activityRetentionDays: 365,
  };
}

/**
 * The rules in effect for these settings, each with the reason a user would recognise. The adb
 * server's port follows ANDROID_ADB_SERVER_PORT when set, as adb itself and the device layer do.
 */
export function policyRules(settings: PolicySettings, env: NodeJS.ProcessEnv = process.env): PolicyRule[] {
  const fromEnv = Number(env.ANDROID_ADB_SERVER_PORT);
  const adbPort = Number.isInteger(fromEnv) && fromEnv > 0 && fromEnv < 65536 ? fromEnv : settings.adbServer.port;
  const adbWhy = adbPort === settings.adbServer.port ? '' : ' (port from ANDROID_ADB_SERVER_PORT)';
  const rules: PolicyRule[] = [
    { protocol: 'tcp', host: settings.adbServer.host, port: adbPort, why: `the adb server on this computer (USB phones)${adbWhy}` },
  ];
  for (const phone of settings.phones) {
    rules.push({ protocol: 'tcp', host: phone.host, port: phone.port, why: `phone "${phone.name}" you connected on the local network` });
  }
  for (const destination of settings.destinations) {
    if (!destination.enabled) continue;
    rules.push({ protocol: 'tcp', host: destination.host, port: destination.port, why: `destination "${destination.name}" you added and enabled` });
  }
  if (settings.lanDiscovery) {
    rules.push({ protocol: 'udp', host: MDNS.host, port: MDNS.port, why: 'phone discovery on the local network (mDNS), which you turned on' });
  }
  return rules;
}

/** Decides one attempt against the rules. Pure: the guard calls it before any packet leaves. */
export function decide(rules: readonly PolicyRule[], attempt: EgressAttempt): Decision {
  const host = normalizeHost(attempt.host);
  if (attempt.protocol === 'dns') return decideDns(rules, host);
  const rule = rules.find((r) => r.protocol === attempt.protocol && normalizeHost(r.host) === host && r.port === attempt.port);
  if (rule !== undefined) return { verdict: 'allowed', reason: `allowed: ${rule.why}` };
  return {
    verdict: 'blocked',
    reason: `blocked: ${attempt.protocol} to ${formatTarget(host, attempt.port)} is not the adb server, a phone you connected, or a destination you enabled`,
  };
}

function decideDns(rules: readonly PolicyRule[], host: string): Decision {
  // An IP literal is answered locally by getaddrinfo: no question leaves the computer.
  if (net.isIP(host) !== 0) return { verdict: 'allowed', reason: 'allowed: an address, not a name (nothing is asked)' };
  const rule = rules.find((r) => normalizeHost(r.host) === host);
  if (rule !== undefined) return { verdict: 'allowed', reason: `allowed: name of ${rule.why}` };
  return {
    verdict: 'blocked',
    reason: `blocked: looking up "${host}" is not needed by the adb server, a phone you connected, or a destination you enabled`,
  };
}

export function normalizeHost(host: string): string {
  const lower = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
  // Dual-stack sockets report IPv4 peers as ::ffff:a.b.c.d.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  return mapped?.[1] ?? lower;
}

function formatTarget(host: string, port: number): string {
  return net.isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
}
