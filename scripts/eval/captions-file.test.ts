import { describe, expect, it } from 'vitest';
import { parseCaptions, parseSplit } from './captions-file';
import { percentile } from './percentile';

describe('parseCaptions', () => {
  it('reads the Flickr8k token format and reports bad lines', () => {
    const set = parseCaptions('a.jpg#0\tA dog .\na.jpg#1\tA brown dog .\nb.jpg#0\tA cat .\nnot a caption line\n');
    expect(set.format).toBe('flickr8k');
    expect(set.references.get('a.jpg')).toEqual(['A dog .', 'A brown dog .']);
    expect(set.references.get('b.jpg')).toEqual(['A cat .']);
    expect(set.problems).toEqual(['line 4: expected "name.jpg#i<TAB>caption"']);
  });
  it('reads COCO captions JSON', () => {
    const coco = {
      images: [{ id: 1, file_name: 'x.jpg' }, { id: 2, file_name: 'y.jpg' }],
      annotations: [{ image_id: 1, caption: 'A man.' }, { image_id: 2, caption: 'A bike.' }, { image_id: 1, caption: 'A person.' }, { image_id: 9, caption: '?' }],
    };
    const set = parseCaptions(JSON.stringify(coco));
    expect(set.format).toBe('coco');
    expect([...set.references]).toEqual([['x.jpg', ['A man.', 'A person.']], ['y.jpg', ['A bike.']]]);
    expect(set.problems).toHaveLength(1);
  });
  it('reads split files', () => expect(parseSplit('a.jpg\r\n\n b.jpg \n')).toEqual(['a.jpg', 'b.jpg']));
});

describe('percentile', () => {
  it('interpolates like numpy', () => {
    expect(percentile([10, 20, 30, 40], 0.5)).toBe(25);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBeCloseTo(9.1, 12);
    expect(percentile([7], 0.9)).toBe(7);
  });
});
