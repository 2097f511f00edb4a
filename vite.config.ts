// Builds the interface (renderer/) into dist/renderer, served by the Electron window over app://
// and by the local web host. No inline scripts: the CSP both hosts send forbids them.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // The polyfill would be injected as an inline script, which the CSP refuses.
    modulePreload: { polyfill: false },
    target: 'es2023',
    sourcemap: true,
  },
});
