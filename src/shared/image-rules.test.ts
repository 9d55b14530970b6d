import { describe, expect, it } from 'vitest';
import { DESCRIBE_RULES, IMAGE_RULES, STATUS_RULES, hasRedundantPrefix, isPlaceholder, isTooLong, looksLikeFilename, ruleById, skipWords } from './image-rules';
import { DESCRIBE_DECISIONS, IMAGE_STATUSES } from './image-status';

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
  it('has unique ids, and one sentence per row', () => {
    const ids = IMAGE_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    const reasons = IMAGE_RULES.map((r) => r.reason);
    expect(new Set(reasons).size).toBe(reasons.length);
    for (const rule of IMAGE_RULES) expect(rule.reason).toMatch(/^[A-Z][^]*\.$/);
  });
  it('answers two questions apart: a status row never skips, a describe row never sets a status', () => {
    expect(STATUS_RULES.length + DESCRIBE_RULES.length).toBe(IMAGE_RULES.length);
    for (const rule of STATUS_RULES) expect(IMAGE_STATUSES).toContain(rule.status);
    expect(IMAGE_STATUSES).not.toContain('skipped');
    // One describe row per decision, "describe" last (it always holds).
    expect(DESCRIBE_RULES.map((r) => r.id).sort()).toEqual([...DESCRIBE_DECISIONS].sort());
    expect(DESCRIBE_RULES.at(-1)?.id).toBe('describe');
    for (const rule of DESCRIBE_RULES) expect('status' in rule).toBe(false);
  });
  it('words skips for totals', () => {
    expect(skipWords('skip-too-small')).toBe('too small to describe');
    expect(() => skipWords('labelled' as never)).toThrow(/unknown describe decision/);
  });
  it('has a missing row for every axe-core image rule', () => {
    const axe = new Set(STATUS_RULES.filter((r) => r.status === 'missing').map((r) => ('axe' in r ? r.axe : '')));
    for (const id of ['image-alt', 'role-img-alt', 'input-image-alt', 'svg-img-alt', 'area-alt', 'object-alt']) expect(axe).toContain(id);
  });
  it('throws on an unknown id', () => {
    expect(() => ruleById('nope' as never)).toThrow(/unknown image rule/);
  });
});
