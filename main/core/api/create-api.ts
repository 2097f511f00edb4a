// The one implementation of the typed contract. Hosts (Electron IPC, the web host, the CLI) hand
// it a command name and untrusted input; it validates, runs, checks what it returns, and answers
// with a Result value. It never throws across the boundary.
import { COMMAND_NAMES, isCommandName, type CommandName } from '../../../preload/contract/channels.ts';
import { commandSchemas, type CommandOutput } from '../../../preload/contract/commands.ts';
import type { DeviceList } from '../../../preload/contract/devices.ts';
import { failure, ok, type Result } from '../../../preload/contract/result.ts';
import type { EventMessage } from '../../../preload/contract/api.ts';
import { ApiFailure, toApiError } from './api-error.ts';
import { createDeviceCommands } from './device-commands.ts';
import { PhoneRegistry } from './phone-registry.ts';
import { activityCommands, settingsCommands } from './activity-commands.ts';
import type { ActivitySource, DemoPhoneLauncher, DeviceLayer, PhoneAccess, SettingsSource } from './ports.ts';
import { backupCommands } from './backup-commands.ts';
import type { PhoneOpener } from './backup-phone.ts';
import { historyCommands } from './history-commands.ts';
import { destinationCommands } from './destination-commands.ts';
import type { KeptSecrets } from './secret-keeping.ts';
import type { RunningGuard } from '../net/egress-guard.ts';
import { recordCommands } from './record-commands.ts';

export interface ApiDependencies {
  devices: DeviceLayer;
  demoPhone: DemoPhoneLauncher;
  /** The egress guard's door for phones the user connects; absent when no guard runs. */
  access?: PhoneAccess;
  /** The activity log; absent in hosts that have none open. */
  activity?: ActivitySource;
  /** The user's network settings; absent in hosts that have no data folder. */
  settings?: SettingsSource;
  /** Opens phones for scans, backups and restores; absent in hosts that cannot reach phones. */
  phones?: PhoneOpener;
  /** Cloud destinations: the data folder, where secrets are kept, the guard to tell of changes. */
  cloud?: { home: string; secrets: KeptSecrets; guard?: Pick<RunningGuard, 'setPolicy'> };
  /** The system's folder picker (the desktop window's); resolves undefined when closed. */
  chooseFolder?: (current: string) => Promise<string | undefined>;
}

export interface Api {
  /** Runs one command. `input` is untrusted: it is validated against the contract first. */
  invoke(command: string, input: unknown): Promise<Result<unknown>>;
  /** Receives every event; returns the function that stops. */
  subscribe(listener: (message: EventMessage) => void): () => void;
  close(): Promise<void>;
}

type Handlers = { [C in CommandName]: (input: never) => Promise<CommandOutput<C>> };

/** What the user was doing, for error messages of unexpected failures. */
const DOING: Record<CommandName, string> = {
  'devices.list': 'Listing phones',
  'devices.facts': 'Reading the phone’s details',
  'devices.connect': 'Connecting to the phone',
  'devices.disconnect': 'Disconnecting the phone',
  'demo-phone.start': 'Starting the simulated phone',
  'demo-phone.stop': 'Stopping the simulated phone',
  'activity.list': 'Reading the activity log',
  'activity.record': 'Reading an activity record',
  'activity.totals': 'Adding up the activity',
  'activity.verify': 'Checking the activity log',
  'activity.export': 'Exporting the activity log',
  'settings.get': 'Reading the settings',
  'settings.update': 'Saving the settings',
  'backup.defaults': 'Reading the backup settings',
  'backup.choose-folder': 'Choosing a folder',
  'backup.scan': 'Counting what the phone holds',
  'backup.start': 'Starting the backup',
  'backup.cancel': 'Cancelling the backup',
  'backup.status': 'Reading the backup’s progress',
  'history.snapshots': 'Listing the backups',
  'history.browse': 'Opening the snapshot',
  'history.thumbnail': 'Showing the photo',
  'history.restore': 'Restoring',
  'history.verify': 'Verifying the snapshot',
  'destinations.list': 'Listing the destinations',
  'destinations.add': 'Adding the destination',
  'destinations.remove': 'Removing the destination',
  'destinations.test': 'Testing the destination',
  'destinations.consent': 'Recording your consent',
  'destinations.set-secret': 'Keeping the password',
  'destinations.set-passphrase': 'Keeping the passphrase',
  'destinations.check-passphrase': 'Checking the passphrase',
  'history.contacts': 'Reading the contacts',
  'history.threads': 'Reading the messages',
  'history.thread': 'Reading the messages',
  'history.calls': 'Reading the call log',
};

