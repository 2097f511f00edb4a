// Shared by the device commands: run an action, and turn a failure into one line on stderr saying
// what to do, with an exit code a script can rely on (exit-codes.ts).
import { DeviceError, type DeviceErrorKind } from '../../core/device/index.ts';
import { EXIT } from '../exit-codes.ts';

const EXIT_FOR: Record<DeviceErrorKind, number> = {
  unreachable: EXIT.unreachable,
  disconnected: EXIT.unreachable,
  'adb-missing': EXIT.unreachable,
  unauthorized: EXIT.refused,
  refused: EXIT.refused,
  timeout: EXIT.timeout,
  'invalid-input': EXIT.usage,
  'adb-too-old': EXIT.failure,
  protocol: EXIT.failure,
  'not-found': EXIT.failure,
  aborted: EXIT.failure,
};

export async function runDeviceCommand(action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (error) {
    if (!(error instanceof DeviceError)) throw error;
    process.stderr.write(`vitre: ${error.message.replaceAll('\n', ' ')}\n`);
    process.exitCode = EXIT_FOR[error.kind];
  }
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** 1 KB = 1000 bytes, as phones and file managers show storage. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}
