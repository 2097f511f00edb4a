// Photo previews are fetched a few at a time: a folder of photos would otherwise send one request
// per tile at once, and the web host answers at most 32 requests in flight per page (the rest are
// refused as busy). Six keep the grid filling steadily and leave room for everything else.
const AT_ONCE = 6;

let running = 0;
const waiting: Array<() => void> = [];

/** Runs `work` when a slot is free; a caller that no longer needs it passes `stillWanted` false by then. */
export async function inPreviewQueue<T>(work: () => Promise<T>, stillWanted: () => boolean): Promise<T | undefined> {
  if (running >= AT_ONCE) await new Promise<void>((resolve) => waiting.push(resolve));
  running += 1;
  try {
    return stillWanted() ? await work() : undefined;
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
}
