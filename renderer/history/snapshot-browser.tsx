// A snapshot's folders and files: a breadcrumb, the subfolders, photos as a grid of previews and
// other files as a list, each with a tick for restoring.
import { useState } from 'react';
import type { HistoryBrowse, SnapshotFile } from '../../preload/contract/api.ts';
import { categoryLabel } from '../components/category-label.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { PhotoTile } from './photo-tile.tsx';
import { RECORD_CATEGORIES } from './records-view.tsx';

/** Previews shown at once; more on request, so a folder of 5,000 photos does not fetch them all. */
const PAGE = 120;

export function SnapshotBrowser({ folder, listing, onOpen, onOpenRecords, selected, onSelect }: {
  folder: string;
  listing: HistoryBrowse;
  onOpen(path: string): void;
  /** Shows a contacts, messages or calls file as an address book, conversations or a call log. */
  onOpenRecords(file: SnapshotFile): void;
  selected: ReadonlySet<string>;
  onSelect(path: string, on: boolean): void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const [shown, setShown] = useState(PAGE);
  const photos = listing.files.filter((file) => file.image);
  const others = listing.files.filter((file) => !file.image);
  return (
    <div className="snapshot-browser">
      <nav className="breadcrumb" aria-label={t('history.browse.trail')}>
        <ol>
          <li><button type="button" className="crumb" onClick={() => onOpen('')} aria-current={listing.path === '' ? 'location' : undefined}>{t('history.browse.top')}</button></li>
          {listing.trail.map((step, index) => (
            <li key={step.path}>
              <button type="button" className="crumb" onClick={() => onOpen(step.path)} aria-current={index === listing.trail.length - 1 ? 'location' : undefined}>{step.name}</button>
            </li>
          ))}
        </ol>
      </nav>
      {listing.folders.length > 0 && (
        <ul className="folder-list" aria-label={t('history.browse.folders')}>
          {listing.folders.map((entry) => (
            <li key={entry.path}>
              <button type="button" className="folder-button" onClick={() => onOpen(entry.path)}>
                <span className="folder-name">{entry.name}</span>
                <span className="folder-figures">{t('history.snapshot.figures', { n: i18n.formatNumber(entry.entries), bytes: i18n.formatBytes(entry.bytes) })}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {photos.length > 0 && (
        <>
          <ul className="photo-grid" aria-label={t('history.browse.photos')}>
            {photos.slice(0, shown).map((file) => (
              <PhotoTile key={file.path} folder={folder} file={file} checked={selected.has(file.path)} onToggle={(on) => onSelect(file.path, on)} />
            ))}
          </ul>
          {photos.length > shown && (
            <button type="button" className="button small show-more" onClick={() => setShown((n) => n + PAGE)}>
              {t('history.browse.more', { n: i18n.formatNumber(photos.length - shown) })}
            </button>
          )}
        </>
      )}
      {others.length > 0 && <FileTable files={others} selected={selected} onSelect={onSelect} onOpenRecords={onOpenRecords} />}
      {listing.folders.length === 0 && listing.files.length === 0 && <p className="hint">{t('history.browse.empty')}</p>}
    </div>
  );
}

function FileTable({ files, selected, onSelect, onOpenRecords }: { files: SnapshotFile[]; selected: ReadonlySet<string>; onSelect(path: string, on: boolean): void; onOpenRecords(file: SnapshotFile): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <table className="file-table">
      <caption className="visually-hidden">{t('history.browse.files')}</caption>
      <thead>
        <tr>
          <th scope="col"><span className="visually-hidden">{t('history.browse.select')}</span></th>
          <th scope="col">{t('history.browse.name')}</th>
          <th scope="col">{t('history.browse.category')}</th>
          <th scope="col">{t('history.browse.date')}</th>
          <th scope="col">{t('history.browse.size')}</th>
        </tr>
      </thead>
      <tbody>
        {files.map((file) => (
          <tr key={file.path}>
            <td><input type="checkbox" aria-label={file.name} checked={selected.has(file.path)} onChange={(event) => onSelect(file.path, event.target.checked)} /></td>
            <td className="file-name">
              <span className="file-name-line">
                {file.name}
                {RECORD_CATEGORIES.has(file.category) && (
                  <button type="button" className="button small" onClick={() => onOpenRecords(file)}>
                    {t(`history.records.show.${file.category as 'contacts' | 'messages' | 'calls'}`)}
                  </button>
                )}
              </span>
            </td>
            <td>{categoryLabel(t, file.category)}</td>
            <td>{i18n.formatDate(new Date(file.mtime))}</td>
            <td>{i18n.formatBytes(file.size)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
