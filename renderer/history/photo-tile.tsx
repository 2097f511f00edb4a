// One photo of a snapshot in the grid: its preview (fetched when the tile appears), its name, and
// a tick to include it in a restore.
import { useEffect, useState } from 'react';
import type { SnapshotFile } from '../../preload/contract/api.ts';
import { useApi } from '../api/api-context.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { inPreviewQueue } from './preview-queue.ts';

export function PhotoTile({ folder, file, checked, onToggle }: { folder: string; file: SnapshotFile; checked: boolean; onToggle(on: boolean): void }) {
  const { api } = useApi();
  const i18n = useI18n();
  const [source, setSource] = useState<string>();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let current = true;
    void inPreviewQueue(() => api.invoke('history.thumbnail', { folder, object: file.object }), () => current).then((result) => {
      if (!current || result === undefined) return;
      if (result.ok) setSource(result.value.dataUrl);
      else setFailed(true);
    });
    return () => {
      current = false;
    };
  }, [api, folder, file.object]);
  const id = `photo-${file.object.slice(-16)}-${file.name}`;
  return (
    <li className="photo-tile" data-checked={checked || undefined}>
      <label htmlFor={id} className="photo-frame">
        {source !== undefined ? <img src={source} alt={file.name} /> : <span className="photo-placeholder">{failed ? i18n.t('history.photo.no-preview') : ''}</span>}
      </label>
      <div className="photo-caption">
        <input id={id} type="checkbox" checked={checked} onChange={(event) => onToggle(event.target.checked)} />
        <span className="photo-name">{file.name}</span>
      </div>
      <span className="photo-meta">{i18n.formatBytes(file.size)}</span>
    </li>
  );
}
