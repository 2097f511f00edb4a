// The import rules of DESIGN.md, enforced. Each block names the folder it guards and why.
import tseslint from 'typescript-eslint';

const FEATURES = ['devices', 'backup', 'history', 'destinations', 'activity', 'settings'];

// Raw network modules: all egress passes the guard in main/core/net, so only it may open sockets.
const NETWORK_MODULES = ['http', 'https', 'http2', 'net', 'tls', 'dgram', 'undici'].flatMap((m) =>
  m === 'undici' ? [m] : [m, `node:${m}`],
);

const networkBan = {
  paths: NETWORK_MODULES.map((name) => ({
    name,
    message: 'Network access goes through main/core/net (the egress guard). See DESIGN.md, "Import rules".',
  })),
};

/** What the renderer may not import (plus `extra`): it sees the engine only as types of the contract. */
function rendererImports(extra) {
  return {
    paths: [{ name: 'electron', message: 'The renderer never touches electron; use the typed API.' }],
    patterns: [
      { regex: '^node:', message: 'The renderer never imports node:* modules.' },
      { group: ['**/main/**'], message: 'The renderer talks to the engine only through the typed API.' },
      { group: ['**/preload/contract/**'], allowTypeImports: true, message: 'The renderer imports only types from preload/contract.' },
      ...extra,
    ],
  };
}

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'test/lint/fixtures/**', 'renderer/dist/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['main/core/net/**'],
    rules: {
      'no-restricted-imports': ['error', networkBan],
      'no-restricted-globals': [
        'error',
        { name: 'fetch', message: 'Use the guarded transport from main/core/net.' },
      ],
    },
  },
  {
    files: ['main/core/**/*.ts'],
    ignores: ['main/core/net/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...networkBan,
          paths: [...networkBan.paths, { name: 'electron', message: 'main/core runs under plain Node: no electron.' }],
          patterns: [
            {
              group: ['**/main/electron/**', '**/main/web/**', '**/main/cli/**', '**/renderer/**', '**/electron/**', '**/web/**', '**/cli/**'],
              message: 'main/core never imports a host (electron, web, cli) or the renderer.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['main/core/net/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'main/core runs under plain Node: no electron.' }],
          patterns: [
            {
              group: ['**/main/electron/**', '**/main/web/**', '**/main/cli/**', '**/renderer/**'],
              message: 'main/core never imports a host (electron, web, cli) or the renderer.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['preload/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        // The schema library is a package, not project code: the contract validates with it.
        { patterns: [{ regex: '^(?!\\./|zod$)', message: 'preload/contract imports nothing outside itself.' }] },
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': ['error', rendererImports([])],
    },
  },
  ...FEATURES.map((feature) => ({
    files: [`renderer/${feature}/**/*.ts`, `renderer/${feature}/**/*.tsx`],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        rendererImports([
          {
            group: FEATURES.filter((f) => f !== feature).map((f) => `**/${f}/**`),
            message: 'Renderer features do not import each other; shared pieces live in renderer/components.',
          },
        ]),
      ],
    },
  })),
);
