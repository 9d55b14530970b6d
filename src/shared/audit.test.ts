import { describe, expect, it } from 'vitest';
import { conceptLine, countStatuses, toCsv, type AuditRow } from './audit';

const row: AuditRow = {
  id: 'g-1', kind: 'img', status: 'suspicious', nameStatus: 'suspicious', ruleId: 'suspicious-filename',
  reason: 'The name looks like a file name, not a description of the image.', name: 'a "quoted", name\nwith break',
  src: 'http://x/a.png', priority: 0, selector: ['#host', 'img'], description: null, descriptionConfidence: null, imageType: 'chart', imageTypeConfidence: 0.9,
  imageTypeReasons: ['text covers 30% of it', '70% of it is flat colour'], ocrText: 'Sales 2024', concepts: [], captionWithheld: null, descriptionError: null,
  labelState: null, label: null, labelWithheld: null,
};

describe('toCsv', () => {
  it('writes a header and quotes cells per RFC 4180', () => {
    const csv = toCsv([row]);
    const [header, line] = csv.split('\r\n');
    expect(header).toBe('id,kind,status,nameStatus,ruleId,reason,name,src,priority,selector,description,descriptionConfidence,imageType,imageTypeConfidence,imageTypeReasons,ocrText,concepts,captionWithheld,descriptionError,labelState,label,labelWithheld');
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
    expect(countStatuses([{ status: 'missing' }, { status: 'missing' }, { status: 'labelled' }])).toEqual({ missing: 2, suspicious: 0, decorative: 0, labelled: 1, skipped: 0 });
  });
});
