// The cloud destinations the user added, shared by the Destinations and Backup screens: read when
// the link opens, and again whenever a screen changes one.
import { useCallback, useEffect, useState } from 'react';
import type { ApiError, DestinationList } from '../../preload/contract/api.ts';
import { useApi } from '../api/api-context.tsx';

export function useDestinations() {
  const { api, state } = useApi();
  const [list, setList] = useState<DestinationList>();
  const [error, setError] = useState<ApiError>();

  const refresh = useCallback(async () => {
    const result = await api.invoke('destinations.list', {});
    if (result.ok) {
      setList(result.value);
      setError(undefined);
    } else setError(result.error);
  }, [api]);

  useEffect(() => {
    if (state === 'open') void refresh();
  }, [state, refresh]);

  return { list, error, refresh };
}
