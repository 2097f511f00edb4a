// Builds a simulated phone from options: deterministic from the seed (same seed, same bytes)
// and lazy (a 100,000-file, 50,000-message phone is metadata only until something is read).
import type { PhoneOptions } from './options.ts';
import type { PhoneShell, ShellOutput, SimulatedPhone } from './phone.ts';
import { installedApps } from './content/apps.ts';
import { FileTree } from './content/file-tree.ts';
import { FillerBlock } from './content/filler.ts';
import { addHostileNames } from './content/hostile-names.ts';
import type { PhoneContent } from './content/phone-content.ts';
import { phoneProperties, profileFacts } from './content/properties.ts';
import { ContentProviders } from './content/providers/content-providers.ts';
import { buildSdcard } from './content/sdcard-tree.ts';
import { hash32 } from './content/seeded-random.ts';
import { runLine } from './content/shell/run-shell.ts';
import { buildSystemTree, shellMayWrite } from './content/system-tree.ts';

/** The phone's "now": 2026-01-01 UTC plus up to 180 days chosen by the seed (never the clock). */
export function phoneEpoch(seed: number): number {
  return Date.UTC(2026, 0, 1) / 1000 + (hash32(seed, 0xe90c) % 180) * 86400 + (hash32(seed, 0xe90d) % 86400);
}

export function createDemoPhone(options: PhoneOptions): SimulatedPhone {
  const epoch = phoneEpoch(options.seed);
  const filler = new FillerBlock(options.seed);
  const tree = new FileTree(shellMayWrite);
  const apps = installedApps(options.profile, options.seed, epoch);
  buildSystemTree(tree, apps, filler, epoch);
  buildSdcard(tree, filler, options, profileFacts(options.profile), epoch);
  if (options.faults.hostileNames) addHostileNames(tree, filler, epoch);
  tree.settleDirectoryTimes(tree.node('/storage/emulated/0'));
  const content: PhoneContent = {
    options,
    properties: phoneProperties(options.profile, options.seed),
    tree,
    apps,
    providers: new ContentProviders(options, epoch),
    epoch,
  };
  return { properties: content.properties, files: tree, shell: phoneShell(content) };
}

function phoneShell(content: PhoneContent): PhoneShell {
  return {
    async *run(command: string, signal: AbortSignal): AsyncIterable<ShellOutput> {
      const output = runLine({ phone: content, cwd: '/', signal }, command);
      let result = await output.next();
      while (!result.done) {
        yield result.value;
        result = await output.next();
      }
      yield { exit: result.value };
    },
  };
}
