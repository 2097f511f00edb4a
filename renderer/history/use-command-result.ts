// The answer to one API command, asked again when the command's input changes: a snapshot's
// folder, a page of its records. The previous answer stays shown until the next one arrives, so
// typing a search or opening a folder does not flash an empty screen.
import { useEffect, useState } from 'react';
import type { ApiError, CommandInput, CommandName, CommandOutput } from '../../preload/contract/api.ts';
import { useApi } from '../api/api-context.tsx';

export function useCommandResult<C extends CommandName>(command: C, input: CommandInput<C>, { enabled = true }: { enabled?: boolean } = {}): {
  data: CommandOutput<C> | undefined;
  error: ApiError | undefined;
  loading: boolean;
} {
  const { api } = useApi();
  const [data, setData] = useState<CommandOutput<C>>();
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(enabled);
  // Compared by value: callers build the input afresh on every render.
  const key = JSON.stringify(input);
  useEffect(() => {
    if (!enabled) return;
    let current = true;
    setLoading(true);
    void api.invoke(command, JSON.parse(key) as CommandInput<C>).then((result) => {
      if (!current) return;
      setLoading(false);
      if (result.ok) {
        setData(result.value);
        setError(undefined);
      } else setError(result.error);
    });
    return () => {
      current = false;
    };
  }, [api, command, key, enabled]);
  return { data, error, loading };
}
