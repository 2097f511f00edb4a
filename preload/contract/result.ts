// Results cross the process boundary as values, never as thrown strings: the renderer branches on
// `ok` and on the error's `kind`, and shows `message`, which is written for the user.
import { z } from 'zod';

export const API_ERROR_KINDS = [
  /** The request did not match the contract (a bug in the caller, or a hostile caller). */
  'invalid-input',
  /** No phone, adb server or simulated phone answers at that address. */
  'unreachable',
  /** The phone went away during the operation. */
  'disconnected',
  /** The phone has not trusted this computer yet. */
  'unauthorized',
  /** The phone or a service refused the request. */
  'refused',
  /** No such phone (it was unplugged, or the id is stale). */
  'not-found',
  'timeout',
  /** Google's adb is missing or too old for what was asked. */
  'adb-missing',
  'adb-too-old',
  /** The phone answered something Vitre does not understand. */
  'protocol',
  /** This host cannot do it (e.g. a feature only the desktop window has). */
  'unsupported',
  /** Anything else: a bug. The message says what was being done. */
  'internal',
] as const;

export const apiErrorSchema = z.object({
  kind: z.enum(API_ERROR_KINDS),
  message: z.string(),
});

export type ApiErrorKind = (typeof API_ERROR_KINDS)[number];
export type ApiError = z.infer<typeof apiErrorSchema>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function failure<T = never>(kind: ApiErrorKind, message: string): Result<T> {
  return { ok: false, error: { kind, message } };
}
