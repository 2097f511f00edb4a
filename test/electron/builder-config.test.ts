// The packaging configuration says what the release checklist asks: the four installers, asar with
// native modules unpacked, the hardening fuses, and no publishing.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const config = parse(readFileSync('electron-builder.yml', 'utf8')) as Record<string, unknown>;

describe('electron-builder.yml', () => {
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
