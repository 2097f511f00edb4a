// The backup folder the user is working with, shared by the Backup and History screens and kept
// in this browser profile: the host's default until the user types another.
import { useCallback, useEffect, useState } from 'react';
import { useApi } from '../api/api-context.tsx';

const STORAGE_KEY = 'vitre.backupFolder';

export interface BackupFolder {
  /** Empty until the host has said its default. */
  folder: string;
  setFolder(folder: string): void;
  /** Whether this host can show a folder picker (the desktop window). */
  canChoose: boolean;
}

export function useBackupFolder(): BackupFolder {
  const { api, state } = useApi();
  const [folder, setFolderState] = useState(() => localStorage.getItem(STORAGE_KEY) ?? '');
  const [canChoose, setCanChoose] = useState(false);
  useEffect(() => {
    if (state !== 'open') return;
    void api.invoke('backup.defaults', {}).then((result) => {
      if (!result.ok) return;
      setCanChoose(result.value.canChooseFolder);
      setFolderState((current) => current || result.value.folder);
    });
  }, [api, state]);
  const setFolder = useCallback((next: string) => {
    localStorage.setItem(STORAGE_KEY, next);
    setFolderState(next);
  }, []);
  return { folder, setFolder, canChoose };
}
