// The snapshots of the backup folder, newest first; re-read when the folder changes or on demand.
import { useCallback, useEffect, useState } from 'react';
import type { ApiError, SnapshotSummary } from '../../preload/contract/api.ts';
import { useApi } from '../api/api-context.tsx';

export interface SnapshotsState {
  snapshots: SnapshotSummary[] | undefined;
  error: ApiError | undefined;
  reload(): void;
}

export function useSnapshots(folder: string): SnapshotsState {
  const { api, state } = useApi();
  const [snapshots, setSnapshots] = useState<SnapshotSummary[]>();
  const [error, setError] = useState<ApiError>();
  const [round, setRound] = useState(0);
  useEffect(() => api.on('backup.finished', () => setRound((n) => n + 1)), [api]);
  useEffect(() => {
    if (folder === '' || state !== 'open') return;
    let current = true;
    void api.invoke('history.snapshots', { folder }).then((result) => {
      if (!current) return;
      if (result.ok) {
        setSnapshots(result.value.snapshots);
        setError(undefined);
      } else {
        setSnapshots(undefined);
        setError(result.error);
      }
    });
    return () => {
      current = false;
    };
  }, [api, state, folder, round]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { snapshots, error, reload };
}
