import { describe, expect, it } from 'vitest';
import { MAX_SVG_FILTER_WORK, svgFilterWork } from './svg-filter-budget';
import type { SvgNode } from './svg-budget';

function el(localName: string, attributes: Record<string, string> = {}, ...children: SvgNode[]): SvgNode {
  return { localName, children, getAttribute: (name) => attributes[name] ?? null, getAttributeNS: () => null };
}

const drawing = (primitives: SvgNode[], uses = 2, attribute: 'filter' | 'style' = 'filter') =>
  el(
    'svg',
    {},
    el('filter', { id: 'f' }, ...primitives),
    ...Array.from({ length: uses }, () => el('rect', attribute === 'filter' ? { filter: 'url(#f)' } : { style: "fill: red; filter: url('#f')" })),
  );

describe('svgFilterWork', () => {
  it('is 0 without filters, and small for an ordinary drop shadow', () => {
    expect(svgFilterWork(el('svg', {}, el('rect'), el('circle')))).toBe(0);
    const shadow = drawing([el('feGaussianBlur', { stdDeviation: '4' }), el('feOffset', { dx: '2', dy: '2' }), el('feMerge')], 3);
    expect(svgFilterWork(shadow)).toBe(3 * (16 + 1 + 1));
    expect(svgFilterWork(shadow)).toBeLessThan(MAX_SVG_FILTER_WORK);
  });

  it('grows with a morphology radius and with every element drawn through the filter', () => {
    expect(svgFilterWork(drawing([el('feMorphology', { radius: '1000' })], 1))).toBe(2000);
    expect(svgFilterWork(drawing([el('feMorphology', { radius: '1000 10' })], 1))).toBe(1010);
    const bomb = drawing(Array.from({ length: 10 }, () => el('feMorphology', { operator: 'dilate', radius: '1000' })), 2, 'style');
    expect(svgFilterWork(bomb)).toBe(40_000);
    expect(svgFilterWork(bomb)).toBeGreaterThan(MAX_SVG_FILTER_WORK);
  });

  it('counts a filter that is never used as nothing', () => {
    expect(svgFilterWork(el('svg', {}, el('filter', { id: 'f' }, el('feMorphology', { radius: '1000' })), el('rect')))).toBe(0);
  });
});
