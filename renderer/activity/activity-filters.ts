// The Activity view's filters as the user sets them, and the query they mean for the API.
import type { ActivityFilter, ActivityVerdict } from '../../preload/contract/api.ts';

export type TimeRange = 'all' | 'hour' | 'day' | 'week';

export interface ActivityFilters {
  text: string;
  verdict: ActivityVerdict | '';
  host: string;
  method: string;
  status: string;
  job: string;
  destination: string;
  range: TimeRange;
}

export const NO_FILTERS: ActivityFilters = { text: '', verdict: '', host: '', method: '', status: '', job: '', destination: '', range: 'all' };

const RANGE_MS: Record<Exclude<TimeRange, 'all'>, number> = { hour: 3_600_000, day: 86_400_000, week: 604_800_000 };

/** `now` is fixed when the filters change, so pages of one view ask the same question. */
export function toQuery(filters: ActivityFilters, now: number): ActivityFilter {
  const status = Number.parseInt(filters.status, 10);
  return {
    ...(filters.text.trim() ? { text: filters.text.trim() } : {}),
    ...(filters.verdict ? { verdict: filters.verdict } : {}),
    ...(filters.host.trim() ? { host: filters.host.trim() } : {}),
    ...(filters.method ? { method: filters.method } : {}),
    ...(Number.isInteger(status) && status >= 0 && status <= 999 ? { status } : {}),
    ...(filters.job.trim() ? { job: filters.job.trim() } : {}),
    ...(filters.destination.trim() ? { destination: filters.destination.trim() } : {}),
    ...(filters.range === 'all' ? {} : { since: now - RANGE_MS[filters.range] }),
  };
}

export function isFiltered(filters: ActivityFilters): boolean {
  return JSON.stringify(filters) !== JSON.stringify(NO_FILTERS);
}
