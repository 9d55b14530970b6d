/**
 * What kind of picture an image is, as the engine's image-type gate decides
 * before captioning. Only photos are captioned: the captioner learned from
 * photos of people, dogs and outdoor scenes, and invents them in anything else.
 *
 * The one table of types: each with the words the audit and overlay say
 * (`label`) and how a name phrases it (src/shared/label-text.ts): the noun
 * when the gate is sure ("Map"), the guess when it is not ("may show a map"),
 * what joins the quoted text ("Map: …", "Document, text begins: …") and whether
 * the name says "no legible text" when none was read.
 */
export interface ImageTypePhrase {
  /** Plain words for the type in the audit report and the overlay. */
  label: string;
  /** The name's first word when the gate is sure: "Chart: …". */
  noun: string;
  /** The hedged form after "may show": "may show a chart: …". */
  guess: string;
  /** What comes between the noun and the quoted text. */
  textJoin: string;
  /** With nothing read, the name says ", no legible text" (a chart without text is still worth saying so). */
  saysNoText: boolean;
}

export const IMAGE_TYPE_TABLE = {
  photo: { label: 'Photo', noun: 'Photo', guess: 'a photo', textJoin: ' with text:', saysNoText: false },
  chart: { label: 'Chart or diagram', noun: 'Chart', guess: 'a chart', textJoin: ':', saysNoText: true },
  screenshot: { label: 'Screenshot', noun: 'Screenshot', guess: 'a screenshot', textJoin: ':', saysNoText: true },
  text: { label: 'Text image', noun: 'Text', guess: 'text', textJoin: ':', saysNoText: false },
  logo: { label: 'Logo or icon', noun: 'Logo', guess: 'a logo', textJoin: ':', saysNoText: false },
  illustration: { label: 'Illustration', noun: 'Illustration', guess: 'an illustration', textJoin: ' with text:', saysNoText: false },
  document: { label: 'Document (a scanned page or receipt)', noun: 'Document', guess: 'a document', textJoin: ', text begins:', saysNoText: true },
  map: { label: 'Map', noun: 'Map', guess: 'a map', textJoin: ':', saysNoText: true },
} as const satisfies Record<string, ImageTypePhrase>;

export type ImageType = keyof typeof IMAGE_TYPE_TABLE;

export const IMAGE_TYPES = Object.keys(IMAGE_TYPE_TABLE) as ImageType[];

/** Plain words for each type, as labels, the overlay and the audit report say them. */
export const IMAGE_TYPE_LABELS = Object.fromEntries(IMAGE_TYPES.map((t) => [t, IMAGE_TYPE_TABLE[t].label])) as Record<ImageType, string>;

/** A chart whose text is mostly words, not numbers, is named a diagram: the chart row with another noun. */
export const DIAGRAM_PHRASE: ImageTypePhrase = { ...IMAGE_TYPE_TABLE.chart, noun: 'Diagram', guess: 'a diagram' };

export function isImageType(value: unknown): value is ImageType {
  return typeof value === 'string' && (IMAGE_TYPES as readonly string[]).includes(value);
}
