/**
 * Photos are named by what the engine is sure they show. On the news, shop
 * and feed fixture pages, every photo without a text alternative gets a name
 * from the built extension: its caption where the caption clears the floor
 * and agrees with the evidence, else its calibrated concepts ("Photo: a
 * person, water"). Chromium's accessibility tree reads that name, axe-core's
 * image rules pass the image, and the overlay shows each concept with its
 * evidence.
 *
 * The concepts must be the ones the captioner core finds in Node for the same
 * file (shipped detector, concept models and backbone), so the test fails if
 * the extension's engine runs other weights or skips the detector.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeImage, type DescribeParts } from '../../../src/captioner/index';
import { loadDescribeParts } from '../../../scripts/lib/describe-parts';
import { loadImage } from '../../../scripts/lib/load-image';
import { engineAnswered, type AuditReport } from '../../../src/shared/audit';
import { test, expect } from '../../support/extension';
import { descriptions } from '../../support/engine-probe';
import { sendToTab, waitForAudit } from '../../support/image-audit';
import { axNames, axeImageVerdicts } from '../../support/labels';
import { serveFixtures } from '../../support/static-server';

const here = dirname(fileURLToPath(import.meta.url));
const PAGES = 'e2e/fixtures/pages';
const server = serveFixtures([here, PAGES]);
const MODEL = '.cache/models/glimpse-captioner';

/** The concept words the core finds in Node for one fixture photo. */
async function nodeConcepts(parts: DescribeParts, file: string): Promise<string[]> {
  const d = await describeImage(parts, await loadImage(join(PAGES, file)), { url: 'https://example.org/photo.jpg' });
  return d.concepts.map((c) => c.word);
}

const photosMissing = (r: AuditReport) => r.rows.filter((row) => row.status === 'missing' && row.imageType === 'photo');
const settled = (r: AuditReport): boolean =>
  r.rows.some((row) => row.status === 'missing') &&
  r.rows.filter((row) => row.status === 'missing').every((row) => engineAnswered(row) && (row.descriptionError !== null || row.labelState !== null));

test('every unlabelled photo on the news, shop and feed pages gets a name the AX tree and axe-core read, with its concepts explained', async ({ context, serviceWorker }) => {
  test.setTimeout(600_000);
  const parts = await loadDescribeParts(MODEL);
  const page = await context.newPage();
  for (const fixture of ['news-article.html', 'shop-listing.html', 'social-feed.html']) {
    const url = `${server.origin}/${fixture}`;
    await page.goto(url);
    const report = await waitForAudit(serviceWorker, url, settled, undefined, 240_000);
    const photos = photosMissing(report);
    expect(photos.length, `${fixture}: unlabelled photos`).toBeGreaterThan(0);
    const selectors = photos.map((row) => row.selector.join(' >>> '));
    const names = await axNames(page, selectors);
    const axe = await axeImageVerdicts(page, selectors);
    const answers = await descriptions(serviceWorker, url);
    for (const row of photos) {
      const selector = row.selector.join(' >>> ');
      expect(row.descriptionError, `${fixture} ${row.src}`).toBeNull();
      expect(row.label, `${fixture} ${row.src}: ${row.labelWithheld}`).not.toBeNull();
      expect(names[selector], `Chromium's AX name of ${selector}`).toBe(row.label);
      expect(axe[selector]?.violations, `axe-core on ${selector}`).toEqual([]);
      const file = new URL(row.src!).pathname.slice(1);
      const answer = answers.find((a) => a.src === row.src)?.description;
      expect(answer?.ok, `${file}: engine answer`).toBe(true);
      const found = answer?.ok ? answer.concepts.map((c) => c.word) : [];
      expect(found, `${file}: concepts in the extension vs the core in Node`).toEqual(await nodeConcepts(parts, file));
      expect(row.concepts).toHaveLength(found.length);
      // Each concept carries its evidence: a detector score or ImageNet classes, and the model's threshold.
      for (const line of row.concepts) expect(line).toMatch(/(object detector \(YOLOX-Nano, COCO\)|ImageNet classes|colours).*concept model: \d+%, said from \d+%/);
      if (!row.description || row.captionWithheld || !row.label!.includes(row.description.split(' ').slice(-1)[0]!)) {
        expect(row.label, `${file}: named by concepts`).toContain('Photo: ');
      }
    }
    // The overlay shows the concepts, with their reasons, on the photos' badges.
    expect(await sendToTab(serviceWorker, url, 'tab:toggle-overlay', { visible: true })).toEqual({ visible: true });
    const conceptLines = page.locator('glimpse-overlay .badge .concept');
    if (photos.some((row) => row.concepts.length)) {
      await expect(conceptLines.first()).toBeVisible();
      expect(await conceptLines.allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/^Sees .+ \d+%: .*concept model/)]));
    }
    await sendToTab(serviceWorker, url, 'tab:toggle-overlay', { visible: false });
  }
  await parts.dispose();
});
