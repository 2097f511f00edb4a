// A simulated phone for device-layer tests: the daemon engineer's small in-memory phone, plus the
// three commands device facts need (getprop, df, dumpsys battery) answered the way a Pixel does.
import { startDemoPhone, type RunningDemoPhone } from '../../../../main/core/demo-phone/server.ts';
import type { PhoneFaults, PhoneAuth } from '../../../../main/core/demo-phone/options.ts';
import type { PhoneShell, ShellOutput, SimulatedPhone } from '../../../../main/core/demo-phone/phone.ts';
import { createTestPhone } from '../../demo-phone/daemon/test-phone.ts';

export { BIG_FILE, SMALL_FILES, generatedBytes } from '../../demo-phone/daemon/test-phone.ts';

export const PROPERTIES: Record<string, string> = {
  'ro.product.model': 'Pixel 7',
  'ro.product.manufacturer': 'Google',
  'ro.build.version.release': '14',
  'ro.build.version.sdk': '34',
  'ro.serialno': '28011FDH2000B4',
};

// Captured from a Pixel 7 (toybox df, Android 14), trimmed.
export const DF_OUTPUT = `Filesystem       1K-blocks     Used Available Use% Mounted on
/dev/block/dm-6    6123456  6100000     7456 100% /
tmpfs              3900000     1500   3898500   1% /dev
/dev/block/dm-50 115071676 40353572  74587032  36% /data
/dev/fuse        115071676 40353572  74587032  36% /storage/emulated
`;

export const BATTERY_OUTPUT = `Current Battery Service state:
  AC powered: false
  USB powered: true
  Wireless powered: false
  Max charging current: 500000
  status: 2
  health: 2
  present: true
  level: 85
  scale: 100
  voltage: 4200
  temperature: 250
  technology: Li-ion
`;

class FactsShell implements PhoneShell {
  readonly #inner: PhoneShell;
  readonly #properties: ReadonlyMap<string, string>;

  constructor(inner: PhoneShell, properties: ReadonlyMap<string, string>) {
    this.#inner = inner;
    this.#properties = properties;
  }

  async *run(command: string, signal: AbortSignal): AsyncIterable<ShellOutput> {
    const text = (value: string) => ({ stdout: Buffer.from(value) });
    if (command === 'getprop') {
      yield text([...this.#properties].map(([key, value]) => `[${key}]: [${value}]\n`).join(''));
    } else if (command === 'df') {
      yield text(DF_OUTPUT);
    } else if (command === 'dumpsys battery') {
      yield text(BATTERY_OUTPUT);
    } else {
      yield* this.#inner.run(command, signal);
      return;
    }
    yield { exit: 0 };
  }
}

export function createFactsPhone(options: { bigFileSize?: number } = {}): SimulatedPhone {
  const base = createTestPhone({ model: PROPERTIES['ro.product.model'] as string, ...options });
  const properties = new Map([...base.properties, ...Object.entries(PROPERTIES)]);
  return { properties, files: base.files, shell: new FactsShell(base.shell, properties) };
}

export interface StartOptions {
  auth?: PhoneAuth;
  trustedKeys?: string[];
  faults?: PhoneFaults;
  bigFileSize?: number;
  features?: readonly string[];
}

export async function startTestPhone(options: StartOptions = {}): Promise<RunningDemoPhone & { phone: SimulatedPhone }> {
  const phone = createFactsPhone(options.bigFileSize === undefined ? {} : { bigFileSize: options.bigFileSize });
  const running = await startDemoPhone(phone, {
    auth: options.auth ?? 'none',
    trustedKeys: options.trustedKeys ?? [],
    faults: options.faults ?? {},
    ...(options.features ? { features: options.features } : {}),
  });
  return { ...running, phone };
}
