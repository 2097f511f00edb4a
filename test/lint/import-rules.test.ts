// DESIGN.md's import rules are enforced by eslint.config.js. These cases lint source text as if it
// lived at the given path, with the project's real configuration, and assert the verdict.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function violations(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId?.endsWith('no-restricted-imports') || m.ruleId === 'no-restricted-globals')
    .map((m) => m.message);
}

const refused: Array<[string, string, string]> = [
  ['main/core/backup/runner.ts', `import { app } from 'electron';\nexport const a = app;\n`, 'electron'],
  ['main/core/backup/runner.ts', `import { x } from '../../web/server.ts';\nexport const a = x;\n`, 'host'],
  ['main/core/backup/runner.ts', `import { x } from '../../cli/main.ts';\nexport const a = x;\n`, 'host'],
  ['main/core/device/adb.ts', `import * as net from 'node:net';\nexport const a = net;\n`, 'Network'],
  ['main/core/destinations/s3.ts', `import https from 'node:https';\nexport const a = https;\n`, 'Network'],
  ['main/core/destinations/s3.ts', `import { request } from 'undici';\nexport const a = request;\n`, 'Network'],
  ['main/cli/main.ts', `import dgram from 'dgram';\nexport const a = dgram;\n`, 'Network'],
  ['main/core/backup/runner.ts', `export const a = fetch('http://example.test/');\n`, 'guarded'],
  ['preload/contract/api.ts', `import type { X } from '../../main/core/api/x.ts';\nexport type A = X;\n`, 'nothing outside'],
  ['renderer/devices/list.ts', `import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n`, 'node:'],
  ['renderer/devices/list.ts', `import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;\n`, 'electron'],
  ['renderer/devices/list.ts', `import { api } from '../../preload/contract/api.ts';\nexport const a = api;\n`, 'only types'],
  ['renderer/devices/list.ts', `import { Chart } from '../activity/chart.ts';\nexport const a = Chart;\n`, 'each other'],
];

describe('import rules', () => {
  it.each(refused)('refuses in %s: %s', async (filePath, code, reason) => {
    const messages = await violations(filePath, code);
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.join('\n')).toContain(reason);
  });

  it('lets main/core/net open sockets', async () => {
    expect(await violations('main/core/net/tcp.ts', `import * as net from 'node:net';\nexport const a = net;\n`)).toEqual([]);
  });

  it('lets the renderer import types from the contract and shared components', async () => {
    const code = `import type { Device } from '../../preload/contract/api.ts';\nimport { Button } from '../components/button.ts';\nexport type A = Device;\nexport const b = Button;\n`;
    expect(await violations('renderer/devices/list.ts', code)).toEqual([]);
  });

  it('lets the contract import its own files', async () => {
    expect(await violations('preload/contract/api.ts', `import type { X } from './events.ts';\nexport type A = X;\n`)).toEqual([]);
  });

  it('passes on the whole tree', async () => {
    const results = await eslint.lintFiles(['.']);
    const problems = results.flatMap((r) => r.messages.filter((m) => m.severity === 2).map((m) => `${r.filePath}:${m.line} ${m.message}`));
    expect(problems).toEqual([]);
  }, 120_000);
});
