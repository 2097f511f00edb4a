// The backup folder as a text field the user can edit, applied on Enter or when leaving the field.
import { useEffect, useId, useState, type FormEvent } from 'react';
import './backup-pieces.css';
import { useI18n } from '../i18n/i18n.tsx';

export function FolderField({ folder, onChange, disabled = false }: { folder: string; onChange(folder: string): void; disabled?: boolean }) {
  const { t } = useI18n();
  const id = useId();
  const [text, setText] = useState(folder);
  useEffect(() => setText(folder), [folder]);
  const apply = (event?: FormEvent) => {
    event?.preventDefault();
    const trimmed = text.trim();
    if (trimmed !== '' && trimmed !== folder) onChange(trimmed);
  };
  return (
    <form className="field folder-field" onSubmit={apply}>
      <label htmlFor={`${id}-folder`}>{t('backup.folder')}</label>
      <div className="folder-row">
        <input id={`${id}-folder`} className="input" type="text" value={text} spellCheck={false} disabled={disabled}
          aria-describedby={`${id}-hint`} onChange={(event) => setText(event.target.value)} onBlur={() => apply()} />
        <button type="submit" className="button" disabled={disabled || text.trim() === '' || text.trim() === folder}>{t('backup.folder.use')}</button>
      </div>
      <span className="hint" id={`${id}-hint`}>{t('backup.folder.hint')}</span>
    </form>
  );
}
