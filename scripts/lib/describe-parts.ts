/**
 * The extension's whole describe path, assembled in Node from a model folder:
 * the captioner, its image-type gate, OCR, and the concept parts (the shipped
 * detector and concepts.json). The judge, the concept bench and the e2e check
 * of concepts all describe with exactly this, as the worker does.
 *
 * @example
 *   const parts = await loadDescribeParts('.cache/models/glimpse-captioner');
 *   const d = await describeImage(parts, rgba);
 *   await parts.dispose();
 */
import { checkGateModel, configureRuntime, createCaptioner, type DescribeParts, type ModelSource } from '../../src/captioner/index';
import { checkConceptModel, conceptTables, conceptTerms, createObjectDetector } from '../../src/captioner/concepts/index';
import { createOcr } from '../../src/captioner/ocr/index';
import { detectorModelSource } from './detector-model';
import { modelDir } from './model-dir';
import { ocrModelSource } from './ocr-models';

async function readJson(source: ModelSource, file: string, folder: string): Promise<unknown> {
  const bytes = await source.read(file);
  if (!bytes) throw new Error(`${folder}/${file} is missing: run npm run models`);
  return JSON.parse(new TextDecoder().decode(bytes));
}

export async function loadDescribeParts(folder: string, threads = 1): Promise<Required<DescribeParts> & { dispose(): Promise<void> }> {
  configureRuntime({ numThreads: threads });
  const source = modelDir(folder);
  const captioner = createCaptioner();
  await captioner.load(source, { backend: 'wasm' });
  const gate = checkGateModel(await readJson(source, 'image-type-gate.json', folder));
  const model = checkConceptModel(await readJson(source, 'concepts.json', folder));
  const ocr = await createOcr(ocrModelSource());
  const detector = await createObjectDetector(detectorModelSource());
  return {
    captioner,
    gate,
    ocr,
    concepts: { detector, model, tables: conceptTables(), terms: conceptTerms() },
    async dispose() {
      await captioner.dispose();
      await ocr.dispose();
      await detector.dispose();
    },
  };
}
