// The Activity view's data: every connection, request, DNS question and process launch Vitre
// made, with its purpose, size and verdict, as the egress guard recorded it.
import { z } from 'zod';

export const activityVerdictSchema = z.enum(['allowed', 'blocked']);

export const activityEntrySchema = z.object({
  id: z.number().int(),
  /** Milliseconds since the epoch when the attempt started. */
  time: z.number(),
  kind: z.enum(['tcp', 'udp', 'dns', 'http', 'process']),
  verdict: activityVerdictSchema,
  /** Why the policy allowed or blocked it, in the user's words. */
  reason: z.string(),
  host: z.string(),
  port: z.number().int(),
  protocol: z.string(),
  method: z.string(),
  url: z.string(),
  status: z.number().int(),
  bytesUp: z.number().nonnegative(),
  bytesDown: z.number().nonnegative(),
  /** Total duration, when it was measured. */
  durationMs: z.number().nullable(),
  purpose: z.object({
    job: z.string().nullable(),
    category: z.string().nullable(),
    destination: z.string().nullable(),
    module: z.string().nullable(),
  }),
});

/** The filters of the Activity view; each maps to an indexed column of the log. */
export const activityFilterSchema = z.strictObject({
  /** Part of the URL, host, reason or module. */
  text: z.string().trim().max(200).optional(),
  verdict: activityVerdictSchema.optional(),
  /** Started at or after / before (ms since the epoch). */
  since: z.number().optional(),
  until: z.number().optional(),
  host: z.string().trim().min(1).max(300).optional(),
  method: z.string().trim().min(1).max(20).optional(),
  status: z.number().int().min(0).max(999).optional(),
  job: z.string().trim().min(1).max(200).optional(),
  /** The destination named in the purpose (e.g. a WebDAV folder the user added). */
  destination: z.string().trim().min(1).max(200).optional(),
});

export const activityQuerySchema = activityFilterSchema.extend({
  /** Newest first; 200 unless told. */
  limit: z.number().int().min(1).max(500).optional(),
  /** Records to skip: the table asks for the window it shows. */
  offset: z.number().int().min(0).optional(),
  /** Only records up to this id, so pages of one view stay aligned while new records arrive. */
  throughId: z.number().int().min(0).optional(),
});

export const activityPageSchema = z.object({
  entries: z.array(activityEntrySchema),
  /** How many records match the query (entries holds the newest `limit`). */
  total: z.number().int().nonnegative(),
  /** How many of those were blocked. */
  blocked: z.number().int().nonnegative(),
  /** The newest record counted: pass it back as `throughId` for the next pages of this view. */
  throughId: z.number().int().nonnegative().optional(),
});

/** Everything recorded about one attempt, for the details pane. */
export const activityRecordSchema = activityEntrySchema.extend({
  pid: z.number().int(),
  thread: z.number().int(),
  hash: z.string(),
  /** Milliseconds; -1 when the step did not happen. */
  timings: z.object({ dns: z.number(), connect: z.number(), tls: z.number(), firstByte: z.number(), total: z.number() }),
  detail: z.object({
    requestHeaders: z.array(z.tuple([z.string(), z.string()])).optional(),
    responseHeaders: z.array(z.tuple([z.string(), z.string()])).optional(),
    statusText: z.string().optional(),
    httpVersion: z.string().optional(),
    mimeType: z.string().optional(),
    error: z.string().optional(),
    question: z.string().optional(),
    answers: z.array(z.string()).optional(),
    command: z.array(z.string()).optional(),
  }),
});

export const activityTotalSchema = z.object({
  /** The host or destination; "" for records with none. */
  key: z.string(),
  requests: z.number().int().nonnegative(),
  blocked: z.number().int().nonnegative(),
  bytesUp: z.number().nonnegative(),
  bytesDown: z.number().nonnegative(),
});

export const activityTotalsSchema = z.object({
  byHost: z.array(activityTotalSchema),
  byDestination: z.array(activityTotalSchema),
  /** Bytes over time: equal slices from `start`, each `sliceMs` long. */
  timeline: z.object({
    start: z.number(),
    sliceMs: z.number().nonnegative(),
    slices: z.array(z.object({ bytesUp: z.number().nonnegative(), bytesDown: z.number().nonnegative(), requests: z.number().int().nonnegative() })),
  }),
});

export const activityVerifySchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), records: z.number().int().nonnegative() }),
  z.object({ ok: z.literal(false), records: z.number().int().nonnegative(), firstBadId: z.number().int(), problem: z.enum(['edited-or-inserted', 'deleted']), message: z.string() }),
]);

export const activityExportFormatSchema = z.enum(['har', 'csv', 'jsonl']);

export const activityExportInputSchema = z.strictObject({
  format: activityExportFormatSchema,
  /** Unmasked values: the interface asks the user to confirm first. */
  raw: z.boolean().optional(),
});

export const activityExportSchema = z.object({
  fileName: z.string(),
  mimeType: z.string(),
  records: z.number().int().nonnegative(),
  /** The file's text, downloaded by the interface as a file. */
  content: z.string(),
});

export const activityAppendedSchema = z.object({ entries: z.array(activityEntrySchema) });

export type ActivityEntry = z.infer<typeof activityEntrySchema>;
export type ActivityQuery = z.infer<typeof activityQuerySchema>;
export type ActivityPage = z.infer<typeof activityPageSchema>;
export type ActivityVerdict = z.infer<typeof activityVerdictSchema>;
export type ActivityFilter = z.infer<typeof activityFilterSchema>;
export type ActivityRecordDetail = z.infer<typeof activityRecordSchema>;
export type ActivityTotal = z.infer<typeof activityTotalSchema>;
export type ActivityTotals = z.infer<typeof activityTotalsSchema>;
export type ActivityVerification = z.infer<typeof activityVerifySchema>;
export type ActivityExportFormat = z.infer<typeof activityExportFormatSchema>;
export type ActivityExport = z.infer<typeof activityExportSchema>;
