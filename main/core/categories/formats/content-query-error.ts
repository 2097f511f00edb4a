// Recognizes the ways `content query` fails instead of printing rows. Content.java catches every
// exception and prints `Error while accessing provider:AUTHORITY` followed by the stack trace
// (frameworks/base/cmds/content/src/com/android/commands/content/Content.java, Command.execute);
// a missing provider is `IllegalStateException: Could not find provider: AUTHORITY`. Some ROMs
// (MIUI, some Samsung builds) deny the shell user (uid 2000) with a SecurityException: that is a
// per-category "not allowed on this phone", never a crash of the whole backup.

export type ContentQueryFailureKind =
  /** The phone refuses the shell user access to this provider (SecurityException). */
  | 'provider-denied'
  /** No provider with that authority on this phone (e.g. a vendor notes app that is absent). */
  | 'provider-missing'
  /** The provider rejected the query itself: unknown column, bad URI, bad sort. */
  | 'query-rejected'
  /** Anything else the provider threw. */
  | 'provider-error';

export interface ContentQueryFailure {
  kind: ContentQueryFailureKind;
  /** The content provider authority, e.g. `sms` or `com.android.contacts`. */
  provider: string;
  /** The permission named in a SecurityException, when the phone said which. */
  permission?: string;
  /** The exception line as the phone printed it, for the details pane and bug reports. */
  detail: string;
  /** Why, and what to try, in the user's words. */
  message: string;
  /** True when retrying the same query on the same phone will fail the same way. */
  permanent: boolean;
}

/** Thrown by the row parser when the output is a failure rather than rows. */
export class ContentQueryError extends Error {
  readonly failure: ContentQueryFailure;
  get kind(): ContentQueryFailureKind {
    return this.failure.kind;
  }
  constructor(failure: ContentQueryFailure) {
    super(failure.message);
    this.name = 'ContentQueryError';
    this.failure = failure;
  }
}

const PROVIDER_LINE = /Error while accessing provider:\s*([^\s]+)/;
const EXCEPTION_LINE = /^\s*(?:Exception in thread "[^"]*"\s+)?([\w.$]+(?:Exception|Error))(?::\s*(.*))?$/m;
const PERMISSION = /android\.permission\.[A-Z_]+/;
const MISSING_PROVIDER = /Could not find provider:\s*([^\s]+)/;

/**
 * Returns the failure described by `output` (stdout and stderr of `content query`), or undefined
 * when the output does not look like a failure. Never throws.
 */
export function recognizeContentQueryError(output: string): ContentQueryFailure | undefined {
  const exception = EXCEPTION_LINE.exec(output);
  const providerLine = PROVIDER_LINE.exec(output);
  if (!exception && !providerLine) return undefined;
  const type = exception?.[1] ?? 'Error';
  const text = exception?.[2]?.trim() ?? '';
  const detail = exception ? exception[0].trim() : providerLine![0];
  const missing = MISSING_PROVIDER.exec(output);
  const provider = providerLine?.[1] ?? missing?.[1] ?? 'unknown';

  if (type.endsWith('SecurityException')) {
    const permission = PERMISSION.exec(text)?.[0];
    return {
      kind: 'provider-denied',
      provider,
      ...(permission ? { permission } : {}),
      detail,
      permanent: true,
      message:
        `Not allowed on this phone: its system refuses USB debugging access to "${provider}"` +
        `${permission ? ` (it wants ${permission})` : ''}. Some phones (Xiaomi/MIUI, some Samsung ` +
        'and Huawei builds) restrict what a computer may read. What to try: in Developer options, ' +
        'turn on "USB debugging (Security settings)" if the phone has it, unplug and reconnect, ' +
        'then back up again. Other categories are not affected.',
    };
  }
  if (missing || (type.endsWith('IllegalStateException') && /provider/i.test(text))) {
    return {
      kind: 'provider-missing',
      provider,
      detail,
      permanent: true,
      message: `This phone has no "${provider}" data source, so there is nothing of this kind to back up.`,
    };
  }
  if (type.endsWith('IllegalArgumentException') || type.endsWith('SQLiteException') || type.includes('SQLite')) {
    return {
      kind: 'query-rejected',
      provider,
      detail,
      permanent: true,
      message:
        `The phone's "${provider}" data source rejected Vitre's query (${text || type}). ` +
        'This phone stores this data differently; please report it with the phone model.',
    };
  }
  return {
    kind: 'provider-error',
    provider,
    detail,
    permanent: false,
    message: `The phone's "${provider}" data source failed while reading (${text || type}). Try again; if it repeats, restart the phone.`,
  };
}
