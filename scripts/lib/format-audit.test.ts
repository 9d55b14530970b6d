import { describe, expect, it } from 'vitest';
import { pageCounts, type AuditRow } from '../../src/shared/audit';
import { ruleById } from '../../src/shared/image-rules';
import type { DescribeDecision, ImageStatus } from '../../src/shared/image-status';
import type { PageAudit } from './collect-audit';
import { formatAudit } from './format-audit';

function row(id: string, status: ImageStatus, ruleId: Parameters<typeof ruleById>[0], describe: DescribeDecision): PageAudit['images'][number] {
  const base: AuditRow = {
    id, kind: 'img', status, ruleId, reason: ruleById(ruleId).reason, describe, describeReason: ruleById(describe).reason, name: '', src: `http://x/${id}.png`,
    priority: 0, selector: [`#${id}`], mapImage: null, description: null, descriptionConfidence: null, descriptionModel: null, imageType: null, imageTypeConfidence: null,
    imageTypeReasons: [], ocrText: null, concepts: [], captionWithheld: null, descriptionError: null, labelState: null, label: null, labelWithheld: null,
  };
  return { ...base, frameUrl: 'http://x/' };
}

describe('formatAudit', () => {
  const images = [
    row('a', 'missing', 'missing-img', 'describe'),
    row('b', 'missing', 'missing-img', 'skip-too-small'),
    row('c', 'missing', 'missing-img', 'skip-too-small'),
    row('d', 'missing', 'missing-img', 'skip-too-small'),
    row('e', 'labelled', 'labelled', 'skip-broken'),
    { ...row('f', 'missing', 'missing-area', 'describe'), kind: 'area', mapImage: ['#map'] },
  ];
  const { counts, notDescribed } = pageCounts(images);
  const text = formatAudit({ page: 'p.html', images, notDescribed, totals: { ...counts, described: 0, failed: 0, total: images.length }, elapsedMs: 0, complete: true });

  it('gives both views in the totals line: status, and how many of them Glimpse does not describe', () => {
    expect(text).toContain('Totals: 6 images — missing 5 (3 too small to describe), suspicious 0, decorative 0, labelled 1 (1 broken); described 0, description failed 0.');
  });
  it('shows each image its status, and the skip with its reason', () => {
    expect(text).toContain('2. [missing, skip-too-small] #b');
    expect(text).toContain(`   ${ruleById('skip-too-small').reason}`);
    expect(text).toContain('1. [missing] #a');
  });
  it('names the map image of an area', () => {
    expect(text).toContain('6. [missing] #f\n   map image: #map');
  });
});
