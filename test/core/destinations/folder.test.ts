import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { openDestination } from '../../../main/core/destinations/open-destination.ts';
import { describeConformance } from './conformance.ts';

describeConformance('local folder', async () => {
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'vitre-folder-destination-'));
  const destination = openDestination({ kind: 'folder', name: 'Test folder', path: folder });
  return {
    destination,
    async close() {
      await destination.close();
      await fs.rm(folder, { recursive: true, force: true });
    },
  };
}, { paginationCount: 50 });
