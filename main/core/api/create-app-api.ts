// The composition root of the engine behind the API: the real device layer and the built-in
// simulated phone. Hosts (Electron, the web host, tests) call this once.
import type { AdbServerOptions, KeyStore } from '../device/index.ts';
import type { ActivityLog } from '../net/activity-log.ts';
import type { RunningGuard } from '../net/egress-guard.ts';
import { dirname } from 'node:path';
import { vitreHome } from '../net/data-folder.ts';
import { activityLogSource } from './activity-log-source.ts';
import { adbDeviceLayer } from './adb-device-layer.ts';
import { backupPhoneOpener } from './backup-phone.ts';
import { createApi, type Api } from './create-api.ts';
import { builtInDemoPhone } from './demo-phone-launcher.ts';
import { guardPhoneAccess } from './guard-phone-access.ts';
import type { DemoPhoneLauncher } from './ports.ts';
import { settingsSource } from './settings-source.ts';
import { sessionSecrets, type KeptSecrets } from './secret-keeping.ts';

export interface AppApiOptions {
  adbServer?: AdbServerOptions;
  keyStore?: KeyStore;
  /** Default: the built-in simulated phone on 127.0.0.1, a free port. */
  demoPhone?: DemoPhoneLauncher;
  /** The egress guard of this process, when one runs: phones the user connects are let through it. */
  guard?: Pick<RunningGuard, 'home' | 'setPolicy'>;
  /** The activity log shown in the Activity view (the guard's, or the data folder's). */
  activityLog?: ActivityLog;
  /** The data folder (policy.json); default: the guard's, else the activity log's folder, else VITRE_HOME. */
  home?: string;
  /** Where destination secrets are kept; default: this process's memory, until it stops. */
  secrets?: KeptSecrets;
  /** The system's folder picker, in the desktop app. */
  chooseFolder?: (current: string) => Promise<string | undefined>;
}

export function createAppApi(options: AppApiOptions = {}): Api {
  const devices = adbDeviceLayer({
    ...(options.adbServer ? { adbServer: options.adbServer } : {}),
    ...(options.keyStore ? { keyStore: options.keyStore } : {}),
  });
  // One door to the guard, so a change of settings or destinations keeps this run's phones allowed.
  const door = options.guard ? guardPhoneAccess(options.guard) : undefined;
  const policy = door ? { home: options.guard!.home, setPolicy: door.apply } : undefined;
  const home = options.home ?? options.guard?.home ?? (options.activityLog ? dirname(options.activityLog.file) : vitreHome());
  const api = createApi({
    devices,
    demoPhone: options.demoPhone ?? builtInDemoPhone(),
    phones: backupPhoneOpener({
      ...(options.adbServer ? { adbServer: options.adbServer } : {}),
      ...(options.keyStore ? { keyStore: options.keyStore } : {}),
    }),
    ...(door ? { access: door } : {}),
    ...(options.activityLog ? { activity: activityLogSource(options.activityLog) } : {}),
    settings: settingsSource({
      home,
      ...(policy ? { guard: policy } : {}),
      ...(options.activityLog ? { activityLog: options.activityLog } : {}),
    }),
    cloud: { home, secrets: options.secrets ?? sessionSecrets(), ...(policy ? { guard: policy } : {}) },
    ...(options.chooseFolder ? { chooseFolder: options.chooseFolder } : {}),
  });
  return {
    invoke: (command, input) => api.invoke(command, input),
    subscribe: (listener) => api.subscribe(listener),
    async close() {
      await api.close();
      await devices.close();
    },
  };
}
