/**
 * The audit as a plain-text report for a terminal: one block per image
 * (selector, source, status and reason, describe decision, image type and
 * why, text read, description, confidence, name written), then totals that
 * give both views: "missing 12 (3 too small to describe)".
 */
import { statusTotal } from '../../src/shared/audit';
import { IMAGE_STATUSES } from '../../src/shared/image-status';
import type { PageAudit } from './collect-audit';

function percent(value: number | null): string {
  return value === null ? '' : ` (confidence ${(value * 100).toFixed(0)}%)`;
}

export function formatAudit(audit: PageAudit & { page: string }): string {
  const lines = [`Glimpse image audit of ${audit.page}`, ''];
  audit.images.forEach((row, i) => {
    lines.push(`${i + 1}. [${row.status}${row.describe === 'describe' ? '' : `, ${row.describe}`}] ${row.selector.join(' >>> ')}`);
    if (row.mapImage) lines.push(`   map image: ${row.mapImage.join(' >>> ')}`);
    if (row.src) lines.push(`   source: ${row.src}`);
    lines.push(`   reason: ${row.reason}`);
    if (row.describe !== 'describe') lines.push(`   ${row.describeReason}`);
    if (row.name) lines.push(`   current name: "${row.name}"`);
    if (row.imageType !== null) {
      const why = row.imageTypeReasons.length ? `: ${row.imageTypeReasons.join('; ')}` : '';
      lines.push(`   image type: ${row.imageType}${percent(row.imageTypeConfidence)}${why}`);
    }
    if (row.ocrText) lines.push(`   text read: "${row.ocrText.replace(/\s*\n\s*/g, ' / ')}"`);
    for (const concept of row.concepts ?? []) lines.push(`   sees: ${concept}`);
    if (row.description !== null) lines.push(`   description: "${row.description}"${percent(row.descriptionConfidence)}${row.descriptionModel ? `, by ${row.descriptionModel}` : ""}`);
    if (row.captionWithheld) lines.push(`   caption withheld: ${row.captionWithheld}`);
    if (row.descriptionError !== null) lines.push(`   description failed: ${row.descriptionError}`);
    if (row.label !== null) lines.push(`   name written (${row.labelState}): "${row.label}"`);
    else if (row.labelWithheld !== null && row.descriptionError === null) lines.push(`   name withheld: ${row.labelWithheld}`);
  });
  const t = audit.totals;
  const statuses = IMAGE_STATUSES.map((s) => statusTotal(s, t, audit.notDescribed)).join(', ');
  lines.push('', `Totals: ${t.total} images — ${statuses}; described ${t.described}, description failed ${t.failed}.`);
  if (!audit.complete) lines.push('Warning: the time limit ran out before every image had an answer.');
  return lines.join('\n');
}
