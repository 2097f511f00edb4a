// Where Vitre keeps its own state (activity log, policy, catalog): the platform's per-user
// application-data folder, or VITRE_HOME when set (tests, portable installs, several profiles).
import * as os from 'node:os';
import * as path from 'node:path';

export function vitreHome(env: NodeJS.ProcessEnv = process.env): string {
  const override = env.VITRE_HOME;
  if (override !== undefined && override !== '') return path.resolve(override);
  const home = os.homedir();
  switch (process.platform) {
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', 'Vitre');
    case 'win32':
      return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Vitre');
    default:
      return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'vitre');
  }
}
