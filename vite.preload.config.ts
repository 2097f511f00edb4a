// Bundles the Electron preload (preload/bridge.ts and the contract's channel list) into one
// CommonJS file: a sandboxed preload cannot load ES modules or other files.
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    outDir: 'dist/preload',
    emptyOutDir: false,
    minify: false,
    sourcemap: false,
    target: 'es2023',
    lib: { entry: 'preload/bridge.ts', formats: ['cjs'], fileName: () => 'bridge.cjs' },
    rollupOptions: { external: ['electron'] },
  },
});
