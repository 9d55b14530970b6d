import { describe, expect, it } from 'vitest';
import type { InterleavedReport, PairedReport, RunReport } from './run-options';
import { summarize, summarizeInterleaved, summarizePairs } from './summary';

const pair = (image: string, g: number, t: number, same = true) => ({
  image,
  glimpse: { text: 'a dog', ms: g },
  transformers: { text: same ? 'a dog' : 'a cat', ms: t },
});

describe('bench summaries', () => {
  it('leave the warm-up image out of the timings', () => {
    const report: RunReport = {
      runtime: 'glimpse',
      ort: 'onnxruntime-web',
      threads: 1,
      files: [],
      loadMs: 10,
      maxRssMb: 100,
      results: [
        { image: 'w', text: 'x', ms: 1000, steps: 1, stages: { preprocess: 1, encoder: 1, decoder: 998 } },
        { image: 'a', text: 'x', ms: 10, steps: 5, stages: { preprocess: 1, encoder: 4, decoder: 5 } },
        { image: 'b', text: 'x', ms: 30, steps: 5, stages: { preprocess: 1, encoder: 4, decoder: 25 } },
      ],
    };
    const s = summarize(report);
    expect(s.n).toBe(2);
    expect(s.p50).toBe(20);
    expect(s.stages?.decoder).toBe(15);
    expect(s.stages?.perToken).toBe(3);
  });

  it('compare paired timings and captions', () => {
    const report: PairedReport = { threads: 2, ort: 'onnxruntime-web', pairs: [pair('w', 500, 5000), pair('a', 10, 30), pair('b', 20, 20, false), pair('c', 40, 120)] };
    const s = summarizePairs(report);
    expect(s.n).toBe(3);
    expect(s.glimpseP50).toBe(20);
    expect(s.transformersP50).toBe(30);
    expect(s.speedup).toBe(1.5);
    expect(s.perImageRatio).toBe(3);
    expect(s.identical).toBe(3);
    expect(s.diffs).toEqual([{ image: 'b', glimpse: 'a dog', transformers: 'a cat' }]);
  });

  it('summarise the interleaved run: per photo, native reference, transformers.js', () => {
    const row = (image: string, describe: number, native: number, caption: number, transformers: number, same = true) => ({
      image,
      describe: { ms: describe, text: 'a dog runs', type: 'photo' },
      native: { ms: native, text: same ? 'a dog runs' : 'a cat', type: 'photo' },
      caption: { ms: caption, text: 'a dog' },
      transformers: { ms: transformers, text: same ? 'a dog' : 'a cat' },
    });
    const report: InterleavedReport = {
      threads: 1,
      ort: 'onnxruntime-web',
      maxRssMb: 1,
      loadMs: { describe: 1, native: 1, caption: 1, transformers: 1 },
      images: [row('w', 900, 900, 900, 900), row('a', 40, 20, 10, 30), row('b', 60, 20, 20, 40, false), row('c', 80, 40, 30, 90)],
    };
    const s = summarizeInterleaved(report);
    expect(s.n).toBe(3);
    expect(s.describe.p50).toBe(60);
    expect(s.native.p50).toBe(20);
    expect(s.nativeRatio).toBe(3);
    expect(s.transformers.p50).toBe(40);
    expect(s.speedup).toBeCloseTo(40 / 60);
    expect(s.speedupCaption).toBe(2);
    expect(s.perImageRatio).toBe(3); // 30/10, 40/20, 90/30
    expect(s.identical).toBe(3);
    expect(s.nativeIdentical).toBe(3);
  });
});
