// Vitre starts other programs (the adb server). Every launch is announced here first, so the
// activity log can show it next to network requests.

export interface ProcessLaunch {
  /** Absolute path of the program. */
  file: string;
  args: readonly string[];
  /** Why, in the user's words ("start the adb server"). */
  purpose: string;
}

type LaunchListener = (launch: ProcessLaunch) => void;

const listeners = new Set<LaunchListener>();

/** Subscribes to process launches; returns the unsubscribe function. */
export function onProcessLaunch(listener: LaunchListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function announceProcessLaunch(launch: ProcessLaunch): void {
  for (const listener of listeners) listener(launch);
}
