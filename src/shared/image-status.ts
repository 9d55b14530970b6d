/**
 * The statuses an image can have, as axe-core's image rules see it.
 * The rules that assign them (and their reason sentences) live in
 * src/content/rules/ as one table.
 */
export const IMAGE_STATUSES = ['missing', 'suspicious', 'decorative', 'labelled', 'skipped'] as const;
export type ImageStatus = (typeof IMAGE_STATUSES)[number];
