// Every command: its input and its output, as schemas. Both hosts validate input against these
// before the engine sees it, and the engine's output is checked before it leaves.
import { z } from 'zod';
import type { CommandName, EventName } from './channels.ts';
import {
  activityAppendedSchema,
  activityExportInputSchema,
  activityExportSchema,
  activityFilterSchema,
  activityPageSchema,
  activityQuerySchema,
  activityRecordSchema,
  activityTotalsSchema,
  activityVerifySchema,
} from './activity.ts';
import { settingsChangeSchema, settingsSchema } from './settings.ts';
import {
  backupDefaultsSchema,
  chooseFolderInputSchema,
  chooseFolderSchema,
  backupFinishedSchema,
  backupJobSchema,
  backupProgressSchema,
  backupScanInputSchema,
  backupScanSchema,
  backupStartInputSchema,
  backupStatusSchema,
} from './backup.ts';
import {
  historyBrowseInputSchema,
  historyBrowseSchema,
  historyRestoreInputSchema,
  historyRestoreSchema,
  historySnapshotsInputSchema,
  historySnapshotsSchema,
  historyThumbnailInputSchema,
  historyThumbnailSchema,
  historyVerifyInputSchema,
  historyVerifySchema,
} from './history.ts';
import {
  historyCallsInputSchema,
  historyCallsSchema,
  historyContactsInputSchema,
  historyContactsSchema,
  historyThreadInputSchema,
  historyThreadSchema,
  historyThreadsInputSchema,
  historyThreadsSchema,
} from './records.ts';
import {
  destinationAddInputSchema,
  destinationConsentInputSchema,
  destinationListSchema,
  destinationNameInputSchema,
  destinationPassphraseInputSchema,
  destinationSecretInputSchema,
  destinationTestSchema,
  destinationViewSchema,
  passphraseCheckSchema,
} from './destinations.ts';
import { deviceFactsSchema, deviceListSchema, deviceSchema, phoneAddressSchema } from './devices.ts';

const nothing = z.strictObject({});

