// One folder of a snapshot, re-read when the snapshot or the folder changes.
import { useEffect, useState } from 'react';
import type { ApiError, HistoryBrowse } from '../../preload/contract/api.ts';
import { useApi } from '../api/api-context.tsx';

export function useSnapshotFolder(folder: string, snapshot: string, path: string): { listing: HistoryBrowse | undefined; error: ApiError | undefined } {
  const { api } = useApi();
  const [listing, setListing] = useState<HistoryBrowse>();
  const [error, setError] = useState<ApiError>();
  useEffect(() => {
    let current = true;
    void api.invoke('history.browse', { folder, snapshot, path }).then((result) => {
      if (!current) return;
      if (result.ok) {
        setListing(result.value);
        setError(undefined);
      } else setError(result.error);
    });
    return () => {
      current = false;
    };
  }, [api, folder, snapshot, path]);
  return { listing, error };
}
