// The user's network settings, stored as policy.json in the data folder. Later settings screens
// (phones, destinations) write it; every Vitre process reads it when its guard starts.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultPolicySettings, type PolicySettings } from './policy.ts';
import { makeFolderSync } from '../files/make-folder.ts';

export const POLICY_FILE = 'policy.json';

export class PolicyFileError extends Error {
  readonly kind = 'policy-file-unreadable';
  readonly permanent = true;
  constructor(file: string, cause: unknown) {
    super(`The network policy in ${file} cannot be read (${String(cause)}). Fix or delete the file; Vitre then allows only the local adb server.`);
  }
}

export function loadPolicySettings(home: string): PolicySettings {
  const file = path.join(home, POLICY_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return defaultPolicySettings();
    throw new PolicyFileError(file, error);
  }
  try {
    const stored = JSON.parse(text) as Partial<PolicySettings>;
    return { ...defaultPolicySettings(), ...stored };
  } catch (error) {
    throw new PolicyFileError(file, error);
  }
}

/** Writes atomically (temporary file + rename) so a crash never leaves half a policy. */
export function savePolicySettings(home: string, settings: PolicySettings): void {
  makeFolderSync(home);
  const file = path.join(home, POLICY_FILE);
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(settings, null, 2)}\n`);
  fs.renameSync(temporary, file);
}

/**
 * Changes the settings in one step (read, change, write), e.g. when the user connects a phone
 * over the LAN or adds a destination. Running guards pick it up through `RunningGuard.setPolicy`.
 */
export function updatePolicySettings(home: string, change: (settings: PolicySettings) => PolicySettings): PolicySettings {
  const next = change(loadPolicySettings(home));
  savePolicySettings(home, next);
  return next;
}
