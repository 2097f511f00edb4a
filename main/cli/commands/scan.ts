// `vitre scan TARGET`: what each category holds on the phone (count and size), nothing copied.
import type { Command } from 'commander';
import { allCategories, categoryNamed, type CategoryScan } from '../../core/categories/index.ts';
import { categoryList, runEngineCommand, withDevice } from './backup.ts';
import { formatBytes, printJson } from './device-command.ts';

export function registerScan(program: Command): void {
  program
    .command('scan')
    .description('Count what each category holds on the phone, without copying anything.')
    .argument('<target>', 'a serial from "vitre devices", or tcp:HOST:PORT')
    .option('--categories <list>', 'comma-separated category names (default: all)', categoryList)
    .option('--json', 'print JSON instead of text')
    .action((target: string, options: { categories?: string[]; json?: boolean }) =>
      runEngineCommand(() =>
        withDevice(target, async (device) => {
          const categories = options.categories ? options.categories.map(categoryNamed) : allCategories();
          const scans: CategoryScan[] = [];
          for (const category of categories) {
            scans.push(await category.scan({ device, onProblem: () => undefined }));
          }
          if (options.json) {
            printJson({ target: device.target, categories: scans });
            return;
          }
          for (const scan of scans) {
            const figures = scan.state === 'ok' ? `${scan.items} items${scan.bytes > 0 ? `, ${formatBytes(scan.bytes)}` : ''}` : scan.message ?? scan.state;
            process.stdout.write(`${scan.category.padEnd(12)} ${figures}\n`);
          }
        }),
      ),
    );
}
