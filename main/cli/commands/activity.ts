// `vitre activity` (list, totals, export, verify) and `vitre policy`: the Activity view and the
// network policy from a terminal, reading the same log and policy file as the app.
import { InvalidArgumentError, Option, type Command } from 'commander';
import { openActivityLog, type ActivityLog } from '../../core/net/activity-log.ts';
import { EXPORT_FORMATS, exportActivity, exportedRecord, type ExportFormat } from '../../core/net/activity-export.ts';
import { queryActivity, subscribeActivity, totalsByDestination, totalsByHost, type ActivityFilter } from '../../core/net/activity-query.ts';
import type { StoredRecord } from '../../core/net/activity-record.ts';
import { verifyActivityLog } from '../../core/net/activity-verify.ts';
import { vitreHome } from '../../core/net/data-folder.ts';
import { policyRules } from '../../core/net/policy.ts';
import { loadPolicySettings, POLICY_FILE } from '../../core/net/policy-store.ts';
import { EXIT } from '../exit-codes.ts';

const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `--since 2h`, `--since 30m`, or an ISO date/time. */
export function parseSince(text: string, now = Date.now()): number {
  const relative = /^(\d+(?:\.\d+)?)([smhd])$/.exec(text.trim());
  if (relative?.[1] !== undefined && relative[2] !== undefined) return now - Number(relative[1]) * (UNITS[relative[2]] ?? 0);
  const absolute = Date.parse(text);
  if (Number.isNaN(absolute)) throw new InvalidArgumentError('Use a duration like 30m, 2h, 7d, or a date like 2026-11-28T10:00.');
  return absolute;
}

function positiveInteger(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) throw new InvalidArgumentError('Use a whole number above 0.');
  return value;
}

