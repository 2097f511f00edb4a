import { describe, expect, it } from 'vitest';
import { callingModule, currentPurpose, inheritPurpose, purposeForChild, setInheritedPurpose, withActivityContext } from '../../../main/core/net/activity-context.ts';

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

  it('hands the job, category and destination to a child or worker, which inherits them', () => {
    const handed = withActivityContext({ job: 'backup-7', category: 'photos', destination: 'NAS', module: 'backup/runner' }, purposeForChild);
    expect(JSON.parse(handed)).toEqual({ job: 'backup-7', category: 'photos', destination: 'NAS' });
    inheritPurpose({ VITRE_PURPOSE: handed });
    expect(currentPurpose()).toMatchObject({ job: 'backup-7', category: 'photos', destination: 'NAS' });
    expect(withActivityContext({ category: 'contacts' }, currentPurpose)).toMatchObject({ job: 'backup-7', category: 'contacts' });
    inheritPurpose({ VITRE_PURPOSE: '{not json' });
    expect(currentPurpose().job).toBe('backup-7');
    setInheritedPurpose({});
    expect(currentPurpose().job).toBeUndefined();
  });
});
