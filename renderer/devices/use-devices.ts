// The device list, kept live: fetched once, then replaced by every `devices.changed` event.
import { useCallback, useEffect, useState } from 'react';
import type { ApiError, DeviceList } from '../../preload/contract/api.ts';
import { useApi } from '../api/api-context.tsx';

export interface DevicesState {
  list: DeviceList | undefined;
  error: ApiError | undefined;
  refresh(): void;
}

export function useDevices(): DevicesState {
  const { api, state } = useApi();
  const [list, setList] = useState<DeviceList>();
  const [error, setError] = useState<ApiError>();

  const refresh = useCallback(() => {
    void api.invoke('devices.list', {}).then((result) => {
      if (result.ok) {
        setList(result.value);
        setError(undefined);
      } else {
        setError(result.error);
      }
    });
  }, [api]);

  useEffect(() => api.on('devices.changed', setList), [api]);
  // Refresh whenever the link (re)opens: events sent while it was down are lost.
  useEffect(() => {
    if (state === 'open') refresh();
  }, [state, refresh]);

  return { list, error, refresh };
}
