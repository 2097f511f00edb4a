// The frame of every screen: its heading (which takes focus when the screen opens, so keyboard
// and screen-reader users land at the top) and a short line saying what the screen is for.
import { useEffect, useRef, type ReactNode } from 'react';

export function Page({ title, subtitle, children }: { title: string; subtitle: string; children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  return (
    <div className="page">
      <header className="page-header">
        <h1 ref={heading} tabIndex={-1}>{title}</h1>
        <p>{subtitle}</p>
      </header>
      {children}
    </div>
  );
}
