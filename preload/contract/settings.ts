// The Settings screen's data: the network policy in effect (each rule with the user's own reason
// for it), phone discovery on the local network, Activity retention, and where Vitre keeps its data.
import { z } from 'zod';

export const policyRuleSchema = z.object({
  protocol: z.enum(['tcp', 'udp']),
  host: z.string(),
  port: z.number().int(),
  /** The user's setting behind the rule, e.g. `phone "Pixel 7" you connected on the local network`. */
  why: z.string(),
  /** The same reason as data, so the interface can say it in the user's language. */
  source: z.enum(['adb-server', 'phone', 'destination', 'discovery']),
  /** The phone's or destination's name. */
  name: z.string().nullable(),
});

export const settingsSchema = z.object({
  /** Where Vitre keeps its activity log, catalog and settings. */
  dataFolder: z.string(),
  /** What may leave this computer now; everything else is blocked. */
  rules: z.array(policyRuleSchema),
  lanDiscovery: z.boolean(),
  /** Activity records older than this many days are removed; 0 keeps everything. */
  activityRetentionDays: z.number().int().min(0),
  /** Cloud destinations the user added (none until cloud backup exists). */
  cloudDestinations: z.number().int().nonnegative(),
});

export const settingsChangeSchema = z.strictObject({
  lanDiscovery: z.boolean().optional(),
  activityRetentionDays: z.number().int().min(0).max(36_500).optional(),
});

export type PolicyRuleView = z.infer<typeof policyRuleSchema>;
export type Settings = z.infer<typeof settingsSchema>;
export type SettingsChange = z.infer<typeof settingsChangeSchema>;
