// One page of a snapshot's records (contacts, threads, one thread, calls), re-read when what is
// asked changes; the previous page stays shown until the next one arrives, so typing a search
// does not flash an empty list.
import { useEffect, useState } from 'react';
import type { ApiError, CommandInput, CommandOutput } from '../../preload/contract/api.ts';
import { useApi } from '../api/api-context.tsx';

type RecordCommand = 'history.contacts' | 'history.threads' | 'history.thread' | 'history.calls';

export function useRecords<C extends RecordCommand>(command: C, input: CommandInput<C>): { data: CommandOutput<C> | undefined; error: ApiError | undefined; loading: boolean } {
  const { api } = useApi();
  const [data, setData] = useState<CommandOutput<C>>();
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(true);
  const key = JSON.stringify(input);
  useEffect(() => {
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
  }, [api, command, key]);
  return { data, error, loading };
}
