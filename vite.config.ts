import { defaultClientConditions, defineConfig } from 'vite';
import { crx } from '@crxjs/vite-plugin';
import manifest from './manifest.json' with { type: 'json' };
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Plugin } from 'vite';
import { installedDetectorFile } from './scripts/lib/detector-model';
import { verifiedOcrFiles } from './scripts/lib/ocr-models';
import { DEFAULT_MODEL_ID } from './src/shared/model-id';
import { modelComplete } from './scripts/lib/model-complete';
import { firefoxManifest } from './scripts/lib/firefox-manifest';

/**
 * Ships the trained captioner as dist/models/glimpse-captioner/: the folder
 * assembled by `npm run models` in .cache/models/, else the committed
 * models/ folder. Complete means config.json plus both ONNX parts; the build
 * fails when it is not (e.g. the encoder still needs assembling from its
 * third-party backbone), since there is no other model to fall back to and a
 * random-weights stand-in must never ship (the format-test model lives in
 * scripts/lib/fixtures/). Also ships the OCR files pinned in
 * models/manifest.json (`packaged.ocr`) as dist/models/ocr/, and the YOLOX-Nano
 * detector (`thirdParty.yolox_nano`, written by `npm run models`) as
 * dist/models/detector/.
 */
function shipModels(): Plugin {
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : [join(dir, name)]));
  // Parts that `npm run models` merges into another file (the trained encoder
  // head, inside encoder_model) are inputs of the assembly, not of the runtime.
  const manifestPath = 'models/manifest.json';
  const consumed = new Set<string>(
    existsSync(manifestPath)
      ? Object.entries((JSON.parse(readFileSync(manifestPath, 'utf8')) as { models: Record<string, { assemble?: { head: string }[] }> }).models).flatMap(
          ([id, model]) => (model.assemble ?? []).map((a) => `${id}/${a.head}`),
        )
      : [],
  );
  return {
        name: 'glimpse-ship-models',
        apply: 'build',
        generateBundle() {
          for (const id of [DEFAULT_MODEL_ID]) {
            const folder = ['.cache/models', 'models'].map((root) => join(root, id)).find(modelComplete);
            if (!folder) {
              this.error(`The trained captioner ${id} is incomplete (config.json, onnx/encoder_model*.onnx and onnx/decoder_model_merged*.onnx are needed): run npm run models. Glimpse does not ship without it.`);
            }
            for (const file of files(folder)) {
              if (consumed.has(`${id}/${relative(folder, file)}`)) continue;
              this.emitFile({ type: 'asset', fileName: `models/${id}/${relative(folder, file)}`, source: readFileSync(file) });
            }
          }
          // OCR (PaddleOCR PP-OCRv4) from node_modules, refused unless each file matches its manifest sha256.
          for (const f of verifiedOcrFiles()) this.emitFile({ type: 'asset', fileName: `models/ocr/${f.file}`, source: f.bytes });
          // YOLOX-Nano from .cache/models/detector/, refused unless it matches its manifest sha256 and size.
          const detector = installedDetectorFile();
          this.emitFile({ type: 'asset', fileName: `models/${detector.install}`, source: detector.bytes });
        },
  };
}

/**
 * Two builds from one tree: `vite build` is Chrome (dist/), `vite build --mode
 * firefox` is Firefox (dist-firefox/, manifest from firefox-manifest.ts). The
 * only source difference is `#engine-adapter` (package.json "imports"), which
 * the `firefox` resolve condition points at the background-page engine host.
 */
export default defineConfig(({ mode }) => {
  const firefox = mode === 'firefox';
  return {
  plugins: [firefox ? crx({ manifest: firefoxManifest(manifest) as unknown as typeof manifest, browser: 'firefox' }) : crx({ manifest }), shipModels()],
  resolve: {
    conditions: firefox ? ['firefox', ...defaultClientConditions] : [...defaultClientConditions],
    // In the browser, onnxruntime's plain WASM build by default: it starts and
    // runs fastest on WASM. The caption worker imports the WebGPU build
    // (`onnxruntime-web/jspi`: native WebGPU EP on the JSPI WASM build) only when
    // it will use a GPU. The default entry's JSEP WebGPU path gives wrong captions
    // for the shipped int8 model on Chromium 156 (SwiftShader), while the native
    // WebGPU EP matches WASM token for token. Node keeps the default entry.
    alias: [{ find: /^onnxruntime-web$/, replacement: 'onnxruntime-web/wasm' }],
  },
  build: {
    outDir: firefox ? 'dist-firefox' : 'dist',
    emptyOutDir: true,
    target: firefox ? 'firefox153' : 'chrome116',
    rollupOptions: {
      // Pages the manifest doesn't name: Chrome's offscreen document that hosts the engine (Firefox hosts it in the background page).
      input: firefox ? [] : { offscreen: 'src/engine/offscreen.html' },
    },
  },
  // The caption worker imports onnxruntime, which loads its runtime with dynamic import(): only ES-module workers can.
  worker: { format: 'es' },
  server: { port: 5173, strictPort: true, hmr: { port: 5173 } },
  };
});
