import { openDestination } from '../../../main/core/destinations/open-destination.ts';
import { startApacheWebdav } from '../../support/servers/apache-webdav.ts';
import { describeConformance } from './conformance.ts';

describeConformance('WebDAV (Apache mod_dav)', async () => {
  const server = await startApacheWebdav();
  const destination = openDestination(
    { kind: 'webdav', name: 'Test Apache', url: `${server.url}/backup`, username: server.username },
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
