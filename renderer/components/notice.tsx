// A problem the user can fix, with what to do about it.
import { useEffect, useRef, type ReactNode } from 'react';
import { WarningIcon } from './icons.tsx';

export function Notice({ title, children, tone = 'warning', alert = false }: {
  title: string;
  children?: ReactNode;
  tone?: 'warning' | 'danger';
  alert?: boolean;
}) {
  const box = useRef<HTMLDivElement>(null);
  // An alert answers something the user just did, often far down the page (the Back up button
  // under the categories): it is brought into view, or it would be read out but not seen.
  useEffect(() => {
    if (alert) box.current?.scrollIntoView?.({ block: 'nearest' });
  }, [alert]);
  return (
    <div ref={box} className="notice" data-tone={tone} role={alert ? 'alert' : undefined}>
      <span className="notice-icon"><WarningIcon /></span>
      <div>
        <strong>{title}</strong>
        {children}
      </div>
    </div>
  );
}
