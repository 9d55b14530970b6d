import { describe, expect, it } from 'vitest';
import { MAX_SVG_DEPTH, MAX_SVG_DRAWN, svgCost, type SvgNode } from './svg-budget';

/** A parsed element as far as the count sees it. */
function el(localName: string, attributes: Record<string, string> = {}, ...children: SvgNode[]): SvgNode {
  return {
    localName,
    children,
    getAttribute: (name) => attributes[name] ?? null,
    getAttributeNS: (namespace, name) => (namespace === 'http://www.w3.org/1999/xlink' ? (attributes[`xlink:${name}`] ?? null) : null),
  };
}

/** `levels` groups, each holding `fan` <use> of the one below: fan^levels copies of one rect. */
function useBomb(levels: number, fan: number, attribute = 'href'): SvgNode {
  const groups = [el('rect', { id: 'l0' })];
  for (let i = 1; i <= levels; i++) {
    groups.push(el('g', { id: `l${i}` }, ...Array.from({ length: fan }, () => el('use', { [attribute]: `#l${i - 1}` }))));
  }
  return el('svg', {}, el('defs', {}, ...groups), el('use', { href: `#l${levels}` }));
}

describe('svgCost', () => {
  it('counts a plain drawing element by element', () => {
    const cost = svgCost(el('svg', {}, el('rect'), el('g', {}, el('circle'), el('path'))));
    expect(cost).toEqual({ elements: 5, drawn: 5, tooDeep: false });
  });

  it('adds what each <use> copies (href and xlink:href)', () => {
    const shape = el('g', { id: 'shape' }, el('rect'), el('circle'));
    expect(svgCost(el('svg', {}, shape, el('use', { href: '#shape' }), el('use', { 'xlink:href': '#shape' }))).drawn).toBe(1 + 3 + 2 * (1 + 3));
  });

  it('sees through a billion laughs: ten levels of ten <use> stop at the cap', () => {
    const cost = svgCost(useBomb(10, 10));
    expect(cost.elements).toBeLessThan(120);
    expect(cost.drawn).toBe(MAX_SVG_DRAWN + 1);
    expect(svgCost(useBomb(10, 10, 'xlink:href')).drawn).toBe(MAX_SVG_DRAWN + 1);
  });

  it('lets a modest reuse through', () => {
    const cost = svgCost(useBomb(3, 10));
    expect(cost.drawn).toBeGreaterThan(1000);
    expect(cost.drawn).toBeLessThan(MAX_SVG_DRAWN);
  });

  it('counts nothing more for a cyclic <use>, which the browser does not draw', () => {
    const loop = el('g', { id: 'a' }, el('use', { href: '#a' }));
    expect(svgCost(el('svg', {}, loop, el('use', { href: '#a' }))).drawn).toBeLessThan(10);
  });

  it('counts external and missing references as the <use> alone', () => {
    expect(svgCost(el('svg', {}, el('use', { href: 'other.svg#x' }), el('use', { href: '#nowhere' }))).drawn).toBe(3);
  });

  it('stops counting a chain deeper than the limit instead of overflowing the stack', () => {
    const chain: SvgNode[] = [el('rect', { id: 'c0' })];
    for (let i = 1; i <= 20_000; i++) chain.push(el('use', { id: `c${i}`, href: `#c${i - 1}` }));
    const cost = svgCost(el('svg', {}, ...chain.reverse()));
    expect(cost.tooDeep).toBe(true);
    expect(MAX_SVG_DEPTH).toBeLessThan(20_000);
  });
});
