/**
 * What kind of picture an image is, as the engine's image-type gate decides
 * before captioning. Only photos are captioned: the captioner learned from
 * photos of people, dogs and outdoor scenes, and invents them in anything else.
 */
export const IMAGE_TYPES = ['photo', 'chart', 'screenshot', 'text', 'logo', 'illustration', 'document'] as const;

export type ImageType = (typeof IMAGE_TYPES)[number];

/** Plain words for each type, as labels, the overlay and the audit report say them. */
export const IMAGE_TYPE_LABELS: Record<ImageType, string> = {
  photo: 'Photo',
  chart: 'Chart or diagram',
  screenshot: 'Screenshot',
  text: 'Text image',
  logo: 'Logo or icon',
  illustration: 'Illustration',
  document: 'Document (a scanned page or receipt)',
};

export function isImageType(value: unknown): value is ImageType {
  return typeof value === 'string' && (IMAGE_TYPES as readonly string[]).includes(value);
}
