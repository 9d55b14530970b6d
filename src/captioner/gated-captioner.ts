/**
 * A captioner that looks with one model and speaks with another. The
 * embedded model's encoder exposes the backbone's ImageNet logits, which the
 * image-type gate and the concepts read; a downloaded model (distilvit,
 * vit-gpt2) has no such output. So the embedded encoder runs first and
 * `beforeDecode` (the gate) decides; only a photo reaches the downloaded
 * model, whose caption comes back with the embedded encoder's logits. A chart
 * is never sent to a downloaded captioner either.
 *
 * @example
 *   const parts = { captioner: gatedCaptioner(embedded, downloaded), gate, ocr, concepts };
 *   await describeImage(parts, rgba); // gate on the embedded encoder, caption from `downloaded`
 */
import type { Caption, Captioner, GenerateOptions, RgbaImage } from './types';

type Speaks = Pick<Captioner, 'caption'>;

export function gatedCaptioner(looks: Speaks, speaks: Speaks): Speaks {
  return {
    async caption(image: RgbaImage, options: GenerateOptions = {}): Promise<Caption> {
      const { beforeDecode, ...generate } = options;
      let photo = false;
      // The embedded decoder never runs: the gate's answer is kept, and the embedded model declines.
      const looked = await looks.caption(image, {
        beforeDecode: async (view) => {
          photo = beforeDecode ? await beforeDecode(view) : true;
          return false;
        },
      });
      if (!photo) return looked;
      const spoken = await speaks.caption(image, generate);
      const t = looked.timings;
      return {
        ...spoken,
        imagenetLogits: looked.imagenetLogits,
        timings: {
          preprocess: t.preprocess + spoken.timings.preprocess,
          encoder: t.encoder + spoken.timings.encoder,
          decoder: spoken.timings.decoder,
          total: t.total + spoken.timings.total,
        },
      };
    },
  };
}
