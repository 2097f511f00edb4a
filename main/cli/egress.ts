// Imported first by program.ts, so the egress guard wraps every network entry point before any
// command's code is even loaded (DESIGN.md, principle 1: nothing leaves unseen). Every `vitre`
// run records its attempts in the data folder's activity log and obeys the user's policy.
import { startEgressGuardOrExit } from '../core/net/egress-guard.ts';
import type { PolicyRule } from '../core/net/policy.ts';

/**
 * Phones the user named on this command line: `tcp:HOST:PORT` targets (info, scan, backup,
 * restore --to, verify --against) and the address of `connect --direct`. Naming one is consent
 * to reach it for this run; it is not saved to the policy.
 */
export function phonesNamedOn(argv: readonly string[]): PolicyRule[] {
  const args = argv.slice(2);
  const addresses = args.filter((arg) => arg.startsWith('tcp:')).map((arg) => arg.slice('tcp:'.length));
  if (args[0] === 'connect' && args.includes('--direct')) {
    const address = args.slice(1).find((arg) => !arg.startsWith('-'));
    if (address !== undefined) addresses.push(address.includes(':') ? address : `${address}:5555`);
  }
  return addresses.flatMap((address) => {
    const match = /^\[?([^\]]+?)\]?:(\d+)$/.exec(address);
    if (!match) return [];
    const [, host, port] = match as unknown as [string, string, string];
    return [{ protocol: 'tcp' as const, host, port: Number(port), why: `phone ${address} named on the command line` }];
  });
}

const guard = startEgressGuardOrExit();
for (const rule of phonesNamedOn(process.argv)) guard.allowForSession(rule);
