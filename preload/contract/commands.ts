// Every command: its input and its output, as schemas. Both hosts validate input against these
// before the engine sees it, and the engine's output is checked before it leaves.
import { z } from 'zod';
import type { CommandName, EventName } from './channels.ts';
import { activityAppendedSchema, activityPageSchema, activityQuerySchema } from './activity.ts';
import { deviceFactsSchema, deviceListSchema, deviceSchema, phoneAddressSchema } from './devices.ts';

const nothing = z.strictObject({});

export const commandSchemas = {
  /** Phones over USB, the local network and the simulated phone, with their state. */
  'devices.list': { input: nothing, output: deviceListSchema },
  /** Model, Android version, storage and battery of one ready phone. */
  'devices.facts': { input: z.strictObject({ deviceId: z.string().min(1).max(300) }), output: deviceFactsSchema },
  /** Connect a phone on the local network by HOST:PORT (wireless debugging or `adb tcpip`). */
  'devices.connect': { input: z.strictObject({ address: phoneAddressSchema }), output: deviceSchema },
  /** Forget a network phone (USB phones leave when unplugged). */
  'devices.disconnect': { input: z.strictObject({ deviceId: z.string().min(1).max(300) }), output: z.null() },
  /** Start the built-in simulated phone and connect to it. */
  'demo-phone.start': { input: nothing, output: deviceSchema },
  'demo-phone.stop': { input: nothing, output: z.null() },
  /** The newest activity records matching a search, with totals. */
  'activity.list': { input: activityQuerySchema, output: activityPageSchema },
} satisfies Record<CommandName, { input: z.ZodType; output: z.ZodType }>;

export const eventSchemas = {
  /** The device list changed: a phone arrived, left, or changed state. */
  'devices.changed': deviceListSchema,
  /** New activity records, in the order they were made. */
  'activity.appended': activityAppendedSchema,
} satisfies Record<EventName, z.ZodType>;

export type CommandInput<C extends CommandName> = z.input<(typeof commandSchemas)[C]['input']>;
export type CommandOutput<C extends CommandName> = z.infer<(typeof commandSchemas)[C]['output']>;
export type EventPayload<E extends EventName> = z.infer<(typeof eventSchemas)[E]>;
