/**
 * The audit report of one frame, as the overlay exports it (JSON, CSV) and as
 * the `tab:audit` message returns it. Pure: shared with the audit CLI.
 */
import { skipWords } from './image-rules';
import { DESCRIBE_DECISIONS, IMAGE_STATUSES, type DescribeDecision, type ImageStatus, type SkipDecision } from './image-status';
import type { ConceptFinding } from './concept-finding';
import type { ImageType } from './image-type';

/** One image of the audit. `selector` follows axe-core's `target`: one CSS selector per shadow tree, outermost first. */
export interface AuditRow {
  id: string;
  kind: string;
  /** The accessibility status, as axe-core's image rules and ARIA judge it. */
  status: ImageStatus;
  /** The status rule that decided it, and its reason sentence. */
  ruleId: string;
  reason: string;
  /** Glimpse's describe decision: 'describe', or the skip rule that holds; and its reason sentence. */
  describe: DescribeDecision;
  describeReason: string;
  name: string;
  src: string | null;
  priority: number;
  selector: string[];
  /** For an image-map <area>: the selector of the image that draws the map (null otherwise). */
  mapImage: string[] | null;
  /** The engine's suggested description, when it answered. */
  description: string | null;
  descriptionConfidence: number | null;
  /** The model that wrote the description (its name), when the engine answered. */
  descriptionModel: string | null;
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
  /** Per status, how many images Glimpse does not describe, by skip rule. */
  notDescribed: NotDescribed;
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

export type StatusCounts = Record<ImageStatus, number>;
export type NotDescribed = Record<ImageStatus, Record<SkipDecision, number>>;

/** Glimpse describes this image unasked: it is missing a text alternative, and Glimpse's describe decision says yes. */
export function needsDescription(row: { status: ImageStatus; describe: DescribeDecision }): boolean {
  return row.status === 'missing' && row.describe === 'describe';
}

/** Zeroed counts, one key per status. */
export function emptyCounts(): StatusCounts {
  return Object.fromEntries(IMAGE_STATUSES.map((s) => [s, 0])) as StatusCounts;
}

const SKIPS = DESCRIBE_DECISIONS.filter((d): d is SkipDecision => d !== 'describe');

/** Zeroed skip counts, one key per status and skip rule. */
export function emptyNotDescribed(): NotDescribed {
  return Object.fromEntries(IMAGE_STATUSES.map((s) => [s, Object.fromEntries(SKIPS.map((d) => [d, 0]))])) as NotDescribed;
}

/**
 * Counts per status.
 *
 * @example
 *   countStatuses([{ status: 'missing' }, { status: 'missing' }]).missing // → 2
 */
export function countStatuses(items: Iterable<{ status: ImageStatus }>): StatusCounts {
  const counts = emptyCounts();
  for (const item of items) counts[item.status] += 1;
  return counts;
}

/**
 * Per status, the images Glimpse skips, by skip rule.
 *
 * @example
 *   countNotDescribed([{ status: 'missing', describe: 'skip-too-small' }]).missing['skip-too-small'] // → 1
 */
export function countNotDescribed(items: Iterable<{ status: ImageStatus; describe: DescribeDecision }>): NotDescribed {
  const counts = emptyNotDescribed();
  for (const item of items) if (item.describe !== 'describe') counts[item.status][item.describe] += 1;
  return counts;
}

/** Adds `more` into `sum` (frames of one tab). */
export function addCounts(sum: { counts: StatusCounts; notDescribed: NotDescribed }, more: { counts: StatusCounts; notDescribed: NotDescribed }): void {
  for (const s of IMAGE_STATUSES) {
    sum.counts[s] += more.counts[s] ?? 0;
    for (const d of SKIPS) sum.notDescribed[s][d] += more.notDescribed[s]?.[d] ?? 0;
  }
}

/** Both counts of `items`: per status, and per status the images Glimpse does not describe. */
export function pageCounts(items: Array<{ status: ImageStatus; describe: DescribeDecision }>): { counts: StatusCounts; notDescribed: NotDescribed } {
  return { counts: countStatuses(items), notDescribed: countNotDescribed(items) };
}

/**
 * The images of one status that Glimpse does not describe, in words ('' when none).
 *
 * @example
 *   notDescribedWords(notDescribed.missing) // → '3 too small to describe, 1 not rendered'
 */
export function notDescribedWords(skips: Record<SkipDecision, number>): string {
  return SKIPS.filter((d) => skips[d] > 0).map((d) => `${skips[d]} ${skipWords(d)}`).join(', ');
}

/**
 * One status's count with the images Glimpse does not describe among them.
 *
 * @example
 *   statusTotal('missing', counts, notDescribed) // → 'missing 12 (3 too small to describe, 1 not rendered)'
 */
export function statusTotal(status: ImageStatus, counts: StatusCounts, notDescribed: NotDescribed): string {
  const skips = notDescribedWords(notDescribed[status]);
  return `${status} ${counts[status]}${skips ? ` (${skips})` : ''}`;
}

export const CSV_COLUMNS = ['id', 'kind', 'status', 'ruleId', 'reason', 'describe', 'describeReason', 'name', 'src', 'priority', 'selector', 'mapImage', 'description', 'descriptionConfidence', 'descriptionModel', 'imageType', 'imageTypeConfidence', 'imageTypeReasons', 'ocrText', 'concepts', 'captionWithheld', 'descriptionError', 'labelState', 'label', 'labelWithheld'] as const;

function csvCell(value: unknown, joiner = ' >>> '): string {
  const text = value === null || value === undefined ? '' : Array.isArray(value) ? value.join(joiner) : String(value);
  // RFC 4180 quoting; a leading = + - @ is prefixed with ' so spreadsheets don't run page text as a formula.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The rows as CSV (RFC 4180, CRLF line ends, header first). Shadow selectors are joined with " >>> ".
 * `columns` defaults to CSV_COLUMNS; the site audit puts the page first.
 *
 * @example
 *   toCsv([]) // → 'id,kind,status,…\r\n'
 */
export function toCsv<Row extends AuditRow>(rows: readonly Row[], columns: readonly (keyof Row & string)[] = CSV_COLUMNS): string {
  const lines = [columns.join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvCell(row[c], c === 'imageTypeReasons' || c === 'concepts' ? '; ' : ' >>> ')).join(','));
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
