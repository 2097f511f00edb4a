// Everything that shapes a simulated phone, with defaults that make a pleasant demo.

export type PhoneProfile = 'pixel' | 'miui';
export type PhoneAuth = 'none' | 'rsa';

/** Switches that make the phone misbehave, for tests of how Vitre copes. */
export interface PhoneFaults {
  /** Close the TCP connection after sending this many bytes. */
  dropAfterBytes?: number;
  /** Stop sending (but keep the connection open) after this many bytes. */
  stallAfterBytes?: number;
  /** Flip a byte in the Nth packet the phone sends (1-based). */
  corruptPacket?: number;
  /** Content providers that answer with a SecurityException (e.g. 'sms', 'com.android.contacts'). */
  denyProviders?: string[];
  /** Add files with hostile names: '..', '/', NUL, control chars, Windows-reserved, 255 bytes, case collisions, outward symlinks. */
  hostileNames?: boolean;
}

export interface PhoneOptions {
  seed: number;
  photos: number;
  videos: number;
  contacts: number;
  messages: number;
  calls: number;
  /** Extra small documents spread over deep folders, to build very large phones (100,000 files). */
  files: number;
  /** Extra files of a chosen size, e.g. a 1 GiB video for throughput tests. */
  extraFiles: Array<{ path: string; size: number }>;
  profile: PhoneProfile;
  auth: PhoneAuth;
  /** Public keys (Android adbkey.pub format) the phone already trusts when auth is 'rsa'. */
  trustedKeys: string[];
  /** When auth is 'rsa': accept a key the host offers, as if the user tapped "Allow USB debugging". */
  acceptNewKeys?: boolean;
  /**
   * Milliseconds each command that runs in a Java process (am, cmd, content, dumpsys, pm,
   * settings) waits before it answers, as a real phone starting that process does; several run
   * at once, as on a phone's cores. 0 (the default) answers at once.
   */
  processStartMs?: number;
  faults: PhoneFaults;
}

export const DEFAULT_PHONE_OPTIONS: PhoneOptions = {
  seed: 1,
  photos: 40,
  videos: 3,
  contacts: 25,
  messages: 200,
  calls: 60,
  files: 0,
  extraFiles: [],
  profile: 'pixel',
  auth: 'none',
  trustedKeys: [],
  faults: {},
};
