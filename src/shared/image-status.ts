/**
 * The statuses an image can have, as axe-core's image rules see it.
 * The rules that assign them (and their reason sentences) live in
 * src/shared/image-rules.ts as one table; their DOM checks in src/content/scan/checks.ts.
 */
export const IMAGE_STATUSES = ['missing', 'suspicious', 'decorative', 'labelled', 'skipped'] as const;
export type ImageStatus = (typeof IMAGE_STATUSES)[number];

/** How each status is named to people: the overlay panel, the popup and reports say the same words. */
export const STATUS_LABELS: Record<ImageStatus, string> = {
  missing: 'Missing a text alternative',
  suspicious: 'Suspicious text alternative',
  decorative: 'Decorative',
  labelled: 'Labelled',
  skipped: 'Skipped (hidden, tiny or broken)',
};