export function createApi(dependencies: ApiDependencies): Api {
  const registry = new PhoneRegistry(dependencies.devices);
  const listeners = new Set<(message: EventMessage) => void>();
  const emit = (message: EventMessage) => {
    for (const listener of listeners) listener(message);
  };
  const isDirect = (deviceId: string) => registry.directConnection(deviceId) !== undefined;
  const cloud = dependencies.cloud;
  const { close: closeBackups, ...backups } = backupCommands({
    ...(dependencies.phones ? { phones: dependencies.phones } : {}), isDirect, emit,
    ...(dependencies.chooseFolder ? { chooseFolder: dependencies.chooseFolder } : {}),
    ...(cloud ? { cloud: { home: cloud.home, secrets: cloud.secrets } } : {}),
  });
  const handlers: Handlers = {
    ...createDeviceCommands({ registry, ...dependencies }),
    ...activityCommands(dependencies.activity),
    ...settingsCommands(dependencies.settings),
    ...backups,
    ...historyCommands({
      openPhone: (deviceId) => {
        if (!dependencies.phones) throw new ApiFailure('unsupported', 'This window cannot reach phones. Open Vitre’s desktop app or its local web host.');
        return dependencies.phones.open(deviceId, isDirect(deviceId));
      },
    }),
    ...recordCommands(),
    ...destinationCommands(cloud),
  };
  // The same list twice is not a change (re-checks of unsettled phones often find nothing new).
  let lastList = '';
  registry.onChange(() => {
    void registry.list().then(
      (list: DeviceList) => {
        const text = JSON.stringify(list);
        if (text === lastList) return;
        lastList = text;
        emit({ event: 'devices.changed', payload: list });
      },
      // list() reports source problems inside its value and does not reject; a rejection here
      // would be a bug in the registry, and there is no caller to hand it to.
      (error: unknown) => console.error('Vitre: could not refresh the device list', error),
    );
  });

  const stopWatchingActivity = dependencies.activity?.watch((entries) => emit({ event: 'activity.appended', payload: { entries } }));

  return {
    async invoke(command, input) {
      if (!isCommandName(command)) {
        return failure('invalid-input', `Unknown command "${String(command).slice(0, 80)}". Known: ${COMMAND_NAMES.join(', ')}.`);
      }
      const schema = commandSchemas[command];
      const parsed = schema.input.safeParse(input ?? {});
      if (!parsed.success) {
        const first = parsed.error.issues[0];
        return failure('invalid-input', first?.message ?? 'The request does not match the expected shape.');
      }
      try {
        const handler = handlers[command] as (input: unknown) => Promise<unknown>;
        const value = await handler(parsed.data);
        // The engine's own output is checked too: nothing unexpected leaves the process.
        const checked = schema.output.safeParse(value);
        if (!checked.success) return failure('internal', `${DOING[command]} produced an answer Vitre cannot show (a bug).`);
        return ok(checked.data);
      } catch (error) {
        return { ok: false, error: toApiError(error, DOING[command]) };
      }
    },

    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    async close() {
      stopWatchingActivity?.();
      await closeBackups();
      listeners.clear();
      await registry.close();
    },
  };
}
