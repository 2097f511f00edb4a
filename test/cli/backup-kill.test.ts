// Killing the backup process (SIGKILL) at 20 random moments, then rerunning, always ends with a
// verified snapshot, no partial file under a final name, and no finished file transferred twice.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifySnapshot } from '../../main/core/backup/index.ts';
import { CLI_ENTRY, startBackupPhone, temporaryFolder, type BackupPhone } from '../core/backup/support/backup-phone.ts';

const KILLS = 20;
const CATEGORIES = 'photos,videos,documents';
let phone: BackupPhone;
let work: ReturnType<typeof temporaryFolder>;

beforeAll(async () => {
  phone = await startBackupPhone({ photos: 30, videos: 1 });
  work = temporaryFolder('vitre-kill-');
});

afterAll(async () => {
  await phone?.close();
  work?.remove();
});

/** Runs `vitre backup --json`, SIGKILLed `killAfterMs` after it starts backing up (or left to finish); returns the events it printed. */
function backup(folder: string, killAfterMs?: number): Promise<{ events: { type: string; path?: string; state?: string }[]; killed: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_ENTRY, 'backup', phone.target, '--to', folder, '--categories', CATEGORIES, '--json'], {
      // The compile cache spares each of the 22 processes most of Node's start-up (0.6 s → 0.3 s).
      env: { ...process.env, VITRE_HOME: work.path, NODE_COMPILE_CACHE: join(work.path, 'compile-cache') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let timer: ReturnType<typeof setTimeout> | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      // The clock starts when the first category starts (the phone is listed, transfers begin), so
      // every kill lands in the backup itself, not in Node's start-up, however loaded the machine.
      if (killAfterMs !== undefined && timer === undefined && out.includes('"type":"category-started"')) {
        timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      // A kill can cut the last line short: only whole lines count.
      const lines = out.split('\n').slice(0, -1);
      const events = lines.map((line) => JSON.parse(line) as { type: string; path?: string; state?: string });
      resolve({ events, killed: signal === 'SIGKILL' || code !== 0 });
    });
  });
}

describe('a backup killed at random moments', () => {
  it('resumes to a verified snapshot with no partial file under a final name and nothing transferred twice', async () => {
    const folder = join(work.path, 'backup');
    const storedBy = new Map<string, number>();
    const schedule: number[] = [];
    let completedRuns = 0;
    const record = (events: { type: string; path?: string }[], run: number) => {
      for (const event of events) {
        if (event.type !== 'file-stored') continue;
        expect(storedBy.has(event.path!), `${event.path} stored in run ${storedBy.get(event.path!)} and again in run ${run} (kills after ${schedule.join(', ')} ms)`).toBe(false);
        storedBy.set(event.path!, run);
      }
    };
    for (let run = 0; run < KILLS; run += 1) {
      const killAfter = Math.floor(Math.random() * 400);
      schedule.push(killAfter);
      const result = await backup(folder, killAfter);
      record(result.events, run);
      if (!result.killed) completedRuns += 1;
    }
    const last = await backup(folder);
    expect(last.killed).toBe(false);
    expect(last.events.at(-1)).toMatchObject({ type: 'finished', state: 'complete' });
    record(last.events, KILLS);
    const report = await verifySnapshot({ folder });
    expect(report.ok).toBe(true);
    expect(report.categories.photos?.entries).toBe(30);
    // Every stored object (referenced or not) is whole: its content hashes to its name.
    const objects = join(folder, 'objects');
    for (const prefix of readdirSync(objects)) {
      for (const rest of readdirSync(join(objects, prefix))) {
        expect(createHash('sha256').update(readFileSync(join(objects, prefix, rest))).digest('hex')).toBe(prefix + rest);
      }
    }
    expect(readdirSync(join(folder, '.vitre', 'incoming'))).toEqual([]);
    expect(completedRuns).toBeLessThan(KILLS); // the kills did land in the middle of backups
    expect(storedBy.size).toBe(report.entries); // every file stored exactly once across all runs
  }, 58_000);
});
