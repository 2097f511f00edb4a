// What each category holds on the chosen phone, scanned when the phone changes.
import { useCallback, useEffect, useState } from 'react';
import type { ApiError, CategoryScan } from '../../preload/contract/api.ts';
import { useApi } from '../api/api-context.tsx';

export interface CategoryScanState {
  categories: CategoryScan[] | undefined;
  scanning: boolean;
  error: ApiError | undefined;
  rescan(): void;
}

export function useCategoryScan(deviceId: string | undefined): CategoryScanState {
  const { api } = useApi();
  const [categories, setCategories] = useState<CategoryScan[]>();
  const [scanning, setScanning] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [round, setRound] = useState(0);

  useEffect(() => {
    if (deviceId === undefined) return;
    let current = true;
    setScanning(true);
    setError(undefined);
    void api.invoke('backup.scan', { deviceId }).then((result) => {
      if (!current) return;
      setScanning(false);
      if (result.ok) setCategories(result.value.categories);
      else setError(result.error);
    });
    return () => {
      current = false;
    };
  }, [api, deviceId, round]);

  const rescan = useCallback(() => setRound((n) => n + 1), []);
  return { categories, scanning, error, rescan };
}
