/** The gate's Evidence from a dumped evidence line, so a gate file can be re-scored without running the models. */
import { BASE_FEATURES, type Evidence } from '../../src/captioner/index';
import type { PixelStats } from '../../src/captioner/image-type/pixel-stats';
import type { EncoderView } from '../../src/captioner/types';
import type { EvidenceLine } from './dump-evidence';

/** The pixel statistics among the dumped features: the names without a source prefix (`imagenet.`, `ocr.`). */
const STATS = BASE_FEATURES.filter((f) => !f.includes('.')) as (keyof PixelStats)[];

/** A copy of what the encoder saw (its output buffers may be reused). */
export function keepView(view: EncoderView): EncoderView {
  return { imagenetLogits: view.imagenetLogits && Float32Array.from(view.imagenetLogits), pooled: view.pooled && Float32Array.from(view.pooled) };
}

/** The pooled features as a dumped line keeps them. */
export function pooledOf(evidence: Evidence): number[] {
  return Array.from(evidence.pooled ?? [], (v) => Number(v.toFixed(4)));
}

/** The Evidence a dumped line was made from. */
export function evidenceOf(line: EvidenceLine): Evidence {
  return {
    stats: Object.fromEntries(STATS.map((k) => [k, line.features[k]!])) as unknown as PixelStats,
    imagenet: line.imagenet.length ? Float32Array.from(line.imagenet) : null,
    pooled: line.pooled?.length ? Float32Array.from(line.pooled) : null,
    text: line.ocr,
  };
}

