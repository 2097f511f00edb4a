import { describe, expect, it } from 'vitest';
import { DestinationError } from '../../../main/core/destinations/destination-error.ts';
import { openDestination } from '../../../main/core/destinations/open-destination.ts';
import { startRcloneWebdav } from '../../support/servers/rclone-webdav.ts';
import { describeConformance, webdavTarget } from './conformance.ts';

describeConformance('WebDAV (rclone serve webdav)', () => webdavTarget(startRcloneWebdav, 'Test rclone'), { paginationCount: 50 });

describe('a WebDAV destination with a wrong password', () => {
  it('fails at once with a permanent, actionable error that does not contain the password', async () => {
    const server = await startRcloneWebdav();
    const password = 'wrong-password-that-must-not-leak';
    const destination = openDestination({ kind: 'webdav', name: 'Nextcloud', url: `${server.url}/backup`, username: server.username }, { password });
    try {
      const error = await destination.put('x', Buffer.from('data')).catch((failure: unknown) => failure);
      expect(error).toBeInstanceOf(DestinationError);
      expect(error).toMatchObject({ kind: 'unauthorized', permanent: true, message: expect.stringMatching(/refused the credentials/) });
      const everything = JSON.stringify(error, Object.getOwnPropertyNames(error)) + String((error as Error).stack) + String((error as Error).cause);
      expect(everything).not.toContain(password);
      expect(everything).not.toContain(Buffer.from(`${server.username}:${password}`).toString('base64'));
    } finally {
      await destination.close();
      await server.close();
    }
  });
});
