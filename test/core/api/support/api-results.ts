// Reading the API's answers in tests: the value of a command that must succeed, and the end of
// a backup job from the events the API sent.
import type { BackupFinished, EventMessage } from '../../../../preload/contract/api.ts';

/** The command's value; fails the test with the API's error when it did not succeed. */
export function value<T>(result: { ok: boolean; value?: unknown; error?: unknown }): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value as T;
}

/** Waits for the job's `backup.finished` event among those collected in `events`. */
export async function finished(events: readonly EventMessage[], job: string, timeoutMs = 50_000): Promise<BackupFinished> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = events.find((m) => m.event === 'backup.finished' && (m.payload as BackupFinished).job === job);
    if (found) return found.payload as BackupFinished;
    if (Date.now() > deadline) throw new Error('the backup did not finish in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
