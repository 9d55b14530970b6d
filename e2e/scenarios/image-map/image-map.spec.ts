/**
 * Describing an image-map <area> means describing its region of the map
 * image: on a map image whose left half is a photo and whose right half is a
 * "SALE 25% OFF" banner, the engine reads the banner's words in the right
 * area only, and each area gets its own answer.
 */
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from '../../support/extension';
import { serveFixtures } from '../../support/static-server';
import { rowAt, waitForAudit } from '../../support/image-audit';
import { engineAnswered } from '../../../src/shared/audit';

const here = dirname(fileURLToPath(import.meta.url));
const server = serveFixtures([here]);

test('each area of an image map is described from its own region of the map image', async ({ context, serviceWorker }) => {
  test.setTimeout(300_000);
  const page = await context.newPage();
  const url = `${server.origin}/index.html`;
  await page.goto(url);
  const areas = ['#area-dog', '#area-sale', '#area-centre'];
  const report = await waitForAudit(serviceWorker, url, (r) => areas.every((id) => { const row = rowAt(r, id); return row !== undefined && engineAnswered(row); }), undefined, 240_000);
  for (const id of areas) {
    expect(rowAt(report, id), id).toMatchObject({ kind: 'area', status: 'missing', describe: 'describe', mapImage: ['#map-photo'], descriptionError: null });
  }
  const words = (id: string): string => (rowAt(report, id)?.ocrText ?? '').toUpperCase();
  expect(words('#area-sale')).toMatch(/SALE/);
  expect(words('#area-dog')).not.toMatch(/SALE|OFF/);
  // The circle in the middle of the photo half sees no banner either.
  expect(words('#area-centre')).not.toMatch(/SALE|OFF/);
  expect(rowAt(report, '#area-sale')?.imageType).not.toBe(rowAt(report, '#area-dog')?.imageType);
});
