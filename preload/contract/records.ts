// History's views of a snapshot's exported records: contacts (from contacts.vcf), message threads
// (from sms.xml) and the call log (from calls.xml), paged so that years of messages stay quick.
import { z } from 'zod';
import { backupFolderSchema } from './backup.ts';
import { storedObjectSchema } from './history.ts';

const query = z.string().max(200);
const page = { offset: z.number().int().nonnegative().max(10_000_000), limit: z.number().int().min(1).max(500) };

export const storedContactSchema = z.object({
  name: z.string(),
  phones: z.array(z.string()),
  emails: z.array(z.string()),
  organization: z.string(),
});

export const historyContactsInputSchema = z.strictObject({ folder: backupFolderSchema, object: storedObjectSchema, query, ...page });
export const historyContactsSchema = z.object({
  total: z.number().int().nonnegative(),
  /** Contacts matching the query (all of them for an empty query). */
  matching: z.number().int().nonnegative(),
  contacts: z.array(storedContactSchema),
});

export const messageThreadSchema = z.object({
  /** The other party's number; participants joined by "~" for a group. */
  address: z.string(),
  name: z.string(),
  count: z.number().int().nonnegative(),
  lastDate: z.number(),
  snippet: z.string(),
});

export const historyThreadsInputSchema = z.strictObject({
  folder: backupFolderSchema,
  object: storedObjectSchema,
  query,
  /** The same snapshot's contacts.vcf: names for the numbers the messages file leaves unnamed. */
  contacts: storedObjectSchema.optional(),
});
export const historyThreadsSchema = z.object({
  messages: z.number().int().nonnegative(),
  threads: z.array(messageThreadSchema),
});

export const storedMessageSchema = z.object({
  kind: z.enum(['sms', 'mms']),
  address: z.string(),
  contactName: z.string(),
  date: z.number(),
  direction: z.enum(['received', 'sent', 'draft', 'other']),
  text: z.string(),
  attachments: z.number().int().nonnegative(),
});

export const historyThreadInputSchema = z.strictObject({ folder: backupFolderSchema, object: storedObjectSchema, address: z.string().max(4096), ...page });
export const historyThreadSchema = z.object({
  address: z.string(),
  total: z.number().int().nonnegative(),
  /** Oldest first, like a conversation. */
  messages: z.array(storedMessageSchema),
});

export const storedCallSchema = z.object({
  number: z.string(),
  contactName: z.string(),
  date: z.number(),
  duration: z.number().nonnegative(),
  type: z.enum(['incoming', 'outgoing', 'missed', 'voicemail', 'rejected', 'blocked', 'other']),
});

export const historyCallsInputSchema = z.strictObject({ folder: backupFolderSchema, object: storedObjectSchema, query, ...page });
export const historyCallsSchema = z.object({
  total: z.number().int().nonnegative(),
  matching: z.number().int().nonnegative(),
  /** Newest first. */
  calls: z.array(storedCallSchema),
});

export type StoredContactView = z.infer<typeof storedContactSchema>;
export type HistoryContacts = z.infer<typeof historyContactsSchema>;
export type MessageThread = z.infer<typeof messageThreadSchema>;
export type HistoryThreads = z.infer<typeof historyThreadsSchema>;
export type StoredMessageView = z.infer<typeof storedMessageSchema>;
export type HistoryThread = z.infer<typeof historyThreadSchema>;
export type StoredCallView = z.infer<typeof storedCallSchema>;
export type HistoryCalls = z.infer<typeof historyCallsSchema>;
