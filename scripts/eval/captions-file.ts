/**
 * Reference captions from the two formats caption datasets ship in:
 * Flickr8k's token file (`name.jpg#i<TAB>caption`, one caption a line) and
 * COCO's captions JSON (`images` with `file_name`, `annotations` with
 * `image_id` and `caption`).
 */

export interface ReferenceSet {
  /** Image file name → its reference captions, in file order. */
  references: Map<string, string[]>;
  format: 'flickr8k' | 'coco';
  /** Lines or annotations that could not be read, with why. */
  problems: string[];
}

interface CocoCaptions {
  images?: { id?: unknown; file_name?: unknown }[];
  annotations?: { image_id?: unknown; caption?: unknown }[];
}

/**
 * Parses a captions file's text, telling the format from its first character.
 *
 * @example parseCaptions('a.jpg#0\tA dog .\na.jpg#1\tA brown dog .').references.get('a.jpg') // ['A dog .', 'A brown dog .']
 */
export function parseCaptions(text: string): ReferenceSet {
  return text.trimStart().startsWith('{') ? parseCoco(text) : parseFlickr(text);
}

function add(map: Map<string, string[]>, image: string, caption: string): void {
  const list = map.get(image);
  if (list) list.push(caption);
  else map.set(image, [caption]);
}

function parseFlickr(text: string): ReferenceSet {
  const references = new Map<string, string[]>();
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    const tab = line.indexOf('\t');
    const hash = line.lastIndexOf('#', tab);
    if (tab < 0 || hash <= 0) {
      problems.push(`line ${index + 1}: expected "name.jpg#i<TAB>caption"`);
      return;
    }
    const caption = line.slice(tab + 1).trim();
    if (caption === '') problems.push(`line ${index + 1}: empty caption`);
    else add(references, line.slice(0, hash), caption);
  });
  return { references, format: 'flickr8k', problems };
}

function parseCoco(text: string): ReferenceSet {
  const data = JSON.parse(text) as CocoCaptions;
  if (!Array.isArray(data.images) || !Array.isArray(data.annotations)) {
    throw new Error('COCO captions JSON needs "images" and "annotations" arrays');
  }
  const names = new Map<unknown, string>();
  for (const image of data.images) if (typeof image.file_name === 'string') names.set(image.id, image.file_name);
  const references = new Map<string, string[]>();
  const problems: string[] = [];
  data.annotations.forEach((a, index) => {
    const name = names.get(a.image_id);
    if (name === undefined) problems.push(`annotation ${index}: image_id ${String(a.image_id)} is not in "images"`);
    else if (typeof a.caption !== 'string' || a.caption.trim() === '') problems.push(`annotation ${index}: no caption`);
    else add(references, name, a.caption.trim());
  });
  return { references, format: 'coco', problems };
}

/** A split file: one image file name a line; blank lines ignored. */
export function parseSplit(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}