export const commandSchemas = {
  /** Phones over USB, the local network and the simulated phone, with their state. */
  'devices.list': { input: nothing, output: deviceListSchema },
  /** Model, Android version, storage and battery of one ready phone. */
  'devices.facts': { input: z.strictObject({ deviceId: z.string().min(1).max(300) }), output: deviceFactsSchema },
  /** Connect a phone on the local network by HOST:PORT (wireless debugging or `adb tcpip`). */
  'devices.connect': { input: z.strictObject({ address: phoneAddressSchema }), output: deviceSchema },
  /** Forget a network phone (USB phones leave when unplugged). */
  'devices.disconnect': { input: z.strictObject({ deviceId: z.string().min(1).max(300) }), output: z.null() },
  /** Start the built-in simulated phone and connect to it. */
  'demo-phone.start': { input: nothing, output: deviceSchema },
  'demo-phone.stop': { input: nothing, output: z.null() },
  /** The newest activity records matching a search, with totals. */
  'activity.list': { input: activityQuerySchema, output: activityPageSchema },
  /** Everything recorded about one attempt (timings, headers, the verdict's reason). */
  'activity.record': { input: z.strictObject({ id: z.number().int().min(0) }), output: activityRecordSchema.nullable() },
  /** Requests and bytes per host and per destination, and bytes over time, for a filter. */
  'activity.totals': { input: activityFilterSchema, output: activityTotalsSchema },
  /** Checks the log's hash chain and names the first record that breaks it. */
  'activity.verify': { input: nothing, output: activityVerifySchema },
  /** The whole log as HAR, CSV or JSONL; redacted unless `raw` (which the user confirmed). */
  'activity.export': { input: activityExportInputSchema, output: activityExportSchema },
  /** The network policy in effect and why, discovery, retention, the data folder. */
  'settings.get': { input: nothing, output: settingsSchema },
  'settings.update': { input: settingsChangeSchema, output: settingsSchema },
  /** The backup folder offered by default, and whether this host can show a folder picker. */
  'backup.defaults': { input: nothing, output: backupDefaultsSchema },
  /** The system's folder picker, in hosts that have one (the desktop window; see canChooseFolder). */
  'backup.choose-folder': { input: chooseFolderInputSchema, output: chooseFolderSchema },
  /** What each category holds on a phone (count, size), or why it cannot be backed up. */
  'backup.scan': { input: backupScanInputSchema, output: backupScanSchema },
  /** Starts backing up; progress arrives as `backup.progress`, the summary as `backup.finished`. */
  'backup.start': { input: backupStartInputSchema, output: backupJobSchema },
  'backup.cancel': { input: backupJobSchema.strict(), output: z.null() },
  /** The running backup's progress, or the last one's summary. */
  'backup.status': { input: nothing, output: backupStatusSchema },
  /** The snapshots in a backup folder, newest first, with their phone. */
  'history.snapshots': { input: historySnapshotsInputSchema, output: historySnapshotsSchema },
  /** One folder of a snapshot: its subfolders and files. */
  'history.browse': { input: historyBrowseInputSchema, output: historyBrowseSchema },
  /** A stored photo, small enough to preview, as a data: URL. */
  'history.thumbnail': { input: historyThumbnailInputSchema, output: historyThumbnailSchema },
  /** What a restore would do (dryRun), or does. */
  'history.restore': { input: historyRestoreInputSchema, output: historyRestoreSchema },
  /** Re-reads every stored copy of a snapshot and checks it against its hash. */
  'history.verify': { input: historyVerifyInputSchema, output: historyVerifySchema },
  /** The contacts of a snapshot's contacts.vcf, by name, searchable. */
  'history.contacts': { input: historyContactsInputSchema, output: historyContactsSchema },
  /** The conversations of a snapshot's sms.xml, newest first. */
  'history.threads': { input: historyThreadsInputSchema, output: historyThreadsSchema },
  /** One conversation's messages, oldest first. */
  'history.thread': { input: historyThreadInputSchema, output: historyThreadSchema },
  /** A snapshot's call log, newest first. */
  'history.calls': { input: historyCallsInputSchema, output: historyCallsSchema },
  /** The cloud destinations the user added, and where their secrets are kept. */
  'destinations.list': { input: nothing, output: destinationListSchema },
  /** Adds a WebDAV or S3 destination, off: nothing is sent there until the user agrees. */
  'destinations.add': { input: destinationAddInputSchema, output: destinationViewSchema },
  /** Forgets a destination and its secrets (the backups stored there stay). */
  'destinations.remove': { input: destinationNameInputSchema, output: z.null() },
  /** Reachability, credentials, and writing, reading and deleting a 1 KiB probe object. */
  'destinations.test': { input: destinationNameInputSchema, output: destinationTestSchema },
  /** Records the user's consent to send backups (of these categories) there. */
  'destinations.consent': { input: destinationConsentInputSchema, output: destinationViewSchema },
  /** The password or secret key typed again (the web host keeps it only while it runs). */
  'destinations.set-secret': { input: destinationSecretInputSchema, output: destinationViewSchema },
  /** The encryption passphrase, typed twice. */
  'destinations.set-passphrase': { input: destinationPassphraseInputSchema, output: destinationViewSchema },
  /** Opens the destination's key with the kept passphrase and reads its snapshot list (test-decrypt). */
  'destinations.check-passphrase': { input: destinationNameInputSchema, output: passphraseCheckSchema },
} satisfies Record<CommandName, { input: z.ZodType; output: z.ZodType }>;

export const eventSchemas = {
  /** The device list changed: a phone arrived, left, or changed state. */
  'devices.changed': deviceListSchema,
  /** New activity records, in the order they were made. */
  'activity.appended': activityAppendedSchema,
  /** A running backup's figures, per category and overall (at most a few times a second). */
  'backup.progress': backupProgressSchema,
  /** A backup ended: complete, cancelled or failed, with what moved and what could not. */
  'backup.finished': backupFinishedSchema,
} satisfies Record<EventName, z.ZodType>;

export type CommandInput<C extends CommandName> = z.input<(typeof commandSchemas)[C]['input']>;
export type CommandOutput<C extends CommandName> = z.infer<(typeof commandSchemas)[C]['output']>;
export type EventPayload<E extends EventName> = z.infer<(typeof eventSchemas)[E]>;
