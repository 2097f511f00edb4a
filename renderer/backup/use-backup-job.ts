// The backup running now and the last one's summary: read once when the screen opens (a backup
// may have started before), then kept current by `backup.progress` and `backup.finished`.
import { useCallback, useEffect, useState } from 'react';
import type { ApiError, BackupFinished, BackupProgress } from '../../preload/contract/api.ts';
import { useApi } from '../api/api-context.tsx';

export interface BackupJobState {
  progress: BackupProgress | null;
  finished: BackupFinished | null;
  error: ApiError | undefined;
  start(deviceId: string, folder: string, categories: string[], uploads?: Record<string, string>): Promise<void>;
  cancel(): void;
  cancelling: boolean;
  dismiss(): void;
}

export function useBackupJob(): BackupJobState {
  const { api, state } = useApi();
  const [progress, setProgress] = useState<BackupProgress | null>(null);
  const [finished, setFinished] = useState<BackupFinished | null>(null);
  const [error, setError] = useState<ApiError>();
  const [cancelling, setCancelling] = useState(false);

  useEffect(() => api.on('backup.progress', (next) => {
    setProgress(next);
    setFinished(null);
  }), [api]);
  useEffect(() => api.on('backup.finished', (done) => {
    setFinished(done);
    setProgress(null);
    setCancelling(false);
  }), [api]);
  useEffect(() => {
    if (state !== 'open') return;
    void api.invoke('backup.status', {}).then((result) => {
      if (!result.ok) return;
      setProgress(result.value.progress);
      setFinished(result.value.progress ? null : result.value.finished);
    });
  }, [api, state]);

  const start = useCallback(async (deviceId: string, folder: string, categories: string[], uploads: Record<string, string> = {}) => {
    setError(undefined);
    setFinished(null);
    const result = await api.invoke('backup.start', { deviceId, folder, categories, ...(Object.keys(uploads).length > 0 ? { uploads } : {}) });
    if (!result.ok) setError(result.error);
  }, [api]);

  const cancel = useCallback(() => {
    if (!progress) return;
    setCancelling(true);
    void api.invoke('backup.cancel', { job: progress.job });
  }, [api, progress]);

  return { progress, finished, error, start, cancel, cancelling, dismiss: () => setFinished(null) };
}
