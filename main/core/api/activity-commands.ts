// The Activity and Settings commands: thin checks in front of their sources, so a host without an
// activity log or a data folder answers "not here" instead of failing.
import type { CommandName, CommandOutput } from '../../../preload/contract/api.ts';
import type { ActivityExportFormat, ActivityFilter, ActivityQuery } from '../../../preload/contract/activity.ts';
import type { SettingsChange } from '../../../preload/contract/settings.ts';
import { ApiFailure } from './api-error.ts';
import type { ActivitySource, SettingsSource } from './ports.ts';

type ActivityCommand = Extract<CommandName, `activity.${string}`>;
type SettingsCommand = Extract<CommandName, `settings.${string}`>;

export function activityCommands(activity: ActivitySource | undefined): { [C in ActivityCommand]: (input: never) => Promise<CommandOutput<C>> } {
  const source = (): ActivitySource => {
    if (activity === undefined) throw new ApiFailure('unsupported', 'The activity log is not open here.');
    return activity;
  };
  return {
    'activity.list': async (query: ActivityQuery) => source().list(query),
    'activity.record': async ({ id }: { id: number }) => source().record(id),
    'activity.totals': async (filter: ActivityFilter) => source().totals(filter),
    'activity.verify': async () => source().verify(),
    'activity.export': ({ format, raw }: { format: ActivityExportFormat; raw?: boolean }) => source().export(format, raw === true),
  };
}

export function settingsCommands(settings: SettingsSource | undefined): { [C in SettingsCommand]: (input: never) => Promise<CommandOutput<C>> } {
  const source = (): SettingsSource => {
    if (settings === undefined) throw new ApiFailure('unsupported', 'Settings cannot be changed here: this window has no data folder.');
    return settings;
  };
  return {
    'settings.get': async () => source().get(),
    'settings.update': async (change: SettingsChange) => source().update(change),
  };
}
