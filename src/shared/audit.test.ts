import { describe, expect, it } from 'vitest';
import { addCounts, conceptLine, countNotDescribed, countStatuses, emptyCounts, emptyNotDescribed, pageCounts, statusTotal, toCsv, type AuditRow } from './audit';

const row: AuditRow = {
  id: 'g-1', kind: 'img', status: 'suspicious', ruleId: 'suspicious-filename',
  reason: 'The name looks like a file name, not a description of the image.', describe: 'describe', describeReason: 'Glimpse can describe it.',
  name: 'a "quoted", name\nwith break',
  src: 'http://x/a.png', priority: 0, selector: ['#host', 'img'], mapImage: null, description: null, descriptionConfidence: null, descriptionModel: null, imageType: 'chart', imageTypeConfidence: 0.9,
  imageTypeReasons: ['text covers 30% of it', '70% of it is flat colour'], ocrText: 'Sales 2024', concepts: [], captionWithheld: null, descriptionError: null,
  labelState: null, label: null, labelWithheld: null,
};

describe('toCsv', () => {
  it('writes a header and quotes cells per RFC 4180', () => {
    const csv = toCsv([row]);
    const [header, line] = csv.split('\r\n');
    expect(header).toBe('id,kind,status,ruleId,reason,describe,describeReason,name,src,priority,selector,mapImage,description,descriptionConfidence,descriptionModel,imageType,imageTypeConfidence,imageTypeReasons,ocrText,concepts,captionWithheld,descriptionError,labelState,label,labelWithheld');
    expect(line).toContain('"a ""quoted"", name\nwith break"');
    expect(line).toContain('#host >>> img');
    expect(line).toContain(',chart,0.9,text covers 30% of it; 70% of it is flat colour,Sales 2024,');
    expect(csv.endsWith('\r\n')).toBe(true);
  });
  it('lists each concept with its evidence', () => {
    const concepts = [conceptLine({ phrase: 'a dog', probability: 0.97, reasons: ['object detector (YOLOX-Nano, COCO): dog 0.91', 'concept model: 97%'] }), 'grass 93%: the photo\'s colours and texture'];
    const line = toCsv([{ ...row, concepts, captionWithheld: 'the caption names a horse' }]).split('\r\n')[1]!;
    expect(line).toContain('a dog 97%: object detector (YOLOX-Nano, COCO): dog 0.91, concept model: 97%; grass 93%');
    expect(line).toContain(',the caption names a horse,');
  });
  it('defuses spreadsheet formulas in page text', () => {
    expect(toCsv([{ ...row, name: '=HYPERLINK("x")' }])).toContain(`"'=HYPERLINK(""x"")"`);
  });
});

describe('countStatuses', () => {
  it('counts every status, zero included', () => {
    expect(countStatuses([{ status: 'missing' }, { status: 'missing' }, { status: 'labelled' }])).toEqual({ missing: 2, suspicious: 0, decorative: 0, labelled: 1 });
  });
});

describe('the two views in totals', () => {
  const items = [
    { status: 'missing', describe: 'describe' },
    { status: 'missing', describe: 'skip-too-small' },
    { status: 'missing', describe: 'skip-too-small' },
    { status: 'missing', describe: 'skip-not-rendered' },
    { status: 'labelled', describe: 'skip-broken' },
  ] as const;
  it('counts the images not described per status and skip rule, never as a status', () => {
    const skips = countNotDescribed(items);
    expect(skips.missing).toEqual({ 'skip-not-rendered': 1, 'skip-broken': 0, 'skip-too-small': 2, 'skip-placeholder': 0, 'skip-no-picture': 0 });
    expect(skips.labelled['skip-broken']).toBe(1);
    expect(countStatuses(items).missing).toBe(4);
  });
  it('reads "missing 4 (2 too small to describe, 1 not rendered)"', () => {
    const { counts, notDescribed } = pageCounts([...items]);
    expect(statusTotal('missing', counts, notDescribed)).toBe('missing 4 (1 not rendered, 2 too small to describe)');
    expect(statusTotal('decorative', counts, notDescribed)).toBe('decorative 0');
  });
  it('adds frames up', () => {
    const sum = { counts: emptyCounts(), notDescribed: emptyNotDescribed() };
    addCounts(sum, pageCounts([...items]));
    addCounts(sum, pageCounts([...items]));
    expect(sum.counts.missing).toBe(8);
    expect(sum.notDescribed.missing['skip-too-small']).toBe(4);
  });
});
