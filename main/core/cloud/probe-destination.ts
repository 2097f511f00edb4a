// `vitre destination test`: can Vitre reach the destination, do the credentials work, can it
// write, read back and delete a small probe object? Each step is reported as it finishes, and the
// first failure stops the rest (a write cannot work where the server is unreachable).
import { randomBytes } from 'node:crypto';
import { buffer } from 'node:stream/consumers';
import { REPOSITORY_KEY_FILE_NAME } from '../crypto/index.ts';
import { isNotFound } from '../destinations/destination-error.ts';
import { withActivityContext } from '../net/activity-context.ts';
import { CLOUD_MODULE, type CloudDestination } from './cloud-destination.ts';

export interface ProbeStep {
  step: 'reach' | 'credentials' | 'write' | 'read' | 'delete';
  ok: boolean;
  message: string;
}

export async function probeDestination(destination: CloudDestination, onStep: (step: ProbeStep) => void = () => {}): Promise<ProbeStep[]> {
  const storage = destination.storage;
  const steps: ProbeStep[] = [];
  const probe = `vitre-probe-${randomBytes(8).toString('hex')}`;
  const content = randomBytes(1024);
  const run = async (step: ProbeStep['step'], success: string, work: () => Promise<void>): Promise<boolean> => {
    try {
      await withActivityContext({ job: 'test destination', destination: destination.settings.name, module: CLOUD_MODULE }, work);
      steps.push({ step, ok: true, message: success });
    } catch (error) {
      steps.push({ step, ok: false, message: error instanceof Error ? error.message : String(error) });
    }
    onStep(steps.at(-1)!);
    return steps.at(-1)!.ok;
  };
  let hasKey = false;
  const ok =
    (await run('reach', 'the server answers', async () => {
      // A stat of the key file both reaches the server and tells whether a repository is there.
      hasKey = await storage.stat(REPOSITORY_KEY_FILE_NAME).then(() => true, (error: unknown) => {
        if (isNotFound(error)) return false;
        throw error;
      });
    })) &&
    (await run('credentials', 'the credentials are accepted', async () => {
      for await (const _ of storage.list('vitre-probe-')) break;
    })) &&
    (await run('write', `wrote a 1 KiB probe object (${probe})`, async () => {
      await storage.put(probe, content, { size: content.byteLength });
    })) &&
    (await run('read', 'read it back, byte for byte', async () => {
      const back = await buffer(await storage.get(probe));
      if (!back.equals(content)) throw new Error('the probe object came back different from what was written');
    }));
  if (steps.some((step) => step.step === 'write' && step.ok)) {
    const found = hasKey ? 'a Vitre backup is already there' : 'no Vitre backup there yet';
    await run('delete', `deleted the probe object${ok ? `; ${found}` : ''}`, () => storage.delete(probe));
  }
  return steps;
}
