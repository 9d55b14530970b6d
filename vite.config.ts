import { defineConfig } from 'vite';
import { crx } from '@crxjs/vite-plugin';
import manifest from './manifest.json' with { type: 'json' };
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Plugin } from 'vite';

/**
 * Ships every complete model folder (one with a config.json) as
 * dist/models/<id>/: the folder assembled by `npm run models` in
 * .cache/models/<id>/ when there is one, else the committed models/<id>/.
 */
function shipModels(): Plugin {
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : [join(dir, name)]));
  return {
    name: 'glimpse-ship-models',
    apply: 'build',
    generateBundle() {
      const ids = new Set(['.cache/models', 'models'].filter(existsSync).flatMap((root) => readdirSync(root)));
      for (const id of ids) {
        const folder = ['.cache/models', 'models'].map((root) => join(root, id)).find((dir) => existsSync(join(dir, 'config.json')));
        if (!folder) continue;
        for (const file of files(folder)) {
          this.emitFile({ type: 'asset', fileName: `models/${id}/${relative(folder, file)}`, source: readFileSync(file) });
        }
      }
    },
  };
}

export default defineConfig({
  plugins: [crx({ manifest }), shipModels()],
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
