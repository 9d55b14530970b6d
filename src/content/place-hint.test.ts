import { describe, expect, it } from 'vitest';
import { placeHint } from './place-hint';

/** A minimal element tree: place-hint only walks parents and reads attributes. */
function tree(spec: string): Element {
  // "body > header > a[href] > img": the last one is returned.
  let parent: Element | null = null;
  for (const part of spec.split('>').map((p) => p.trim())) {
    const [, name, attrs] = /^([a-z]+)((?:\[[^\]]+\])*)$/.exec(part)!;
    const attributes = new Map<string, string>();
    for (const [, key, value] of attrs!.matchAll(/\[([a-z-]+)(?:="([^"]*)")?\]/g)) attributes.set(key!, value ?? '');
    const node: Element = {
      localName: name,
      parentElement: parent,
      hasAttribute: (k: string) => attributes.has(k),
      getAttribute: (k: string) => attributes.get(k) ?? null,
    } as unknown as Element;
    parent = node;
  }
  return parent!;
}

describe('placeHint', () => {
  it('calls a linked image in the page header or navigation a logo', () => {
    expect(placeHint(tree('body > header > a[href="/"] > img'))).toBe('logo');
    expect(placeHint(tree('body > div > nav > ul > li > a[href="/"] > img'))).toBe('logo');
    expect(placeHint(tree('body > div[role="banner"] > a[href="/"] > picture > img'))).toBe('logo');
    expect(placeHint(tree('body > main > div[role="navigation"] > a[href="/"] > img'))).toBe('logo');
  });
  it('gives no hint for an article’s or section’s own header', () => {
    expect(placeHint(tree('body > main > article > header > a[href="/story"] > img'))).toBeNull();
    expect(placeHint(tree('body > section > div > header > a[href="/story"] > img'))).toBeNull();
    expect(placeHint(tree('body > aside > header > a[href="/ad"] > img'))).toBeNull();
    expect(placeHint(tree('body > div[role="article"] > header > a[href="/story"] > img'))).toBeNull();
  });
  it('needs both the link and the landmark', () => {
    expect(placeHint(tree('body > header > img'))).toBeNull();
    expect(placeHint(tree('body > header > a > img'))).toBeNull();
    expect(placeHint(tree('body > main > a[href="/"] > img'))).toBeNull();
    expect(placeHint(tree('body > header[role="presentation"] > a[href="/"] > img'))).toBeNull();
  });
});
