// The user's network settings from the engine, and changes to them (saved at once, applied to
// the running guard without a restart).
import { useCallback, useEffect, useState } from 'react';
import type { ApiError, Settings, SettingsChange } from '../../preload/contract/api.ts';
import { useApi } from '../api/api-context.tsx';

export function useSettings() {
  const { api, state } = useApi();
  const [settings, setSettings] = useState<Settings>();
  const [error, setError] = useState<ApiError>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (state !== 'open') return undefined;
    let current = true;
    void api.invoke('settings.get', {}).then((result) => {
      if (!current) return;
      if (result.ok) setSettings(result.value);
      else setError(result.error);
    });
    return () => {
      current = false;
    };
  }, [api, state]);

  const change = useCallback(async (next: SettingsChange): Promise<boolean> => {
    setSaving(true);
    const result = await api.invoke('settings.update', next);
    setSaving(false);
    if (!result.ok) {
      setError(result.error);
      return false;
    }
    setError(undefined);
    setSettings(result.value);
    return true;
  }, [api]);

  return { settings, error, saving, change };
}
