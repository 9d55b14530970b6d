/**
 * The audit as a plain-text report for a terminal: one block per image
 * (selector, source, status, reason, image type and why, text read,
 * description, confidence, name written), then totals.
 */
import type { PageAudit } from './collect-audit';

function percent(value: number | null): string {
  return value === null ? '' : ` (confidence ${(value * 100).toFixed(0)}%)`;
}

export function formatAudit(audit: PageAudit & { page: string }): string {
  const lines = [`Glimpse image audit of ${audit.page}`, ''];
  audit.images.forEach((row, i) => {
    lines.push(`${i + 1}. [${row.status}] ${row.selector.join(' >>> ')}`);
    if (row.src) lines.push(`   source: ${row.src}`);
    lines.push(`   reason: ${row.reason}`);
    if (row.name) lines.push(`   current name: "${row.name}"`);
    if (row.imageType !== null) {
      const why = row.imageTypeReasons.length ? `: ${row.imageTypeReasons.join('; ')}` : '';
      lines.push(`   image type: ${row.imageType}${percent(row.imageTypeConfidence)}${why}`);
    }
    if (row.ocrText) lines.push(`   text read: "${row.ocrText.replace(/\s*\n\s*/g, ' / ')}"`);
    for (const concept of row.concepts ?? []) lines.push(`   sees: ${concept}`);
    if (row.description !== null) lines.push(`   description: "${row.description}"${percent(row.descriptionConfidence)}`);
    if (row.captionWithheld) lines.push(`   caption withheld: ${row.captionWithheld}`);
    if (row.descriptionError !== null) lines.push(`   not described: ${row.descriptionError}`);
    if (row.label !== null) lines.push(`   name written (${row.labelState}): "${row.label}"`);
    else if (row.labelWithheld !== null && row.descriptionError === null) lines.push(`   name withheld: ${row.labelWithheld}`);
  });
  const t = audit.totals;
  lines.push('', `Totals: ${t.total} images — missing ${t.missing}, suspicious ${t.suspicious}, decorative ${t.decorative}, labelled ${t.labelled}, skipped ${t.skipped}; described ${t.described}, not described ${t.failed}.`);
  if (!audit.complete) lines.push('Warning: the time limit ran out before every image had an answer.');
  return lines.join('\n');
}
