/**
 * Feature: the frame's audit as data. Builds the AuditReport (for the overlay's
 * JSON/CSV export) and answers `tab:audit` and `tab:counts` from the extension.
 *
 * @example
 *   answerAudits(registry, scanner, controller.signal);
 */
import { conceptLine, pageCounts, type AuditReport, type AuditRow } from '../shared/audit';
import { listenTab } from './listen-tab';
import type { ImageRecord, ImageRegistry } from './registry-types';
import type { Scanner } from './scan/scanner';
import { mapImageOf } from './scan/geometry';
import { selectorPath } from './scan/selector';

function mapImageSelector(record: ImageRecord): string[] | null {
  if (record.kind !== 'area') return null;
  const img = mapImageOf(record.element);
  return img ? selectorPath(img) : null;
}

function rowOf(record: ImageRecord): AuditRow {
  const described = record.description?.ok ? record.description : null;
  const label = record.glimpseLabel;
  return {
    id: record.id,
    kind: record.kind,
    status: record.status,
    ruleId: record.ruleId,
    reason: record.reason,
    describe: record.describe,
    describeReason: record.describeReason,
    name: record.name,
    src: record.src,
    priority: record.priority,
    selector: selectorPath(record.element),
    mapImage: mapImageSelector(record),
    description: described?.captioned ? described.text : null,
    descriptionConfidence: described?.captioned ? described.confidence : null,
    descriptionModel: described?.captioned ? (described.model?.name ?? null) : null,
    imageType: described?.imageType?.type ?? null,
    imageTypeConfidence: described?.imageType?.confidence ?? null,
    imageTypeReasons: described?.imageType?.reasons ?? [],
    ocrText: described ? described.ocrText : null,
    concepts: (described?.concepts ?? []).map(conceptLine),
    captionWithheld: described?.captionCheck?.contradicted ? described.captionCheck.reason : null,
    descriptionError: record.description && !record.description.ok ? record.description.message : null,
    labelState: label?.state ?? null,
    label: label && label.state !== 'withheld' ? label.value : null,
    labelWithheld: label?.state === 'withheld' ? label.reason : null,
  };
}

/** The audit of this frame now, rows in document order. */
export function buildAudit(registry: ImageRegistry, scanner: Scanner, rescanMs: number | null = null): AuditReport {
  const records = registry.all().sort((a, b) => (a.element.compareDocumentPosition(b.element) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
  return {
    url: location.href,
    generatedAt: new Date().toISOString(),
    ...pageCounts(records),
    rows: records.map(rowOf),
    stats: { ...scanner.stats, rescanMs },
  };
}

export function answerAudits(registry: ImageRegistry, scanner: Scanner, signal: AbortSignal): void {
  listenTab(
    'tab:audit',
    ({ frameUrl, rescan }) => {
      const mine = frameUrl === undefined ? window === window.top : frameUrl === location.href;
      if (!mine) return undefined;
      const rescanMs = rescan ? scanner.rescan() : null;
      return buildAudit(registry, scanner, rescanMs);
    },
    signal,
  );
  // Top frame only: the background aggregates every frame's counts from `content:counts`.
  listenTab('tab:counts', () => (window === window.top ? pageCounts(registry.all()) : undefined), signal);
}
