import { describe, expect, it } from 'vitest';
import { callingModule, currentPurpose, withActivityContext } from '../../../main/core/net/activity-context.ts';

describe('the purpose of a request', () => {
  it('follows async work started inside withActivityContext', async () => {
    const purpose = await withActivityContext({ job: 'backup-42', category: 'photos', destination: 'My S3', module: 'backup/runner' }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return new Promise((resolve) => setImmediate(() => resolve(currentPurpose())));
    });
    expect(purpose).toEqual({ job: 'backup-42', category: 'photos', destination: 'My S3', module: 'backup/runner' });
  });

  it('lets inner contexts refine the outer one', () => {
    const purpose = withActivityContext({ job: 'backup-42', category: 'photos' }, () =>
      withActivityContext({ category: 'contacts', destination: 'Local folder', module: 'categories/contacts' }, currentPurpose));
    expect(purpose).toEqual({ job: 'backup-42', category: 'contacts', destination: 'Local folder', module: 'categories/contacts' });
  });

  it('names the calling module from the stack when the engine did not', () => {
    expect(callingModule()).toMatch(/activity-context\.test\.ts$|vitest/);
    expect(withActivityContext({ job: 'j' }, currentPurpose).module).toBeTruthy();
    expect(currentPurpose().module).not.toBe('unknown');
  });
});
