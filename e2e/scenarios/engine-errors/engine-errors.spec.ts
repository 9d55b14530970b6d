/**
 * Scenario: images the engine can't or mustn't describe get a clear failure
 * with a stable code, the others are still described, the engine stays
 * usable, and the page is not touched. A build with a model file missing
 * reports that in the engine status (and the popup) instead of failing silently.
 */
import { test, expect, type Page } from '@playwright/test';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { DIST, launchWithExtension } from '../../support/extension';
import { descriptions, engineStatus, waitForDescriptions } from '../../support/engine-probe';
import { serveStatic } from '../../support/static-server';

const HERE = 'e2e/scenarios/engine-errors';
let generated: string;

test.beforeAll(async () => {
  generated = await mkdtemp(join(tmpdir(), 'glimpse-errors-'));
  // 8000×7000 = 56 MP but a few kilobytes: over the pixel limit, under the byte limit.
  await sharp({ create: { width: 8000, height: 7000, channels: 3, background: '#3a7' } }).png().toFile(join(generated, 'too-many-pixels.png'));
  // Noise does not compress: 2700×2700 RGB is about 21.9 MB of PNG, 7.3 MP.
  await sharp(randomBytes(2700 * 2700 * 3), { raw: { width: 2700, height: 2700, channels: 3 } }).png({ compressionLevel: 0 }).toFile(join(generated, 'too-many-bytes.png'));
  // A JPEG cut off after 40 %: the page still shows its top, a full decode fails.
  const photo = await readFile(join(HERE, 'photo.jpg'));
  await writeFile(join(generated, 'cut-off.jpg'), photo.subarray(0, Math.floor(photo.length * 0.4)));
});

test.afterAll(async () => {
  await rm(generated, { recursive: true, force: true });
});

/** The page's own image attributes (names written by the labelling feature are that feature's business). */
async function imageMarkup(page: Page): Promise<string[][]> {
  return page.locator('img').evaluateAll((imgs) => imgs.map((img) => ['id', 'src', 'data-src', 'width', 'height'].map((a) => img.getAttribute(a) ?? '')));
}

test('too large and cut-off images get clear answers; SVG and page-only (blob:) images are described; the page is untouched', async () => {
  test.setTimeout(600_000);
  const pages = await serveStatic([HERE]);
  const images = await serveStatic([HERE, generated]);
  const { context, serviceWorker, extensionId, close } = await launchWithExtension();
  try {
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${pages.origin}/index.html?images=${encodeURIComponent(images.origin)}`);
    await expect(page.locator('#blob')).toHaveJSProperty('complete', true);
    const before = await imageMarkup(page);

    const described = await waitForDescriptions(serviceWorker, page.url(), 6, 540_000);
    const outcome = (name: string) => {
      const record = described.find((d) => d.src?.endsWith(`/${name}`) || (name === 'blob' && d.src?.startsWith('blob:')));
      expect(record, name).toBeDefined();
      return record!.description!;
    };

    expect(outcome('photo.jpg')).toMatchObject({ ok: true, backend: 'wasm' });
    expect(outcome('too-many-pixels.png')).toMatchObject({ ok: false, code: 'too-large', message: expect.stringMatching(/8000×7000 pixels.*50 megapixels/) });
    expect(outcome('too-many-bytes.png')).toMatchObject({ ok: false, code: 'too-large', message: expect.stringMatching(/20 MB/) });
    expect(outcome('drawing.svg')).toMatchObject({ ok: true, cached: false });
    expect(outcome('cut-off.jpg')).toMatchObject({ ok: false, code: 'unreadable', message: expect.stringMatching(/could not be decoded/) });
    // The engine can't fetch the page's blob: URL; the content script read the rendered pixels instead.
    const blob = outcome('blob');
    expect(blob, JSON.stringify(blob)).toMatchObject({ ok: true });
    if (blob.ok && outcome('photo.jpg').ok) expect(blob.text.length).toBeGreaterThan(0);

    // One image's failure leaves the engine working.
    expect(await engineStatus(context, extensionId)).toMatchObject({ state: 'ready', error: null });
    // The page: same attributes, its own script's work intact, no errors, large images still shown.
    expect(await imageMarkup(page)).toEqual(before);
    await expect(page.locator('#sentinel')).toHaveText('page script ran');
    expect(await page.locator('#pixels').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(8000);
    expect(pageErrors).toEqual([]);
  } finally {
    await close();
    await Promise.all([pages.close(), images.close()]);
  }
});

test('a build with a model file missing says which file, in the engine status and the popup', async () => {
  test.setTimeout(180_000);
  const broken = await mkdtemp(join(tmpdir(), 'glimpse-broken-dist-'));
  await cp(DIST, broken, { recursive: true });
  // Caption models only: the OCR folder has no decoder (its absence is the next scenario).
  for (const id of readdirSync(join(broken, 'models')).filter((id) => existsSync(join(broken, 'models', id, 'onnx')))) {
    for (const file of readdirSync(join(broken, 'models', id, 'onnx'))) {
      if (file.startsWith('decoder_model_merged')) await rm(join(broken, 'models', id, 'onnx', file));
    }
  }
  const pages = await serveStatic([HERE]);
  const { context, serviceWorker, extensionId, close } = await launchWithExtension({ dist: broken });
  try {
    const page = await context.newPage();
    await page.goto(`${pages.origin}/index.html?images=${encodeURIComponent(pages.origin)}`);
    const described = await waitForDescriptions(serviceWorker, page.url(), 1, 120_000);
    const failed = described.find((d) => d.description !== null)!.description!;
    expect(failed).toMatchObject({ ok: false, code: 'model-missing', message: expect.stringMatching(/decoder_model_merged/) });

    const status = await engineStatus(context, extensionId);
    expect(status).toMatchObject({ state: 'error', error: expect.stringMatching(/decoder_model_merged/) });
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/src/ui/popup.html`);
    await expect(popup.locator('#engine')).toContainText('decoder_model_merged');
  } finally {
    await close();
    await pages.close();
    await rm(broken, { recursive: true, force: true });
  }
});

test('a build without the OCR files still describes photos; only reading text is lost', async () => {
  test.setTimeout(240_000);
  const broken = await mkdtemp(join(tmpdir(), 'glimpse-no-ocr-dist-'));
  await cp(DIST, broken, { recursive: true });
  await rm(join(broken, 'models', 'ocr'), { recursive: true, force: true });
  const pages = await serveStatic([HERE]);
  const { context, serviceWorker, close } = await launchWithExtension({ dist: broken });
  try {
    const page = await context.newPage();
    await page.goto(`${pages.origin}/index.html?images=${encodeURIComponent(pages.origin)}`);
    await expect
      .poll(async () => (await descriptions(serviceWorker, page.url())).find((d) => d.src?.endsWith('/photo.jpg'))?.description ?? null, { timeout: 200_000 })
      .not.toBeNull();
    const photo = (await descriptions(serviceWorker, page.url())).find((d) => d.src?.endsWith('/photo.jpg'))!;
    const outcome = photo.description!;
    if (!outcome.ok) throw new Error(`${outcome.code}: ${outcome.message}`);
    expect(outcome.ocrText).toBe('');
    expect(outcome.imageType).not.toBeNull();
  } finally {
    await close();
    await pages.close();
    await rm(broken, { recursive: true, force: true });
  }
});
