// The frame of every screen: its heading (which takes focus when the screen opens, so keyboard
// and screen-reader users land at the top) and a short line saying what the screen is for.
import { createContext, useContext, useEffect, useRef, type ReactNode } from 'react';

/**
 * True once the user has changed screens. The first screen after launch keeps the document's
 * natural focus order (skip link first); only a change of screen moves focus to the new heading.
 */
export const FocusHeading = createContext(false);

export function Page({ title, subtitle, children }: { title: string; subtitle: string; children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const focus = useContext(FocusHeading);
  useEffect(() => {
    if (focus) heading.current?.focus();
  }, [focus]);
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
