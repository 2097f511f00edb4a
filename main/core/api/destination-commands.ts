// The Destinations screen's commands: add a WebDAV or S3 destination (off until the user agrees),
// test it with the engine's probe, record consent per category, keep its secret and passphrase
// in the host's secret store, check that passphrase by decrypting what is there, and remove it.
// Every change to the policy is applied to the running guard at once.
import type { CommandName, CommandOutput } from '../../../preload/contract/api.ts';
import type { DestinationAddInput } from '../../../preload/contract/destinations.ts';
import {
  addDestination, allowsBackups, findDestination, giveConsent, hasRepository, loadDestinations, openCloudDestination, openRepository, probeDestination,
  readRemoteCatalog, removeDestination, type CloudDestination,
} from '../cloud/index.ts';
import type { DestinationConfig } from '../destinations/open-destination.ts';
import { withActivityContext } from '../net/activity-context.ts';
import type { RunningGuard } from '../net/egress-guard.ts';
import { loadPolicySettings } from '../net/policy-store.ts';
import { ApiFailure } from './api-error.ts';
import { cloudFailure } from './cloud-failure.ts';
import { addConsentedCategories, forgetConsentedCategories } from './consented-categories.ts';
import { destinationView, isCloud, type CloudStoredDestination } from './destination-view.ts';
import { credentialKey, forgetSecrets, passphraseKey, type KeptSecrets } from './secret-keeping.ts';

type DestinationCommand = Extract<CommandName, `destinations.${string}`>;

export interface DestinationCommandsOptions {
  /** The data folder: destinations.json, policy.json. */
  home: string;
  secrets: KeptSecrets;
  /** The running egress guard, told at once when the user enables or removes a destination. */
  guard?: Pick<RunningGuard, 'setPolicy'>;
}

type DestinationHandlers = { [C in DestinationCommand]: (input: never) => Promise<CommandOutput<C>> };

export function destinationCommands(options: DestinationCommandsOptions | undefined): DestinationHandlers {
  if (options === undefined) {
    const unsupported = async (): Promise<never> => {
      throw new ApiFailure('unsupported', 'Cloud destinations cannot be set up in this window: it has no data folder.');
    };
    return {
      'destinations.list': unsupported, 'destinations.add': unsupported, 'destinations.remove': unsupported, 'destinations.test': unsupported,
      'destinations.consent': unsupported, 'destinations.set-secret': unsupported, 'destinations.set-passphrase': unsupported,
      'destinations.check-passphrase': unsupported,
    };
  }
  const { home, secrets } = options;
  const applyPolicy = () => options.guard?.setPolicy(loadPolicySettings(home));
  const find = (name: string): CloudStoredDestination => {
    let found;
    try {
      found = findDestination(home, name);
    } catch (error) {
      throw cloudFailure(error, 'Finding the destination');
    }
    if (!isCloud(found)) throw new ApiFailure('not-found', `“${name}” is a folder destination; manage it with the vitre command.`);
    return found;
  };
  const view = (name: string) => destinationView(home, secrets, find(name));
  /** Runs engine work, turning its typed errors into the contract's. */
  const engine = async <T>(doing: string, work: () => Promise<T> | T): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw cloudFailure(error, doing);
    }
  };

  return {
    'destinations.list': async () => ({
      destinations: await Promise.all(loadDestinations(home).filter(isCloud).map((destination) => destinationView(home, secrets, destination))),
      secretsKept: secrets.where,
    }),

    'destinations.add': async (input: DestinationAddInput) => {
      const stored = await engine('Adding the destination', () => addDestination(home, configOf(input)));
      await secrets.store.set(credentialKey(stored.name), input.secret);
      applyPolicy();
      return view(stored.name);
    },

    'destinations.remove': async ({ name }: { name: string }) => {
      find(name);
      await engine('Removing the destination', () => removeDestination(home, name));
      forgetConsentedCategories(home, name);
      await forgetSecrets(secrets, name);
      applyPolicy();
      return null;
    },

    'destinations.test': async ({ name }: { name: string }) => {
      const steps = await withOpened(find(name), secrets, (destination) => probeDestination(destination));
      return { name, ok: steps.every((step) => step.ok), steps };
    },

    'destinations.consent': async ({ name, categories }: { name: string; categories: string[] }) => {
      const destination = find(name);
      // Agreeing to a test is not agreeing to backups: the record says which, and uploads need the latter.
      const scope = categories.length > 0 ? 'backup' : 'connect';
      if (destination.consent === undefined || (scope === 'backup' && !allowsBackups(destination))) {
        await engine('Recording your consent', () => giveConsent(home, name, { scope }));
      }
      if (categories.length > 0) addConsentedCategories(home, name, categories);
      applyPolicy();
      return view(name);
    },

    'destinations.set-secret': async ({ name, secret }: { name: string; secret: string }) => {
      find(name);
      await secrets.store.set(credentialKey(name), secret);
      return view(name);
    },

    'destinations.set-passphrase': async ({ name, passphrase, confirmation }: { name: string; passphrase: string; confirmation: string }) => {
      find(name);
      if (passphrase !== confirmation) throw new ApiFailure('invalid-input', 'The two passphrases differ; nothing was saved. Type the same passphrase twice.');
      await secrets.store.set(passphraseKey(name), passphrase);
      return view(name);
    },

    'destinations.check-passphrase': async ({ name }: { name: string }) => {
      const passphrase = await secrets.store.get(passphraseKey(name));
      if (passphrase === undefined) throw new ApiFailure('refused', `No passphrase is kept for “${name}”. Set it first.`);
      return withOpened(find(name), secrets, (destination) =>
        withActivityContext({ job: 'check passphrase', destination: name }, async () => {
          if (!(await hasRepository(destination.storage))) return { name, hasBackup: false, snapshots: 0 };
          const repository = await openRepository(destination.storage, passphrase);
          return { name, hasBackup: true, snapshots: (await readRemoteCatalog(repository)).length };
        }));
    },
  };
}

/**
 * Opens a destination the user consented to, with its kept secret, for one piece of work.
 * `stateFolder` (the data folder) keeps what an interrupted upload needs to resume.
 */
export async function withOpened<T>(settings: CloudStoredDestination, secrets: KeptSecrets, work: (destination: CloudDestination) => Promise<T>, stateFolder?: string): Promise<T> {
  const secret = await secrets.store.get(credentialKey(settings.name));
  if (secret === undefined) {
    const what = settings.kind === 's3' ? 'secret access key' : 'password';
    throw new ApiFailure('refused', `The ${what} for “${settings.name}” is not kept any more (Vitre was restarted). Type it again on the Destinations screen.`);
  }
  let destination: CloudDestination;
  try {
    destination = openCloudDestination(settings, secret, stateFolder === undefined ? {} : { stateFolder });
  } catch (error) {
    throw cloudFailure(error, 'Opening the destination');
  }
  try {
    return await work(destination);
  } catch (error) {
    throw cloudFailure(error, `Using “${settings.name}”`);
  } finally {
    await destination.close();
  }
}

function configOf(input: DestinationAddInput): DestinationConfig {
  if (input.kind === 'webdav') return { kind: 'webdav', name: input.name, url: input.url, username: input.username };
  return {
    kind: 's3', name: input.name, endpoint: input.endpoint, region: input.region, bucket: input.bucket, accessKeyId: input.accessKeyId,
    pathStyle: input.pathStyle, ...(input.prefix ? { prefix: input.prefix } : {}),
  };
}
