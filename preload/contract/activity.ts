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

export const activityQuerySchema = z.strictObject({
  /** Part of the URL, host, reason or module. */
  text: z.string().trim().max(200).optional(),
  verdict: activityVerdictSchema.optional(),
  /** Newest first; 200 unless told. */
  limit: z.number().int().min(1).max(500).optional(),
});

export const activityPageSchema = z.object({
  entries: z.array(activityEntrySchema),
  /** How many records match the query (entries holds the newest `limit`). */
  total: z.number().int().nonnegative(),
  /** How many of those were blocked. */
  blocked: z.number().int().nonnegative(),
});

export const activityAppendedSchema = z.object({ entries: z.array(activityEntrySchema) });

export type ActivityEntry = z.infer<typeof activityEntrySchema>;
export type ActivityQuery = z.infer<typeof activityQuerySchema>;
export type ActivityPage = z.infer<typeof activityPageSchema>;
export type ActivityVerdict = z.infer<typeof activityVerdictSchema>;
