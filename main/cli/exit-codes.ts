// Exit codes a script can rely on. Documented in the README; never renumber.
export const EXIT = {
  ok: 0,
  /** Something failed that is not one of the cases below. */
  failure: 1,
  /** The command line was wrong. */
  usage: 2,
  /** The phone (or adb server) could not be reached, or disappeared. */
  unreachable: 3,
  /** The phone refused: unauthorized, permission denied. */
  refused: 4,
  /** A timeout expired. */
  timeout: 5,
} as const;

/** A command line that parsed but does not make sense: say why on stderr, exit with `usage`. */
export function refuseUsage(message: string): void {
  process.stderr.write(`vitre: ${message}\n`);
  process.exitCode = EXIT.usage;
}
