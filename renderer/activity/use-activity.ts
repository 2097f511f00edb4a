// The activity page for the current search, refreshed as new records arrive.
import { useEffect, useRef, useState } from 'react';
import type { ActivityPage, ActivityVerdict, ApiError } from '../../preload/contract/api.ts';
import { useApi } from '../api/api-context.tsx';

const PAGE = 200;
/** Records often arrive in bursts (one per chunk of a transfer): refresh at most this often. */
const REFRESH_MS = 400;

export function useActivity(text: string, verdict: ActivityVerdict | undefined) {
  const { api, state } = useApi();
  const [page, setPage] = useState<ActivityPage>();
  const [error, setError] = useState<ApiError>();
  const [appended, setAppended] = useState(0);
  // The first page loads at once; later refreshes wait a little to batch bursts of records.
  const loaded = useRef(false);

  useEffect(() => api.on('activity.appended', () => setAppended((n) => n + 1)), [api]);

  useEffect(() => {
    if (state !== 'open') return;
    let current = true;
    const timer = setTimeout(() => {
      const query = { limit: PAGE, ...(text.trim() ? { text: text.trim() } : {}), ...(verdict ? { verdict } : {}) };
      void api.invoke('activity.list', query).then((result) => {
        if (!current) return;
        if (result.ok) {
          loaded.current = true;
          setPage(result.value);
          setError(undefined);
        } else {
          setError(result.error);
        }
      });
    }, loaded.current ? REFRESH_MS : 0);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, state, text, verdict, appended]);

  return { page, error, pageSize: PAGE };
}
