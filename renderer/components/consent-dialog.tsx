// The explicit "yes, send it there" before anything goes to a cloud destination for the first
// time: what will be sent (which categories), where (name, address, account), how (encrypted with
// the passphrase), and that every request will show in Activity. A modal dialog: focus stays in
// it, Escape says no.
import { useEffect, useId, useRef } from 'react';
import type { DestinationView } from '../../preload/contract/api.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { categoryLabel } from './category-label.ts';
import './dialog.css';

export function ConsentDialog({ destination, categories, onAnswer }: {
  destination: DestinationView;
  /** The categories about to be sent for the first time; empty when only connecting (a test). */
  categories: string[];
  onAnswer(agreed: boolean): void;
}) {
  const { t } = useI18n();
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);
  const host = destination.host.includes(':') ? `[${destination.host}]` : destination.host;
  const testing = categories.length === 0;
  const names = categories.map((category) => categoryLabel(t, category)).join(', ');
  return (
    <dialog ref={dialog} className="dialog" aria-labelledby={`${id}-title`} aria-describedby={`${id}-text`}
      onCancel={(event) => { event.preventDefault(); onAnswer(false); }}>
      <h2 id={`${id}-title`}>{t(testing ? 'consent.test.title' : 'consent.title', { name: destination.name })}</h2>
      <div id={`${id}-text`} className="dialog-body">
        <p>{testing ? t('consent.connect', { name: destination.name }) : t('consent.what', { categories: names, name: destination.name })}</p>
        <ul className="consent-facts">
          <li>{t(destination.kind === 's3' ? 'consent.where.s3' : 'consent.where.webdav', { url: destination.url, user: destination.user, bucket: destination.bucket ?? '' })}</li>
          <li>{t('consent.encrypted')}</li>
          <li>{t('consent.activity', { address: `${host}:${destination.port}` })}</li>
          <li>{t('consent.undo')}</li>
        </ul>
      </div>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={() => onAnswer(false)}>{t('consent.no')}</button>
        <button type="button" className="button primary" onClick={() => onAnswer(true)}>
          {t(testing ? 'consent.test.yes' : 'consent.yes', { name: destination.name })}
        </button>
      </div>
    </dialog>
  );
}
