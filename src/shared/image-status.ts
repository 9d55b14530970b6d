/**
 * The statuses an image can have, as axe-core's image rules see it.
 * The rules that assign them (and their reason sentences) live in
 * src/shared/image-rules.ts as one table; their DOM checks in src/content/scan/checks.ts.
 */
export const IMAGE_STATUSES = ['missing', 'suspicious', 'decorative', 'labelled', 'skipped'] as const;
export type ImageStatus = (typeof IMAGE_STATUSES)[number];
