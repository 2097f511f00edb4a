// Turning mDNS answers into phones Vitre can offer to connect to or pair with. Android announces
// (AOSP packages/modules/adb/adb_mdns.h): `_adb-tls-connect._tcp` (wireless debugging, Android
// 11+, connect after pairing), `_adb-tls-pairing._tcp` (the "pair with code" screen while open),
// and `_adb._tcp` (legacy `adb tcpip`, some TVs and ROMs). The instance name is `adb-SERIAL-xxxx`.
import type { Answer } from 'dns-packet';

export const ADB_SERVICE_TYPES = {
  connect: '_adb-tls-connect._tcp.local',
  pairing: '_adb-tls-pairing._tcp.local',
  legacy: '_adb._tcp.local',
} as const;

export type AdbServiceKind = keyof typeof ADB_SERVICE_TYPES;

export interface DiscoveredPhone {
  kind: AdbServiceKind;
  /** The mDNS instance name, e.g. "adb-28011FDH2000B4-VwXyZ1". */
  instance: string;
  /** IPv4 address (IPv6 when that is all the phone announced). */
  host: string;
  port: number;
  /** Serial taken from the instance name when it follows Android's pattern. */
  serial?: string;
}

function kindOf(serviceType: string): AdbServiceKind | undefined {
  const name = serviceType.toLowerCase();
  return (Object.keys(ADB_SERVICE_TYPES) as AdbServiceKind[]).find((kind) => ADB_SERVICE_TYPES[kind] === name);
}

/** Collects records across responses, then resolves PTR → SRV → A/AAAA into phones. */
export class ServiceRecords {
  readonly #pointers = new Map<string, AdbServiceKind>();
  readonly #services = new Map<string, { target: string; port: number }>();
  readonly #addresses = new Map<string, string[]>();

  add(records: readonly Answer[]): void {
    for (const record of records) {
      const name = record.name.toLowerCase();
      if (record.type === 'PTR') {
        const kind = kindOf(name);
        if (kind) this.#pointers.set(String(record.data), kind);
      } else if (record.type === 'SRV') {
        this.#services.set(name, { target: record.data.target.toLowerCase(), port: record.data.port });
      } else if (record.type === 'A' || record.type === 'AAAA') {
        const list = this.#addresses.get(name) ?? [];
        if (!list.includes(record.data)) list.push(record.data);
        // IPv4 first: it is what `adb connect` users type and what every phone announces.
        list.sort((a, b) => Number(a.includes(':')) - Number(b.includes(':')));
        this.#addresses.set(name, list);
      }
    }
  }

  /** What is still unknown: SRV records of announced instances, addresses of their hosts. */
  missing(): Array<{ type: 'SRV' | 'A'; name: string }> {
    const questions: Array<{ type: 'SRV' | 'A'; name: string }> = [];
    for (const instance of this.#pointers.keys()) {
      const service = this.#services.get(instance.toLowerCase());
      if (!service) questions.push({ type: 'SRV', name: instance });
      else if (!this.#addresses.has(service.target)) questions.push({ type: 'A', name: service.target });
    }
    return questions;
  }

  phones(): DiscoveredPhone[] {
    const phones: DiscoveredPhone[] = [];
    for (const [instanceName, kind] of this.#pointers) {
      const service = this.#services.get(instanceName.toLowerCase());
      const host = service && this.#addresses.get(service.target)?.[0];
      if (!service || !host) continue;
      const instance = instanceName.slice(0, instanceName.length - ADB_SERVICE_TYPES[kind].length - 1);
      const serial = /^adb-(.+)-[^-]+$/.exec(instance)?.[1];
      phones.push({ kind, instance, host, port: service.port, ...(serial ? { serial } : {}) });
    }
    return phones;
  }
}
