// What `content` prints when a provider call fails: "Error while accessing provider:AUTHORITY"
// and the exception's stack trace, both on stderr (AOSP frameworks/base/cmds/content/src/com/
// android/commands/content/Content.java, Command.execute). The exception is caught there, so the
// process still exits 0: callers must read stderr, not the exit status.

/** Where the failure surfaced: looking the provider up, or inside query/openFile. */
export type FailurePoint = 'lookup' | 'query' | 'read';

export class ProviderError extends Error {
  readonly kind = 'provider';
  readonly authority: string;
  /** Java exception class and message, e.g. "java.lang.SecurityException: Permission Denial: ...". */
  readonly exception: string;
  readonly point: FailurePoint;

  constructor(authority: string, exception: string, point: FailurePoint) {
    super(exception);
    this.authority = authority;
    this.exception = exception;
    this.point = point;
  }
}

const PARCEL = [
  'android.os.Parcel.createExceptionOrNull(Parcel.java:3242)',
  'android.os.Parcel.createException(Parcel.java:3226)',
  'android.os.Parcel.readException(Parcel.java:3209)',
];
const TAIL = [
  'com.android.commands.content.Content.main(Content.java:758)',
  'com.android.internal.os.RuntimeInit.nativeFinishInit(Native Method)',
  'com.android.internal.os.RuntimeInit.main(RuntimeInit.java:369)',
];

const FRAMES: Record<FailurePoint, string[]> = {
  lookup: [
    ...PARCEL,
    'android.os.Parcel.readException(Parcel.java:3151)',
    'android.app.IActivityManager$Stub$Proxy.getContentProviderExternal(IActivityManager.java:7012)',
    'com.android.commands.content.Content$Command.execute(Content.java:522)',
    ...TAIL,
  ],
  query: [
    ...PARCEL,
    'android.database.DatabaseUtils.readExceptionFromParcel(DatabaseUtils.java:189)',
    'android.database.DatabaseUtils.readExceptionFromParcel(DatabaseUtils.java:141)',
    'android.content.ContentProviderProxy.query(ContentProviderNative.java:492)',
    'com.android.commands.content.Content$QueryCommand.onExecute(Content.java:683)',
    'com.android.commands.content.Content$Command.execute(Content.java:535)',
    ...TAIL,
  ],
  read: [
    ...PARCEL,
    'android.database.DatabaseUtils.readExceptionFromParcel(DatabaseUtils.java:189)',
    'android.database.DatabaseUtils.readExceptionWithFileNotFoundExceptionFromParcel(DatabaseUtils.java:152)',
    'android.content.ContentProviderProxy.openFile(ContentProviderNative.java:616)',
    'com.android.commands.content.Content$ReadCommand.onExecute(Content.java:712)',
    'com.android.commands.content.Content$Command.execute(Content.java:535)',
    ...TAIL,
  ],
};

/** The stderr text for a failed provider call. */
export function providerErrorText(error: ProviderError): string {
  const frames = error.exception.startsWith('java.lang.IllegalStateException: Could not find provider')
    ? ['com.android.commands.content.Content$Command.execute(Content.java:520)', ...TAIL]
    : FRAMES[error.point];
  return `Error while accessing provider:${error.authority}\n${error.exception}\n${frames.map((f) => `\tat ${f}\n`).join('')}`;
}

const GUARDED: Record<string, { provider: string; permission: string }> = {
  sms: { provider: 'com.android.providers.telephony.SmsProvider', permission: 'android.permission.READ_SMS or android.permission.WRITE_SMS' },
  mms: { provider: 'com.android.providers.telephony.MmsProvider', permission: 'android.permission.READ_SMS or android.permission.WRITE_SMS' },
  call_log: { provider: 'com.android.providers.contacts.CallLogProvider', permission: 'android.permission.READ_CALL_LOG or android.permission.WRITE_CALL_LOG' },
  'com.android.contacts': { provider: 'com.android.providers.contacts.ContactsProvider2', permission: 'android.permission.READ_CONTACTS or android.permission.WRITE_CONTACTS' },
  notes: { provider: 'com.miui.notes.provider.NotesProvider', permission: 'com.miui.notes.permission.ACCESS_NOTE' },
};

/** ActivityManagerService.checkContentProviderPermission's message for the shell user (uid 2000). */
export function permissionDenial(authority: string, pid: number): ProviderError {
  const guarded = GUARDED[authority] ?? { provider: `${authority}.Provider`, permission: 'a signature permission' };
  return new ProviderError(
    authority,
    `java.lang.SecurityException: Permission Denial: opening provider ${guarded.provider} from (null) (pid=${pid}, uid=2000) requires ${guarded.permission}`,
    'lookup',
  );
}

export function unknownProvider(authority: string): ProviderError {
  return new ProviderError(authority, `java.lang.IllegalStateException: Could not find provider: ${authority}`, 'lookup');
}

export function sqliteError(authority: string, message: string): ProviderError {
  return new ProviderError(authority, `android.database.sqlite.SQLiteException: ${message} (code 1 SQLITE_ERROR)`, 'query');
}
