// Which module registers which top-level command, so that `vitre backup …` loads only the backup
// command's modules, not the web host's, the cloud's and every other command's: a small backup
// took 0.63–0.76 s, 0.34–0.38 s now, and `vitre backup --help` 0.40 s → 0.13–0.17 s. A command
// line that names no known command (`vitre`, `--help`, `help backup`) loads them all, in the
// order a newcomer meets them, which is the order of --help.
import type { Command } from 'commander';

type Register = (program: Command) => void;

export const COMMAND_MODULES: readonly { names: readonly string[]; load: () => Promise<Register> }[] = [
  { names: ['start'], load: async () => (await import('./commands/serve.ts')).registerStart },
  { names: ['devices', 'connect', 'pair', 'info'], load: async () => (await import('./commands/devices.ts')).registerDevices },
  { names: ['scan'], load: async () => (await import('./commands/scan.ts')).registerScan },
  { names: ['backup'], load: async () => (await import('./commands/backup.ts')).registerBackup },
  { names: ['snapshots'], load: async () => (await import('./commands/snapshots.ts')).registerSnapshots },
  { names: ['verify'], load: async () => (await import('./commands/verify.ts')).registerVerify },
  { names: ['restore'], load: async () => (await import('./commands/restore.ts')).registerRestore },
  { names: ['destination'], load: async () => (await import('./commands/destination.ts')).registerDestination },
  { names: ['cloud'], load: async () => (await import('./commands/cloud.ts')).registerCloud },
  { names: ['activity', 'policy'], load: async () => (await import('./commands/activity.ts')).registerActivity },
  { names: ['serve'], load: async () => (await import('./commands/serve.ts')).registerServe },
  { names: ['demo-phone'], load: async () => (await import('./commands/demo-phone.ts')).registerDemoPhone },
];

/** Registers the command `name` names (with its siblings from the same module), or every command. */
export async function registerCommands(program: Command, name?: string): Promise<void> {
  const named = COMMAND_MODULES.filter((entry) => name !== undefined && entry.names.includes(name));
  for (const entry of named.length > 0 ? named : COMMAND_MODULES) (await entry.load())(program);
}
