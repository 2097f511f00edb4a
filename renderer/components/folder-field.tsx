// The backup folder as a text field the user can edit, applied on Enter or when leaving the field;
// in the desktop window also chosen with the system's folder picker.
import type { ApiError } from '../../preload/contract/api.ts';
import { useEffect, useId, useState, type FormEvent } from 'react';
import './backup-pieces.css';
import { useApi } from '../api/api-context.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { ErrorText } from './error-text.tsx';

export function FolderField({ folder, onChange, canChoose = false, disabled = false }: {
  folder: string;
  onChange(folder: string): void;
  /** Whether the host has a folder picker (see the backup.defaults command). */
  canChoose?: boolean;
  disabled?: boolean;
}) {
  const { t } = useI18n();
  const { api } = useApi();
  const id = useId();
  const [text, setText] = useState(folder);
  const [pickerError, setPickerError] = useState<ApiError>();
  const choose = async () => {
    setPickerError(undefined);
    const result = await api.invoke('backup.choose-folder', { current: text.trim() || folder });
    if (!result.ok) setPickerError(result.error);
    else if (result.value.folder) onChange(result.value.folder);
  };
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
        {canChoose && <button type="button" className="button" disabled={disabled} onClick={() => void choose()}>{t('backup.folder.choose')}</button>}
      </div>
      <span className="hint" id={`${id}-hint`}>{t('backup.folder.hint')}</span>
      {pickerError && <span className="error-text" role="alert"><ErrorText error={pickerError} inline /></span>}
    </form>
  );
}
