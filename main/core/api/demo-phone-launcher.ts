// Starts Vitre's simulated phone on 127.0.0.1 for the first-run demo.
import type { DemoPhoneLauncher } from './ports.ts';
import { ApiFailure } from './api-error.ts';

export function builtInDemoPhone(): DemoPhoneLauncher {
  return {
    start: () => Promise.reject(new ApiFailure('unsupported', 'The simulated phone is not part of this build yet.')),
  };
}
