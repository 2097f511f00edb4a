// Windowing for long lists of fixed-height rows: only the rows in view (plus a few either side)
// are in the DOM, so 100,000 records scroll as smoothly as 100. The scroll container reports its
// position; the hook answers which rows to draw, and where.
// Browsers cap an element's height (Chromium near 33.5 million pixels: 838,000 rows of 40 px), so
// past MAX_DRAWN_HEIGHT the rows' space is drawn shorter and the scroll position is scaled: the
// scrollbar spans every row, and each wheel step moves a few rows more.
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';

/** The tallest the rows' space is drawn; below every browser's cap (Firefox's is ~17.9 million). */
export const MAX_DRAWN_HEIGHT = 10_000_000;

export interface RowWindow {
  /** First and last row index (inclusive) to draw; last < first when there are none. */
  first: number;
  last: number;
  /** Height to give the element that holds the rows. */
  drawnHeight: number;
  /** Where row `index` goes inside that element (its translateY). */
  rowTop(index: number): number;
  containerRef: RefObject<HTMLDivElement | null>;
  onScroll(): void;
  /** Scrolls so the row is in view (keyboard navigation). */
  reveal(index: number): void;
}

export function useRowWindow({ count, rowHeight, offsetTop = 0, overscan = 10 }: {
  count: number;
  rowHeight: number;
  /** Height of anything above the rows inside the container (a sticky header). */
  offsetTop?: number;
  overscan?: number;
}): RowWindow {
  const containerRef = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 600 });
  const frame = useRef(0);

  const measure = useCallback(() => {
    const element = containerRef.current;
    if (element === null) return;
    setView((previous) =>
      previous.top === element.scrollTop && previous.height === element.clientHeight ? previous : { top: element.scrollTop, height: element.clientHeight },
    );
  }, []);

  // One update per frame, however many scroll events the wheel sends.
  const onScroll = useCallback(() => {
    if (frame.current !== 0) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      measure();
    });
  }, [measure]);

  useEffect(() => {
    measure();
    const element = containerRef.current;
    if (element === null) return undefined;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame.current);
      frame.current = 0;
    };
  }, [measure]);

  const scale = scrollScale(count * rowHeight, offsetTop, view.height);

  const reveal = useCallback((index: number) => {
    const element = containerRef.current;
    if (element === null) return;
    const { factor } = scrollScale(count * rowHeight, offsetTop, element.clientHeight);
    // In the rows' full space: the position to scroll to, if the row is not in view already.
    const top = index * rowHeight;
    const viewTop = element.scrollTop * factor;
    let wanted: number | undefined;
    if (top < viewTop) wanted = top;
    else if (offsetTop + top + rowHeight > viewTop + element.clientHeight) wanted = offsetTop + top + rowHeight - element.clientHeight;
    if (wanted !== undefined) element.scrollTop = wanted / factor;
  }, [count, offsetTop, rowHeight]);

  const top = view.top * scale.factor;
  const first = Math.max(0, Math.floor((top - offsetTop) / rowHeight) - overscan);
  const last = Math.min(count - 1, Math.ceil((top + view.height - offsetTop) / rowHeight) + overscan);
  // The rows in view sit where the (shorter) drawn space is scrolled to.
  const shift = top - view.top;
  const rowTop = useCallback((index: number) => index * rowHeight - shift, [rowHeight, shift]);
  return { first, last, drawnHeight: scale.drawnHeight, rowTop, containerRef, onScroll, reveal };
}

/**
 * How the drawn space maps to the rows' full space: scroll positions times `factor` (1 while the
 * rows fit under MAX_DRAWN_HEIGHT; the last position of one is the last of the other).
 */
export function scrollScale(fullHeight: number, offsetTop: number, viewHeight: number): { drawnHeight: number; factor: number } {
  if (fullHeight <= MAX_DRAWN_HEIGHT) return { drawnHeight: fullHeight, factor: 1 };
  const fullRange = fullHeight + offsetTop - viewHeight;
  const drawnRange = MAX_DRAWN_HEIGHT + offsetTop - viewHeight;
  return { drawnHeight: MAX_DRAWN_HEIGHT, factor: drawnRange > 0 ? fullRange / drawnRange : 1 };
}
