import { startApacheWebdav } from '../../support/servers/apache-webdav.ts';
import { describeConformance, webdavTarget } from './conformance.ts';

describeConformance('WebDAV (Apache mod_dav)', () => webdavTarget(startApacheWebdav, 'Test Apache'), { paginationCount: 50 });
