// A problem the user can fix, with what to do about it.
import type { ReactNode } from 'react';
import { WarningIcon } from './icons.tsx';

export function Notice({ title, children, tone = 'warning', alert = false }: {
  title: string;
  children?: ReactNode;
  tone?: 'warning' | 'danger';
  alert?: boolean;
}) {
  return (
    <div className="notice" data-tone={tone} role={alert ? 'alert' : undefined}>
      <span className="notice-icon"><WarningIcon /></span>
      <div>
        <strong>{title}</strong>
        {children}
      </div>
    </div>
  );
}
