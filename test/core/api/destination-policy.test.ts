// Agreeing to a destination opens the egress guard to it at once, and removing it closes it again,
// without dropping the simulated phone allowed for this run only (which policy.json never holds).
// Judged by the guard's own policy decision on what was applied.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { destinationCommands } from '../../../main/core/api/destination-commands.ts';
import { guardPhoneAccess } from '../../../main/core/api/guard-phone-access.ts';
import { sessionSecrets } from '../../../main/core/api/secret-keeping.ts';
import { decide, policyRules, type PolicySettings } from '../../../main/core/net/policy.ts';

let home: string;
let applied: PolicySettings[];
const verdict = (host: string, port: number) => decide(policyRules(applied.at(-1)!, {}), { protocol: 'tcp', host, port }).verdict;

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'vitre-destination-policy-'));
  applied = [];
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

describe('destinations and the running guard', () => {
  it('allows a destination only once the user agrees, keeps this run’s phone, and closes it on removal', async () => {
    const door = guardPhoneAccess({ home, setPolicy: (settings) => void applied.push(settings) });
    door.allow({ name: 'Vitre’s simulated phone', host: '127.0.0.1', port: 40_001 }, false);
    const commands = destinationCommands({ home, secrets: sessionSecrets(), guard: { setPolicy: door.apply } });
    const add = commands['destinations.add'] as (input: unknown) => Promise<unknown>;
    const consent = commands['destinations.consent'] as (input: unknown) => Promise<unknown>;
    const remove = commands['destinations.remove'] as (input: unknown) => Promise<unknown>;

    await add({ kind: 'webdav', name: 'Home NAS', url: 'http://192.168.1.30:8080/dav', username: 'me', secret: 'hunter2' });
    expect(verdict('192.168.1.30', 8080)).toBe('blocked');
    expect(verdict('127.0.0.1', 40_001)).toBe('allowed');

    await consent({ name: 'Home NAS', categories: ['photos'] });
    expect(verdict('192.168.1.30', 8080)).toBe('allowed');
    expect(verdict('127.0.0.1', 40_001)).toBe('allowed');

    await remove({ name: 'Home NAS' });
    expect(verdict('192.168.1.30', 8080)).toBe('blocked');
    expect(verdict('127.0.0.1', 40_001)).toBe('allowed');
  });
});
