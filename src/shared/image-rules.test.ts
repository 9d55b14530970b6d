import { describe, expect, it } from 'vitest';
import { IMAGE_RULES, hasRedundantPrefix, isPlaceholder, isTooLong, looksLikeFilename, ruleById } from './image-rules';
import { IMAGE_STATUSES } from './image-status';

describe('looksLikeFilename', () => {
  it.each(['IMG_2041.jpg', 'hero-banner.png', 'DSC01234', 'photo.JPEG', 'header_bg_2x', 'PXL_20230101_123456', 'logo.svg?v=3', 'cat(1).webp'])(
    'flags %s',
    (name) => expect(looksLikeFilename(name)).toBe(true),
  );
  it.each(['A dog catching a frisbee in a park', 'Sales by quarter, 2024', 'Jane Doe', 'e.g. the view', 'Dr. Smith at the podium', 'well-known author', 'Version 2.png of the chart shows growth'])(
    'accepts %s',
    (name) => expect(looksLikeFilename(name)).toBe(false),
  );
});

describe('isPlaceholder', () => {
  it.each(['image', 'Photo', ' picture ', 'graphic.', 'spacer', 'Untitled', 'alt', 'untitled-image', 'IMAGE!'])('flags %s', (name) =>
    expect(isPlaceholder(name)).toBe(true),
  );
  it.each(['A picture frame on a wall', 'Photo booth', 'Logo of the Red Cross', ''])('accepts %s', (name) => expect(isPlaceholder(name)).toBe(false));
});

describe('hasRedundantPrefix', () => {
  it.each(['image of a cat', 'Picture of the team', 'A photo of a beach', 'graphic showing sales'])('flags %s', (name) =>
    expect(hasRedundantPrefix(name)).toBe(true),
  );
  it.each(['A cat on a sofa', 'Imagery of the moon landing', 'Pictures at an exhibition'])('accepts %s', (name) => expect(hasRedundantPrefix(name)).toBe(false));
});

describe('isTooLong', () => {
  it('flags names over 150 characters only', () => {
    expect(isTooLong('x'.repeat(150))).toBe(false);
    expect(isTooLong('x'.repeat(151))).toBe(true);
  });
});

describe('the rules table', () => {
  it('has unique ids, a known status and one sentence per row', () => {
    const ids = IMAGE_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of IMAGE_RULES) {
      expect(IMAGE_STATUSES).toContain(rule.status);
      expect(rule.reason).toMatch(/^[A-Z].*\.$/);
    }
  });
  it('has a missing row for every axe-core image rule', () => {
    const axe = new Set(IMAGE_RULES.filter((r) => r.status === 'missing').map((r) => ('axe' in r ? r.axe : '')));
    for (const id of ['image-alt', 'role-img-alt', 'input-image-alt', 'svg-img-alt', 'area-alt', 'object-alt']) expect(axe).toContain(id);
  });
  it('throws on an unknown id', () => {
    expect(() => ruleById('nope' as never)).toThrow(/unknown image rule/);
  });
});
