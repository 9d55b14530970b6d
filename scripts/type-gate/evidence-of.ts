/** The gate's Evidence from a dumped evidence line, so a gate file can be re-scored without running the models. */
import { BASE_FEATURES, type Evidence } from '../../src/captioner/index';
import type { PixelStats } from '../../src/captioner/image-type/pixel-stats';
import type { EvidenceLine } from './dump-evidence';

/** The pixel statistics among the dumped features: the names without a source prefix (`imagenet.`, `ocr.`). */
const STATS = BASE_FEATURES.filter((f) => !f.includes('.')) as (keyof PixelStats)[];

/** The Evidence a dumped line was made from. */
export function evidenceOf(line: EvidenceLine): Evidence {
  return {
    stats: Object.fromEntries(STATS.map((k) => [k, line.features[k]!])) as unknown as PixelStats,
    imagenet: line.imagenet.length ? Float32Array.from(line.imagenet) : null,
    text: line.ocr,
  };
}

