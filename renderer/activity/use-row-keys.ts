// Keyboard use of the virtualized table: one row is the table's tab stop; arrow keys, Page Up/Down,
// Home and End move it (scrolling it into view and focusing it once drawn); Enter or Space opens it.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { RowWindow } from '../components/use-row-window.ts';

export function useRowKeys({ total, rows, rowHeight, onOpen }: {
  total: number;
  rows: RowWindow;
  rowHeight: number;
  onOpen(index: number): boolean;
}) {
  const [active, setActive] = useState(0);
  useEffect(() => setActive((index) => Math.min(index, Math.max(0, total - 1))), [total]);
  /** A row moved to but not drawn yet (End scrolls first; the row comes with a later render). */
  const toFocus = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (toFocus.current === undefined) return;
    const row = rows.containerRef.current?.querySelector<HTMLElement>(`[data-index="${toFocus.current}"]`);
    if (row) {
      toFocus.current = undefined;
      row.focus();
    }
  });

  const move = (index: number) => {
    const next = Math.max(0, Math.min(total - 1, index));
    setActive(next);
    rows.reveal(next);
    toFocus.current = next;
  };
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const page = Math.max(1, Math.floor((rows.containerRef.current?.clientHeight ?? 400) / rowHeight) - 1);
    const steps: Record<string, number> = { ArrowDown: active + 1, ArrowUp: active - 1, PageDown: active + page, PageUp: active - page, Home: 0, End: total - 1 };
    const target = steps[event.key];
    if (target !== undefined) {
      event.preventDefault();
      move(target);
    } else if ((event.key === 'Enter' || event.key === ' ') && onOpen(active)) {
      event.preventDefault();
    }
  };
  return { active, setActive, onKeyDown };
}
