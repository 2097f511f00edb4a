// Windowing for long lists of fixed-height rows: only the rows in view (plus a few either side)
// are in the DOM, so 100,000 records scroll as smoothly as 100. The scroll container reports its
// position; the hook answers which rows to draw.
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';

export interface RowWindow {
  /** First and last row index (inclusive) to draw; last < first when there are none. */
  first: number;
  last: number;
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

  const reveal = useCallback((index: number) => {
    const element = containerRef.current;
    if (element === null) return;
    const top = offsetTop + index * rowHeight;
    if (top - offsetTop < element.scrollTop) element.scrollTop = top - offsetTop;
    else if (top + rowHeight > element.scrollTop + element.clientHeight) element.scrollTop = top + rowHeight - element.clientHeight;
  }, [offsetTop, rowHeight]);

  const first = Math.max(0, Math.floor((view.top - offsetTop) / rowHeight) - overscan);
  const last = Math.min(count - 1, Math.ceil((view.top + view.height - offsetTop) / rowHeight) + overscan);
  return { first, last, containerRef, onScroll, reveal };
}
