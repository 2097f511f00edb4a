// The records of one Activity view, fetched a page at a time for the rows on screen: the table
// never asks for more than it shows (plus overscan), whatever the size of the log. The first page
// pins the view to the records that existed then (`throughId`), so later pages line up; new records
// refresh the view when it is at the top, and are announced otherwise.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ActivityEntry, ActivityFilter, ApiError } from '../../preload/contract/api.ts';
import { useApi } from '../api/api-context.tsx';

export const PAGE_SIZE = 100;
/** Records often arrive in bursts (one per chunk of a transfer): refresh at most this often. */
const REFRESH_MS = 400;

interface Snapshot {
  throughId: number;
  total: number;
  blocked: number;
  pages: Map<number, ActivityEntry[]>;
}

export interface ActivityWindow {
  snapshot: Snapshot | undefined;
  error: ApiError | undefined;
  /** New records arrived while the user was looking further down. */
  newRecords: boolean;
  entryAt(index: number): ActivityEntry | undefined;
  /** Makes sure the rows first..last are loaded. */
  load(first: number, last: number): void;
  refresh(): void;
}

export function useActivityWindow(query: ActivityFilter, atTop: () => boolean): ActivityWindow {
  const { api, state } = useApi();
  const [snapshot, setSnapshot] = useState<Snapshot>();
  const [error, setError] = useState<ApiError>();
  const [newRecords, setNewRecords] = useState(false);
  const [generation, setGeneration] = useState(0);
  const pending = useRef(new Set<number>());
  const current = useRef(0);
  const key = JSON.stringify(query);

  // A new question (or a refresh): the first page decides what the view holds.
  useEffect(() => {
    if (state !== 'open') return;
    const ticket = ++current.current;
    pending.current = new Set();
    void api.invoke('activity.list', { ...(JSON.parse(key) as ActivityFilter), limit: PAGE_SIZE, offset: 0 }).then((result) => {
      if (ticket !== current.current) return;
      if (!result.ok) {
        setError(result.error);
        return;
      }
      const { entries, total, blocked, throughId = 0 } = result.value;
      setError(undefined);
      setNewRecords(false);
      setSnapshot({ throughId, total, blocked, pages: new Map([[0, entries]]) });
    });
  }, [api, state, key, generation]);

  const load = useCallback((first: number, last: number) => {
    if (snapshot === undefined || last < first) return;
    const ticket = current.current;
    for (let page = Math.floor(first / PAGE_SIZE); page <= Math.floor(last / PAGE_SIZE); page++) {
      if (snapshot.pages.has(page) || pending.current.has(page)) continue;
      pending.current.add(page);
      const input = { ...(JSON.parse(key) as ActivityFilter), limit: PAGE_SIZE, offset: page * PAGE_SIZE, throughId: snapshot.throughId };
      void api.invoke('activity.list', input).then((result) => {
        if (ticket !== current.current) return;
        pending.current.delete(page);
        if (!result.ok) {
          setError(result.error);
          return;
        }
        setSnapshot((previous) => {
          if (previous === undefined || previous.throughId !== snapshot.throughId) return previous;
          const pages = new Map(previous.pages);
          pages.set(page, result.value.entries);
          return { ...previous, pages };
        });
      });
    }
  }, [api, key, snapshot]);

  const refresh = useCallback(() => setGeneration((n) => n + 1), []);

  const atTopRef = useRef(atTop);
  atTopRef.current = atTop;
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = api.on('activity.appended', () => {
      if (!atTopRef.current()) {
        setNewRecords(true);
        return;
      }
      timer ??= setTimeout(() => {
        timer = undefined;
        setGeneration((n) => n + 1);
      }, REFRESH_MS);
    });
    return () => {
      stop();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [api]);

  const entryAt = useCallback((index: number) => snapshot?.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE], [snapshot]);

  return { snapshot, error, newRecords, entryAt, load, refresh };
}
