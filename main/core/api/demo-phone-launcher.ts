// Starts Vitre's simulated phone (main/core/demo-phone) on 127.0.0.1 for the first-run demo: the
// same ADB daemon the tests use, with the default pleasant content. It listens on loopback only,
// on a free port, and stops when the demo is stopped or the app quits.
import { createDemoPhone } from '../demo-phone/create-phone.ts';
import { DEFAULT_PHONE_OPTIONS, type PhoneOptions } from '../demo-phone/options.ts';
import { startDemoPhone } from '../demo-phone/server.ts';
import type { DemoPhoneLauncher } from './ports.ts';

const HOST = '127.0.0.1';

export function builtInDemoPhone(options: Partial<PhoneOptions> = {}): DemoPhoneLauncher {
  return {
    async start() {
      const phoneOptions: PhoneOptions = { ...DEFAULT_PHONE_OPTIONS, ...options };
      const running = await startDemoPhone(createDemoPhone(phoneOptions), {
        ...phoneOptions,
        host: HOST,
        onProblem: (error) => console.error('Vitre demo phone:', error.message),
      });
      return { host: HOST, port: running.port, stop: () => running.close() };
    },
  };
}
