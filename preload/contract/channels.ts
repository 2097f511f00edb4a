// The names that may cross the boundary, and nothing else. Kept free of the schema library so the
// preload bridge (bundled into a sandboxed script) can check channels without carrying schemas.

export const COMMAND_NAMES = [
  'devices.list',
  'devices.facts',
  'devices.connect',
  'devices.disconnect',
  'demo-phone.start',
  'demo-phone.stop',
  'activity.list',
  'activity.record',
  'activity.totals',
  'activity.verify',
  'activity.export',
  'settings.get',
  'settings.update',
  'backup.defaults',
  'backup.choose-folder',
  'backup.scan',
  'backup.start',
  'backup.cancel',
  'backup.status',
  'history.snapshots',
  'history.browse',
  'history.thumbnail',
  'history.restore',
  'history.verify',
  'history.contacts',
  'history.threads',
  'history.thread',
  'history.calls',
  'destinations.list',
  'destinations.add',
  'destinations.remove',
  'destinations.test',
  'destinations.consent',
  'destinations.set-secret',
  'destinations.set-passphrase',
  'destinations.check-passphrase',
] as const;

export const EVENT_NAMES = ['devices.changed', 'activity.appended', 'backup.progress', 'backup.finished'] as const;

export type CommandName = (typeof COMMAND_NAMES)[number];
export type EventName = (typeof EVENT_NAMES)[number];

/** Electron IPC channel of a command (`ipcRenderer.invoke`) and of the event stream. */
export const IPC_PREFIX = 'vitre:';
export const commandChannel = (name: CommandName): string => `${IPC_PREFIX}command:${name}`;
export const EVENT_CHANNEL = `${IPC_PREFIX}event`;

export function isCommandName(value: unknown): value is CommandName {
  return typeof value === 'string' && (COMMAND_NAMES as readonly string[]).includes(value);
}

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && (EVENT_NAMES as readonly string[]).includes(value);
}
