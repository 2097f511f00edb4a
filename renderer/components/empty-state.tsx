// What a screen shows when there is nothing to show yet: what will appear here, honestly.
import type { ReactNode } from 'react';

export function EmptyState({ icon, title, children, action }: {
  icon: ReactNode;
  title: string;
  children: ReactNode;
  action?: ReactNode;
}) {
  return (
    <section className="card empty-state" aria-labelledby="empty-title">
      <div className="empty-icon">{icon}</div>
      <h2 id="empty-title">{title}</h2>
      <p>{children}</p>
      {action}
    </section>
  );
}
