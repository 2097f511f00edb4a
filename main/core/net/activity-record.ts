// One row of the activity log: a connection, a UDP send, a DNS question, an HTTP request or a
// process launch, with its verdict and the purpose that caused it. Plain data: it crosses
// threads, processes and the SQLite boundary unchanged.

export type ActivityKind = 'tcp' | 'udp' | 'dns' | 'http' | 'process';
export type Verdict = 'allowed' | 'blocked';

/** Why Vitre made the request: set by the engine with `withActivityContext`. */
export interface Purpose {
  job?: string;
  category?: string;
  destination?: string;
  /** The module that initiated the request (file or component name). */
  module?: string;
}

/** Durations in milliseconds; -1 when the step did not happen (as in HAR). */
export interface Timings {
  dns: number;
  connect: number;
  tls: number;
  firstByte: number;
  total: number;
}

export interface ActivityRecord {
  /** Milliseconds since the epoch when the attempt started. */
  time: number;
  kind: ActivityKind;
  verdict: Verdict;
  /** Why the policy allowed or blocked it, in the user's words. */
  reason: string;
  host: string;
  port: number;
  /** `tcp`, `tls`, `http/1.1`, `h2`, `udp`, `dns`, or the process's executable. */
  protocol: string;
  method: string;
  /** Full URL (secrets are stripped when records are exported, not when they are stored). */
  url: string;
  status: number;
  bytesUp: number;
  bytesDown: number;
  timings: Timings;
  purpose: Purpose;
  pid: number;
  thread: number;
  /** Request and response headers, error text, process command line: JSON, kind-specific. */
  detail: RecordDetail;
}

export interface RecordDetail {
  requestHeaders?: [string, string][];
  responseHeaders?: [string, string][];
  statusText?: string;
  httpVersion?: string;
  mimeType?: string;
  error?: string;
  /** For DNS: the question type (A, AAAA, MX...) and the answers. */
  question?: string;
  answers?: string[];
  /** For process launches: the executable and its arguments. */
  command?: string[];
}

/** A record as stored: with its place in the hash chain. */
export interface StoredRecord extends ActivityRecord {
  id: number;
  hash: string;
}

export const NO_TIMINGS: Timings = { dns: -1, connect: -1, tls: -1, firstByte: -1, total: -1 };

/** Fills the fields an attempt did not set, so every record has the same shape. */
export function makeRecord(fields: Partial<ActivityRecord> & Pick<ActivityRecord, 'kind' | 'verdict' | 'reason'>): ActivityRecord {
  return {
    time: Date.now(),
    host: '',
    port: 0,
    protocol: fields.kind,
    method: '',
    url: '',
    status: 0,
    bytesUp: 0,
    bytesDown: 0,
    purpose: {},
    pid: process.pid,
    thread: 0,
    detail: {},
    ...fields,
    timings: { ...NO_TIMINGS, ...fields.timings },
  };
}
