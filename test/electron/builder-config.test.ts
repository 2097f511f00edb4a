// The packaging configuration says what the release checklist asks: the four installers, asar with
// native modules unpacked, the hardening fuses, and no publishing — and electron-builder itself
// accepts it (its own validator and schema, the ones `npm run dist` runs first).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const config = parse(readFileSync('electron-builder.yml', 'utf8')) as Record<string, unknown>;

// electron-builder's validator is not part of its typed public API; it is the function its CLI
// calls before building, so the check here is the same one a release build makes.
const require = createRequire(import.meta.url);
const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration: (config: unknown, logger: unknown) => Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
const validate = (candidate: unknown) => validateConfiguration(candidate, new DebugLogger(false));

describe('electron-builder.yml', () => {
  it('validates against electron-builder’s schema', async () => {
    await expect(validate(config)).resolves.toBeUndefined();
  });

  it('is checked for real: a misspelt option is refused', async () => {
    const misspelt = { ...config, linux: { ...(config.linux as object), categroy: 'Utility' } };
    await expect(validate(misspelt)).rejects.toThrow(/does not match the API schema/);
  });

  it('builds AppImage and deb, dmg, and nsis', () => {
    expect(config.linux).toMatchObject({ target: ['AppImage', 'deb'] });
    expect(config.mac).toMatchObject({ target: ['dmg'] });
    expect(config.win).toMatchObject({ target: ['nsis'] });
  });

  it('packs an asar with native modules unpacked', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('**/*.node');
  });

  it('turns off running as Node and NODE_OPTIONS, and checks the asar’s integrity', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('publishes nothing', () => {
    expect(config).toHaveProperty('publish', null);
  });

  it('starts the built Electron entry and ships no source maps', () => {
    expect(config.extraMetadata).toEqual({ main: 'dist/main/electron/main.js' });
    expect(config.files).toContain('!dist/**/*.map');
  });
});
