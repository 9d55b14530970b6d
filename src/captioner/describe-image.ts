/**
 * One image, described honestly: the encoder runs once; its ImageNet logits,
 * the pixel statistics and OCR feed the image-type gate; only photos go on to
 * the caption decoder. Charts, screenshots, banners, logos and illustrations
 * come back with their type and the text read in them, never with a caption
 * the photo-trained model would invent.
 *
 * @example
 *   const d = await describeImage({ captioner, gate, ocr }, rgba, { url: img.src });
 *   d.type?.type      // 'chart'
 *   d.caption.decoded // false: the decoder never ran
 *   d.text?.text      // 'Quarterly sales 2024 …'
 */
import { classify, type GateModel, type TypeDecision } from './image-type/gate';
import { gatherEvidence, type TextReading } from './image-type/evidence';
import type { Caption, Captioner, GenerateOptions, RgbaImage } from './types';
import type { ImageType } from '../shared/image-type';

/** An OCR engine as the describer needs it. */
export interface TextReader {
  read(image: RgbaImage): Promise<TextReading>;
}

export interface DescribeParts {
  captioner: Pick<Captioner, 'caption'>;
  /** Without a gate every image is captioned, as before the gate existed. */
  gate: GateModel | null;
  ocr: TextReader | null;
}

export interface Description {
  caption: Caption;
  type: TypeDecision | null;
  text: TextReading | null;
  /** Why OCR gave nothing, when it failed (the description goes on without text). */
  textError: string | null;
  timings: { ocr: number; gate: number };
}

export async function describeImage(
  parts: DescribeParts,
  image: RgbaImage,
  options: { url?: string; placeHint?: ImageType | null; generate?: GenerateOptions } = {},
): Promise<Description> {
  let type: TypeDecision | null = null;
  let text: TextReading | null = null;
  let textError: string | null = null;
  let decided = false;
  const timings = { ocr: 0, gate: 0 };
  const caption = await parts.captioner.caption(image, {
    ...options.generate,
    // Runs again if a WebGPU failure makes the captioner retry on WASM; the first answer stands.
    beforeDecode: async ({ imagenetLogits }) => {
      if (!decided) {
        const t0 = performance.now();
        try {
          text = parts.ocr ? await parts.ocr.read(image) : null;
        } catch (error) {
          textError = `Text could not be read: ${error instanceof Error ? error.message : String(error)}`;
        }
        const t1 = performance.now();
        type = parts.gate ? classify(parts.gate, gatherEvidence(image, imagenetLogits, text), options.url, options.placeHint ?? null) : null;
        timings.ocr = t1 - t0;
        timings.gate = performance.now() - t1;
        decided = true;
      }
      return type === null || (type as TypeDecision).type === 'photo';
    },
  });
  return { caption, type, text, textError, timings };
}
