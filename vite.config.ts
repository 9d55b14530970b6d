import { defineConfig } from 'vite';
import { crx } from '@crxjs/vite-plugin';
import manifest from './manifest.json' with { type: 'json' };

export default defineConfig({
  plugins: [crx({ manifest })],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'chrome116',
    rollupOptions: {
      // Pages the manifest doesn't name: the offscreen document that hosts the engine.
      input: { offscreen: 'src/engine/offscreen.html' },
    },
  },
  // The caption worker imports onnxruntime, which loads its runtime with dynamic import(): only ES-module workers can.
  worker: { format: 'es' },
  server: { port: 5173, strictPort: true, hmr: { port: 5173 } },
});
