/** Command-line options of `npm run eval`, read with Node's own parseArgs. */
import { parseArgs } from 'node:util';

export interface EvalArgs {
  images: string;
  captions: string;
  split?: string;
  model: string;
  limit?: number;
  beams?: number;
  out?: string;
  /** Run the extension's whole describe path (OCR + image-type gate) and score what it would say. */
  gate: boolean;
}

export const USAGE = `usage: npm run eval -- --images DIR --captions FILE [--split LIST] [--model DIR] [--limit N] [--beams K] [--out FILE]

  --images DIR     folder of images, named as in the captions file
  --captions FILE  references: Flickr8k token file (name.jpg#i<TAB>caption) or COCO captions JSON
  --split LIST     file of image names, one a line (default: every image in the captions file)
  --model DIR      model folder (default: .cache/models/glimpse-captioner, assembled by npm run models)
  --limit N        caption only the first N images
  --beams K        beam width (default: the model's generation_config.json)
  --out FILE       also write every caption as JSON
  --gate           describe as the extension does: OCR and the model folder's image-type gate first;
                   photos it routes away get no caption, and both scores are printed`;

export const DEFAULT_MODEL = '.cache/models/glimpse-captioner';

/** Parses argv; throws an Error whose message is fit for the user. */
export function readArgs(argv: string[]): EvalArgs | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      images: { type: 'string' },
      captions: { type: 'string' },
      split: { type: 'string' },
      model: { type: 'string' },
      limit: { type: 'string' },
      beams: { type: 'string' },
      out: { type: 'string' },
      gate: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) return 'help';
  if (!values.images || !values.captions) throw new Error('--images and --captions are required');
  return {
    images: values.images,
    captions: values.captions,
    split: values.split,
    model: values.model ?? DEFAULT_MODEL,
    limit: positiveInt(values.limit, '--limit'),
    beams: positiveInt(values.beams, '--beams'),
    out: values.out,
    gate: values.gate ?? false,
  };
}

function positiveInt(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got "${value}"`);
  return n;
}
