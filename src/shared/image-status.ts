/**
 * The two things the scanner says about every image, kept apart:
 *
 * - its accessibility **status**, the audit, as axe-core's image rules and
 *   ARIA 1.2 judge it (missing, suspicious, decorative, labelled);
 * - Glimpse's **describe decision**: describe it, or skip it with a reason
 *   (too small, not rendered, broken, placeholder, nothing to describe).
 *   Skipping never changes the status: a 1×1 image without alt is still missing.
 *
 * The rules that assign both (and their reason sentences) live in
 * src/shared/image-rules.ts as one table; their DOM checks in src/content/scan/checks.ts.
 */
export const IMAGE_STATUSES = ['missing', 'suspicious', 'decorative', 'labelled'] as const;
export type ImageStatus = (typeof IMAGE_STATUSES)[number];

/** How each status is named to people: the overlay panel, the popup and reports say the same words. */
export const STATUS_LABELS: Record<ImageStatus, string> = {
  missing: 'Missing a text alternative',
  suspicious: 'Suspicious text alternative',
  decorative: 'Decorative',
  labelled: 'Labelled',
};

/** Glimpse's describe decisions: 'describe', or the id of the skip rule that holds. */
export const DESCRIBE_DECISIONS = ['describe', 'skip-not-rendered', 'skip-broken', 'skip-too-small', 'skip-placeholder', 'skip-no-picture'] as const;
export type DescribeDecision = (typeof DESCRIBE_DECISIONS)[number];
export type SkipDecision = Exclude<DescribeDecision, 'describe'>;
