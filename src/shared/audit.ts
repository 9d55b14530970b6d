/**
 * The audit report of one frame, as the overlay exports it (JSON, CSV) and as
 * the `tab:audit` message returns it. Pure: shared with the audit CLI.
 */
import { IMAGE_STATUSES, type ImageStatus } from './image-status';
import type { ConceptFinding } from './concept-finding';
import type { ImageType } from './image-type';

/** One image of the audit. `selector` follows axe-core's `target`: one CSS selector per shadow tree, outermost first. */
export interface AuditRow {
  id: string;
  kind: string;
  status: ImageStatus;
  nameStatus: Exclude<ImageStatus, 'skipped'>;
  ruleId: string;
  reason: string;
  name: string;
  src: string | null;
  priority: number;
  selector: string[];
  /** The engine's suggested description, when it answered. */
  description: string | null;
  descriptionConfidence: number | null;
  /** What kind of picture the engine's gate says it is (photo, chart, screenshot, text, logo, illustration). */
  imageType: ImageType | null;
  imageTypeConfidence: number | null;
  /** Why the gate decided so, in plain words. */
  imageTypeReasons: string[];
  /** Text read in the image by OCR ('' when none). */
  ocrText: string | null;
  /** What the engine is sure the photo shows, each with its evidence: "dog 97%: object detector …; ImageNet classes → dog: …". */
  concepts: string[];
  /** Why the sentence caption was not used although it cleared the floor (it contradicts the evidence). */
  captionWithheld: string | null;
  /** The engine's plain-words reason when it could not describe the image. */
  descriptionError: string | null;
  /** What Glimpse did with the description: wrote it plainly, hedged it, or withheld it. */
  labelState: 'confident' | 'hedged' | 'withheld' | null;
  /** The name Glimpse wrote (marker included), as screen readers now read it. */
  label: string | null;
  /** Why no name was written, when withheld. */
  labelWithheld: string | null;
}

export interface AuditReport {
  url: string;
  generatedAt: string;
  counts: Record<ImageStatus, number>;
  rows: AuditRow[];
  /** How long the scanner took in this frame. */
  stats: { initialMs: number; initialCount: number; fullPasses: number; rescanMs: number | null };
}

/**
 * The engine has answered for this image: a caption, a failure, or an image
 * type (charts, banners, logos… are answered without a caption).
 */
export function engineAnswered(row: { description: string | null; descriptionError: string | null; imageType: string | null }): boolean {
  return row.description !== null || row.descriptionError !== null || row.imageType !== null;
}

/** Zeroed counts, one key per status. */
export function emptyCounts(): Record<ImageStatus, number> {
  return Object.fromEntries(IMAGE_STATUSES.map((s) => [s, 0])) as Record<ImageStatus, number>;
}

/**
 * Counts per status.
 *
 * @example
 *   countStatuses([{ status: 'missing' }, { status: 'missing' }]).missing // → 2
 */
export function countStatuses(items: Iterable<{ status: ImageStatus }>): Record<ImageStatus, number> {
  const counts = emptyCounts();
  for (const item of items) counts[item.status] += 1;
  return counts;
}

export const CSV_COLUMNS = ['id', 'kind', 'status', 'nameStatus', 'ruleId', 'reason', 'name', 'src', 'priority', 'selector', 'description', 'descriptionConfidence', 'imageType', 'imageTypeConfidence', 'imageTypeReasons', 'ocrText', 'concepts', 'captionWithheld', 'descriptionError', 'labelState', 'label', 'labelWithheld'] as const;

function csvCell(value: unknown, joiner = ' >>> '): string {
  const text = value === null || value === undefined ? '' : Array.isArray(value) ? value.join(joiner) : String(value);
  // RFC 4180 quoting; a leading = + - @ is prefixed with ' so spreadsheets don't run page text as a formula.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The rows as CSV (RFC 4180, CRLF line ends, header first). Shadow selectors are joined with " >>> ".
 *
 * @example
 *   toCsv([]) // → 'id,kind,status,…\r\n'
 */
export function toCsv(rows: readonly AuditRow[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const row of rows) lines.push(CSV_COLUMNS.map((c) => csvCell(row[c], c === 'imageTypeReasons' || c === 'concepts' ? '; ' : ' >>> ')).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * One concept as the audit and the overlay cite it.
 *
 * @example conceptLine({ phrase: 'a dog', probability: 0.97, reasons: ['object detector (YOLOX-Nano, COCO): dog 0.91'] })
 *   // → 'a dog 97%: object detector (YOLOX-Nano, COCO): dog 0.91'
 */
export function conceptLine(c: Pick<ConceptFinding, 'phrase' | 'probability' | 'reasons'>): string {
  return `${c.phrase} ${Math.round(c.probability * 100)}%: ${c.reasons.join(', ')}`;
}
