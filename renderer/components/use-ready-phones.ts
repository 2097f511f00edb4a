// The phones ready for a backup or a restore, kept live by `devices.changed`, and the one the user
// picked (the first ready phone until they pick another).
import { useEffect, useState } from 'react';
import type { Device } from '../../preload/contract/api.ts';
import { useApi } from '../api/api-context.tsx';

export interface ReadyPhones {
  /** Undefined until the first answer. */
  phones: Device[] | undefined;
  chosen: Device | undefined;
  choose(deviceId: string): void;
}

export function useReadyPhones(): ReadyPhones {
  const { api, state } = useApi();
  const [phones, setPhones] = useState<Device[]>();
  const [chosenId, setChosenId] = useState<string>();
  useEffect(() => api.on('devices.changed', (list) => setPhones(list.devices.filter((d) => d.state === 'ready'))), [api]);
  useEffect(() => {
    if (state !== 'open') return;
    void api.invoke('devices.list', {}).then((result) => {
      if (result.ok) setPhones(result.value.devices.filter((d) => d.state === 'ready'));
      else setPhones([]);
    });
  }, [api, state]);
  const chosen = phones?.find((phone) => phone.id === chosenId) ?? phones?.[0];
  return { phones, chosen, choose: setChosenId };
}
