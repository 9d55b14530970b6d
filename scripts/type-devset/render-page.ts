/**
 * Renders scenes in one headless Chromium page: lays a scene out, checks
 * that every word is visible and matches the markup, and screenshots the
 * scene root as PNG or JPEG. A scene that fails the check is re-rolled.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { documentOf } from './devset';
import type { Scene } from './scene';
import { wordsOfHtml } from './scene';
import { VISIBLE_TEXT_SOURCE, type VisibleText } from './visible-text';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface SceneRenderer {
  /** Renders the first scene from `build(attempt)` whose text is all visible; null when none of `attempts` is. */
  render(build: (attempt: number) => Scene, out: { path: string; format: 'png' | 'jpeg'; quality?: number }, attempts?: number): Promise<(VisibleText & { attempt: number }) | null>;
  /** Problems of the last failed attempts, for reporting. */
  lastProblems: string[];
  close(): Promise<void>;
}

export async function openRenderer(): Promise<SceneRenderer> {
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  const page: Page = await browser.newPage({ viewport: { width: 1280, height: 2400 }, deviceScaleFactor: 1 });
  const renderer: SceneRenderer = {
    lastProblems: [],
    async render(build, out, attempts = 8) {
      renderer.lastProblems = [];
      for (let attempt = 0; attempt < attempts; attempt++) {
        const scene = build(attempt);
        await page.setContent(documentOf(scene), { waitUntil: 'load' });
        const seen = (await page.evaluate(VISIBLE_TEXT_SOURCE)) as VisibleText;
        const expected = wordsOfHtml(scene.html);
        if (seen.words.join(' ') !== expected.join(' ')) seen.problems.push(`words differ from the markup: "${seen.words.join(' ')}" vs "${expected.join(' ')}"`);
        if (seen.height > 2400) seen.problems.push(`too tall: ${seen.height}px`);
        if (seen.problems.length > 0) {
          renderer.lastProblems = seen.problems;
          continue;
        }
        const transparent = out.format === 'png' && /^<div id="scene" style="[^"]*background:transparent/.test(scene.html);
        await page.locator('#scene').screenshot({
          path: out.path,
          type: out.format,
          ...(out.format === 'jpeg' ? { quality: out.quality ?? 80 } : {}),
          omitBackground: transparent,
          animations: 'disabled',
        });
        return { ...seen, attempt };
      }
      return null;
    },
    close: () => browser.close(),
  };
  return renderer;
}