function withLog<T>(fn: (log: ActivityLog) => T): T {
  const log = openActivityLog(vitreHome());
  try {
    return fn(log);
  } finally {
    log.close();
  }
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

function describe(record: StoredRecord): string {
  const when = new Date(record.time).toISOString().replace('T', ' ').slice(0, 23);
  const target = record.kind === 'process' ? (record.detail.command ?? []).join(' ') : record.url || `${record.host}:${record.port}`;
  const what = [record.method, target, record.status > 0 ? String(record.status) : ''].filter(Boolean).join(' ');
  const size = `↑${formatBytes(record.bytesUp)} ↓${formatBytes(record.bytesDown)}`;
  const purpose = [record.purpose.job && `job ${record.purpose.job}`, record.purpose.category, record.purpose.destination, record.purpose.module]
    .filter(Boolean).join(', ');
  const verdict = record.verdict === 'blocked' ? `BLOCKED (${record.reason.replace(/^blocked: /, '')})` : 'allowed';
  return `${when}  ${record.kind.padEnd(7)} ${verdict}  ${what}  ${size}  [${purpose}]`;
}

interface ListOptions {
  json?: boolean;
  follow?: boolean;
  since?: number;
  host?: string;
  blocked?: boolean;
  job?: string;
  limit?: number;
}

function listActivity(options: ListOptions): void {
  const filter: ActivityFilter = { since: options.since, host: options.host, job: options.job, limit: options.limit ?? 100 };
  if (options.blocked === true) filter.verdict = 'blocked';
  if (options.follow === true) return followActivity(filter, options.json === true);
  // The terminal is outside Vitre too: show what an export would show.
  const records = withLog((log) => queryActivity(log, filter)).map((record) => exportedRecord(record, false));
  if (options.json === true) {
    process.stdout.write(`${JSON.stringify(records, null, 2)}\n`);
    return;
  }
  if (records.length === 0) process.stdout.write('No activity matches.\n');
  for (const record of records.reverse()) process.stdout.write(`${describe(record)}\n`);
}

/** Prints matching records as they are appended, by any Vitre process, until interrupted. */
function followActivity(filter: ActivityFilter, json: boolean): void {
  const log = openActivityLog(vitreHome());
  const print = (records: StoredRecord[]) => {
    for (const record of records.map((r) => exportedRecord(r, false))) {
      process.stdout.write(`${json ? JSON.stringify(record) : describe(record)}\n`);
    }
  };
  print(queryActivity(log, filter).reverse());
  const { limit: _limit, since: _since, ...live } = filter;
  const subscription = subscribeActivity(log, live, print, 250);
  // The poll timer is unref'd for the app's sake; here it is the whole point, so hold the process.
  const keepAlive = setInterval(() => undefined, 60_000);
  process.once('SIGINT', () => {
    clearInterval(keepAlive);
    subscription.close();
    log.close();
  });
}

function printTotals(options: { json?: boolean; by: 'host' | 'destination'; since?: number }): void {
  const totals = withLog((log) => (options.by === 'host' ? totalsByHost : totalsByDestination)(log, { since: options.since }));
  if (options.json === true) {
    process.stdout.write(`${JSON.stringify(totals, null, 2)}\n`);
    return;
  }
  for (const row of totals) {
    const name = row.key === '' ? (options.by === 'host' ? '(no host: process launches)' : '(no destination)') : row.key;
    process.stdout.write(`${name.padEnd(40)} ${String(row.requests).padStart(8)} requests  ${String(row.blocked).padStart(6)} blocked  ↑${formatBytes(row.bytesUp)}  ↓${formatBytes(row.bytesDown)}\n`);
  }
}

async function runExport(options: { format: ExportFormat; out: string; raw?: boolean; since?: number }): Promise<void> {
  const log = openActivityLog(vitreHome());
  try {
    const count = await exportActivity(log, options.out, { format: options.format, raw: options.raw === true, since: options.since });
    const note = options.raw === true ? ' (raw: phone numbers and message text are NOT masked)' : ' (redacted)';
    process.stdout.write(`Exported ${count} records to ${options.out}${note}.\n`);
  } catch (error) {
    // The file is the user's choice: a folder that is not there, or one they may not write to.
    if (typeof (error as NodeJS.ErrnoException).code !== 'string') throw error;
    process.stderr.write(`vitre: Could not write the export to ${options.out} (${(error as Error).message}). Choose a file in a folder that exists and that you can write to.\n`);
    process.exitCode = EXIT.failure;
  } finally {
    log.close();
  }
}

function runVerify(options: { json?: boolean }): void {
  const result = withLog(verifyActivityLog);
  if (options.json === true) process.stdout.write(`${JSON.stringify(result)}\n`);
  else if (result.ok) process.stdout.write(`The activity log is intact: ${result.records} records, hash chain verified.\n`);
  else process.stderr.write(`The activity log was tampered with: ${result.message} (first bad record: ${result.firstBadId}).\n`);
  if (!result.ok) process.exitCode = EXIT.failure;
}

function showPolicy(options: { json?: boolean }): void {
  const home = vitreHome();
  const settings = loadPolicySettings(home);
  const rules = policyRules(settings);
  if (options.json === true) {
    process.stdout.write(`${JSON.stringify({ settingsFile: `${home}/${POLICY_FILE}`, settings, allowed: rules }, null, 2)}\n`);
    return;
  }
  process.stdout.write(`Vitre may reach only these (from ${home}/${POLICY_FILE}):\n`);
  for (const rule of rules) process.stdout.write(`  ${rule.protocol} ${rule.host}:${rule.port}  — ${rule.why}\n`);
  const disabled = settings.destinations.filter((d) => !d.enabled);
  for (const destination of disabled) process.stdout.write(`  (not allowed: destination "${destination.name}" is turned off)\n`);
  process.stdout.write('Everything else (other hosts, DNS names not listed, mDNS unless discovery is on) is blocked and recorded.\n');
  const days = settings.activityRetentionDays;
  process.stdout.write(days > 0 ? `Activity records are kept for ${days} days.\n` : 'Activity records are kept forever.\n');
}

export function registerActivity(program: Command): void {
  const since = () => new Option('--since <time>', 'only since a duration ago (30m, 2h, 7d) or a date').argParser((t) => parseSince(t));
  const activity = program.command('activity').description('Every request Vitre made or blocked, with its purpose');
  // The listing is the default subcommand (`vitre activity --json`), so that `activity totals
  // --json` reaches totals: commander hands a parent's options to the parent first.
  activity
    .command('list', { isDefault: true })
    .description('List requests and blocked attempts, newest last')
    .option('--json', 'print JSON')
    .addOption(since())
    .option('--host <host>', 'only this host')
    .option('--blocked', 'only blocked attempts')
    .option('--job <id>', 'only requests made for this job')
    .option('--limit <n>', 'at most this many records (newest)', positiveInteger, 100)
    .option('--follow', 'keep printing new records as they happen (Ctrl-C stops)')
    .action((options: ListOptions) => listActivity(options));
  activity
    .command('totals')
    .description('Requests and bytes per host or per destination')
    .option('--json', 'print JSON')
    .addOption(new Option('--by <what>', 'group by').choices(['host', 'destination']).default('host'))
    .addOption(since())
    .action((options: { json?: boolean; by: 'host' | 'destination'; since?: number }) => printTotals(options));
  activity
    .command('export')
    .description('Write the activity log as HAR, CSV or JSONL (redacted unless --raw)')
    .addOption(new Option('--format <format>', 'file format').choices(EXPORT_FORMATS).makeOptionMandatory())
    .requiredOption('--out <file>', 'where to write')
    .option('--raw', 'do not mask phone numbers, message text and access keys')
    .addOption(since())
    .action((options: { format: ExportFormat; out: string; raw?: boolean; since?: number }) => runExport(options));
  activity
    .command('verify')
    .description('Check the hash chain; names the first edited, inserted or deleted record')
    .option('--json', 'print JSON')
    .action((options: { json?: boolean }) => runVerify(options));
  program
    .command('policy')
    .description('What Vitre may reach now, and why')
    .option('--json', 'print JSON')
    .action((options: { json?: boolean }) => showPolicy(options));
}
