// The typed API as the renderer sees it. The Electron preload and the web host's client both
// implement this interface; the renderer never knows which one it talks to.
import type { CommandName, EventName } from './channels.ts';
import type { CommandInput, CommandOutput, EventPayload } from './commands.ts';
import type { Result } from './result.ts';

export type { CommandName, EventName } from './channels.ts';
export type { CommandInput, CommandOutput, EventPayload } from './commands.ts';
export type { ApiError, ApiErrorKind, Result } from './result.ts';
export type {
  ActivityEntry,
  ActivityExport,
  ActivityExportFormat,
  ActivityFilter,
  ActivityPage,
  ActivityQuery,
  ActivityRecordDetail,
  ActivityTotal,
  ActivityTotals,
  ActivityVerdict,
  ActivityVerification,
} from './activity.ts';
export type { PolicyRuleView, Settings, SettingsChange } from './settings.ts';
export type {
  BackupDefaults,
  BackupFinished,
  BackupProgress,
  BackupScan,
  BackupStatus,
  CategoryProgressView,
  CategoryScan,
  CategorySummary,
  ProgressFigures,
  UploadProgress,
  UploadSummary,
} from './backup.ts';
export type {
  DestinationAddInput,
  DestinationKind,
  DestinationList,
  DestinationTest,
  DestinationView,
  PassphraseCheck,
  ProbeStepView,
} from './destinations.ts';
export type {
  HistoryBrowse,
  HistoryRestore,
  HistorySnapshots,
  HistoryVerify,
  RestoreActionView,
  SnapshotFile,
  SnapshotFolder,
  SnapshotSummary,
} from './history.ts';
export type {
  HistoryCalls,
  HistoryContacts,
  HistoryThread,
  HistoryThreads,
  MessageThread,
  StoredCallView,
  StoredContactView,
  StoredMessageView,
} from './records.ts';
export type {
  Device,
  DeviceFacts,
  DeviceList,
  DeviceSourceProblem,
  DeviceState,
  DeviceTransport,
} from './devices.ts';

export interface VitreApi {
  invoke<C extends CommandName>(command: C, input: CommandInput<C>): Promise<Result<CommandOutput<C>>>;
  /** Calls `listener` for every event of that name; returns the function that stops listening. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** What crosses the wire for one event (WebSocket frame, IPC message). */
export interface EventMessage<E extends EventName = EventName> {
  event: E;
  payload: EventPayload<E>;
}
