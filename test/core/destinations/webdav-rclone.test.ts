import { openDestination } from '../../../main/core/destinations/open-destination.ts';
import { startRcloneWebdav } from '../../support/servers/rclone-webdav.ts';
import { describeConformance } from './conformance.ts';

describeConformance('WebDAV (rclone serve webdav)', async () => {
  const server = await startRcloneWebdav();
  const destination = openDestination(
    { kind: 'webdav', name: 'Test rclone', url: `${server.url}/backup`, username: server.username },
    { password: server.password },
  );
  return {
    destination,
    async close() {
      await destination.close();
      await server.close();
    },
  };
}, { paginationCount: 50 });
