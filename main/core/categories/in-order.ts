// Several phone commands at once, their results used in order. Each `content`, `pm` or `dumpsys`
// command starts a process on the phone; a phone has cores to run a few side by side, while the
// file being written wants its records one after another.

/**
 * Loads `items` up to `ahead` at a time and hands each result to `use` in their order. A failed
 * load stops the rest (loads already running end on their own, their results unused).
 */
export async function inOrder<T, R>(items: readonly T[], ahead: number, load: (item: T) => Promise<R>, use: (result: R) => Promise<void>): Promise<void> {
  const running: Promise<R>[] = [];
  let next = 0;
  const fill = () => {
    while (next < items.length && running.length < ahead) {
      const loading = load(items[next++] as T);
      loading.catch(() => undefined); // awaited below in turn; a later one failing first must not go unhandled
      running.push(loading);
    }
  };
  fill();
  while (running.length > 0) {
    const result = await (running.shift() as Promise<R>);
    fill();
    await use(result);
  }
}
