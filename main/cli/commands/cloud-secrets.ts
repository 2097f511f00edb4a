// Secrets on the command line: a destination's password or secret key from VITRE_DESTINATION_SECRET,
// the passphrase from VITRE_PASSPHRASE, or else a prompt on the terminal that echoes nothing.
// The CLI says which source it used, and keeps neither: they live in this process's memory only.
import { CloudError } from '../../core/cloud/index.ts';

export const SECRET_ENV = 'VITRE_DESTINATION_SECRET';
export const PASSPHRASE_ENV = 'VITRE_PASSPHRASE';

function note(text: string): void {
  process.stderr.write(`${text}\n`);
}

/** Reads a line from the terminal without echoing it. */
export function askHidden(question: string): Promise<string> {
  const input = process.stdin;
  return new Promise((resolve, reject) => {
    let typed = '';
    // Echo off before the question shows: whatever is typed after it must never appear.
    input.setRawMode(true);
    input.resume();
    process.stderr.write(question);
    const finish = (error?: Error) => {
      input.setRawMode(false);
      input.pause();
      input.off('data', onData);
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') return finish();
        if (char === '\u0003') return finish(new CloudError('missing-secret', 'Cancelled.'));
        if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
        else typed += char;
      }
    };
    input.on('data', onData);
  });
}

export function onTerminal(): boolean {
  return process.stdin.isTTY === true && process.stderr.isTTY === true;
}

/** The destination's secret, from the environment or a prompt; says which. */
export async function destinationSecret(name: string, what: string): Promise<string> {
  const fromEnv = process.env[SECRET_ENV];
  if (fromEnv !== undefined && fromEnv !== '') {
    note(`Using the ${what} for "${name}" from ${SECRET_ENV}.`);
    return fromEnv;
  }
  if (!onTerminal()) {
    throw new CloudError('missing-secret', `"${name}" needs its ${what}. Set ${SECRET_ENV}, or run this on a terminal to be asked.`);
  }
  const typed = await askHidden(`The ${what} for "${name}" (not shown, not stored): `);
  note(`Using the ${what} you typed.`);
  return typed;
}

/**
 * The repository passphrase. For a new repository a typed passphrase is asked twice (a typo
 * would lock the user out of every backup); from the environment it is taken once.
 */
export async function repositoryPassphrase(isNew: boolean): Promise<string> {
  const fromEnv = process.env[PASSPHRASE_ENV];
  if (fromEnv !== undefined && fromEnv !== '') {
    note(`Using the passphrase from ${PASSPHRASE_ENV}.`);
    return fromEnv;
  }
  if (!onTerminal()) {
    throw new CloudError('missing-secret', `The backup passphrase is needed. Set ${PASSPHRASE_ENV}, or run this on a terminal to be asked.`);
  }
  if (!isNew) {
    const typed = await askHidden('Backup passphrase: ');
    note('Using the passphrase you typed.');
    return typed;
  }
  note('This destination has no Vitre backup yet: choose a passphrase. Without it nobody, Vitre included, can read the backup.');
  const typed = await askHidden('New backup passphrase: ');
  const again = await askHidden('The same passphrase again: ');
  if (typed !== again) throw new CloudError('missing-secret', 'The two passphrases differ; nothing was written. Run the command again.');
  note('Using the passphrase you typed.');
  return typed;
}

/** y/N on a terminal; false elsewhere. */
export async function confirm(question: string): Promise<boolean> {
  if (!onTerminal()) return false;
  const { createInterface } = await import('node:readline/promises');
  const lines = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await lines.question(`${question} [y/N] `)).trim());
  } finally {
    lines.close();
  }
}
