/**
 * Scenario: a stronger model on demand, end to end in the built extension.
 * A local server stands in for the model host, serving the format-identical
 * vit-gpt2 stand-in (random weights: this is about the product flow and the
 * file format, never about caption quality) with byte ranges, and misbehaving
 * on request. The options page shows the models and their sizes before
 * anything is fetched; a model added by address downloads only on its
 * Download button, with progress; a 404 names its file; a download stopped
 * by closing the options page, and one whose connection was cut, are resumed
 * with Range requests; an HTML page and a corrupted file are
 * refused, deleted and named; the downloaded model captions a photo (the
 * audit and the name say which model spoke, and the words are the ones the
 * captioner core gives in Node for the same model and image); a model that
 * fails to load falls back to the embedded one with a message; Delete frees
 * the storage and switches back. A folder imported from disk is checked the
 * same way. A quota the browser enforces (lowered over the DevTools protocol)
 * stops a download with a message, and the embedded model keeps speaking. A
 * model on a hub (its API served locally) is sized, pinned and checked from
 * the hub's listing.
 */
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { Uint8ArrayReader, Uint8ArrayWriter, ZipWriter } from '@zip.js/zip.js';
import { launchWithExtension, test, expect, WEBGPU_SWIFTSHADER_ARGS } from '../../support/extension';
import { serveHubModel, serveModel, type ModelServer } from '../../support/model-server';
import { serveFixtures } from '../../support/static-server';
import { sendToTab, waitForAudit } from '../../support/image-audit';
import { setSettings } from '../../support/labels';
import { axeViolations } from '../../support/axe-page';
import { createCaptioner } from '../../../src/captioner/index';
import { loadImage } from '../../../scripts/lib/load-image';
import { modelDir } from '../../../scripts/lib/model-dir';
import { VIT_GPT2_STANDIN } from '../../../scripts/lib/test-model';
import { OPTIMUM_FILES } from '../../../src/model-store/stored-model';
import { EMBEDDED_MODEL_NAME } from '../../../src/shared/model-id';
import type { EngineStatus } from '../../../src/shared/messages';

const HERE = 'e2e/scenarios/models-on-demand';
const PHOTOS = 'e2e/scenarios/describe-photos';
const pages = serveFixtures([HERE, PHOTOS]);
const DECODER = 'onnx/decoder_model_merged_quantized.onnx';
const ENCODER = 'onnx/encoder_model_quantized.onnx';
const ENGINE_MS = 150_000;

test.setTimeout(300_000);

let server: ModelServer;
/** The model's size as the options page writes it. */
let sizeMb = '';
test.beforeAll(async () => {
  const sizes = await Promise.all(OPTIMUM_FILES.map(async (path) => (await readFile(join(VIT_GPT2_STANDIN, path))).length));
  sizeMb = `${(sizes.reduce((a, b) => a + b, 0) / 1e6).toFixed(1)} MB`;
  // sha256sum output, as a publisher would offer it (no sizes: the server's Content-Length gives those).
  const sums = await Promise.all(OPTIMUM_FILES.map(async (path) => `${createHash('sha256').update(await readFile(join(VIT_GPT2_STANDIN, path))).digest('hex')}  ${path}`));
  server = await serveModel(VIT_GPT2_STANDIN, '/vit-gpt2/', { 'sha256sums.txt': `${sums.join('\n')}\n` });
});
test.afterAll(async () => server?.close());

const modelName = () => `127.0.0.1:${new URL(server.origin).port}/vit-gpt2`;
const status = (page: Page) => page.locator('#model-status');
const item = (page: Page) => page.locator('#model-list > li').filter({ has: page.getByRole('heading', { name: modelName() }) });

async function download(options: Page): Promise<void> {
  await item(options).getByRole('button', { name: /Download|Resume download/ }).click();
}

/** "Add a model from a URL", with its sha256 manifest. */
async function add(options: Page): Promise<void> {
  await options.getByLabel(/Base address of a model folder/).fill(server.base);
  await options.getByLabel(/Address of a sha256 manifest/).fill(`${server.base}sha256sums.txt`);
  await options.getByRole('button', { name: /Add the model/ }).press('Enter');
  await expect(status(options)).toHaveText(`${modelName()} was added (${sizeMb}). Nothing is downloaded until you press its Download button.`);
}

async function engineStatus(options: Page): Promise<EngineStatus> {
  return options.evaluate(() => chrome.runtime.sendMessage({ type: 'ui:engine-status', payload: {} }) as Promise<EngineStatus>);
}

test('download on consent with progress, resume, refusals, switching, captions from the downloaded model, fallback, delete', async ({ context, serviceWorker, extensionId }) => {
  // What the captioner core says in Node for the photo with the stand-in: the extension must say the same words.
  const reference = createCaptioner();
  await reference.load(modelDir(VIT_GPT2_STANDIN), { backend: 'wasm' });
  const expected = (await reference.caption(await loadImage(join(PHOTOS, '1022454332_6af2c1449a.jpg')))).text;
  await reference.dispose();

  let options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/src/ui/options.html`);
  const models = options.locator('#model-list > li');
  // The embedded model and the two standard ones, each with its size said before any fetch; nothing was fetched.
  await expect(models).toHaveCount(3);
  await expect(options.getByRole('radio', { name: 'Use the embedded model for captions' })).toBeChecked();
  await expect(models.filter({ hasText: 'distilvit (Mozilla)' })).toContainText('Size: about 190 MB');
  await expect(models.filter({ hasText: 'vit-gpt2 (nlpconnect, ONNX by Xenova)' })).toContainText('Not downloaded. Nothing is fetched until you press Download.');
  expect(server.requests).toEqual([]);

  // Added by address with its sha256 manifest: the size is asked (HEAD) and shown, nothing is downloaded.
  await add(options);
  expect(server.requests.filter((r) => r.method === 'GET').map((r) => r.path)).toEqual(['/vit-gpt2/sha256sums.txt']);
  await expect(item(options)).toContainText(`Size: ${sizeMb}.`);
  await expect(item(options).getByRole('radio')).toBeDisabled();

  // A 404 names the file.
  server.mode = { kind: 'not-found', file: 'preprocessor_config.json' };
  await download(options);
  await expect(status(options)).toContainText('preprocessor_config.json was not found on the server (HTTP 404');

  // The options page closed mid-download: what arrived stays on disk, and the page says so when it opens again.
  server.mode = { kind: 'drop', file: 'tokenizer.json' };
  await download(options);
  await expect(item(options)).toContainText(/\d+\.\d of [\d.]+ MB \(file 4 of 7: tokenizer\.json\)/);
  await expect.poll(() => server.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/tokenizer.json')).length).toBe(1);
  await options.waitForTimeout(300); // a few chunks of the slow reply
  await options.close();
  options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/src/ui/options.html`);
  await expect(item(options)).toContainText(/Partly downloaded \(\d+\.\d MB so far\): Download resumes where it stopped\./);
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/src/ui/popup.html`);
  await expect(popup.locator('#model-download')).toHaveText(new RegExp(`The download of ${modelName()} stopped at \\d+\\.\\d MB when the options page closed`));

  // A cut connection: the part stays, and the next Download asks for the rest with a Range request (206).
  server.mode = { kind: 'drop', file: DECODER };
  server.requests.length = 0;
  await download(options);
  await expect.poll(() => server.requests.find((r) => r.path.endsWith('/tokenizer.json'))).toMatchObject({ method: 'GET', range: expect.stringMatching(/^bytes=[1-9]\d*-$/), status: 206 });
  // The progress bar, by its accessible name, while the decoder arrives.
  const progress = item(options).getByRole('progressbar', { name: `Downloading ${modelName()}` });
  await expect(progress).toBeVisible();
  await expect(item(options)).toContainText(new RegExp(`\\d+\\.\\d of ${sizeMb} \\(file 7 of 7: ${DECODER}\\)`));
  expect(Number(await progress.getAttribute('value'))).toBeGreaterThan(0);
  await expect(status(options)).toContainText(`The download of ${DECODER} was interrupted after`);
  await expect(item(options)).toContainText('Partly downloaded');
  await popup.reload();
  await expect(popup.locator('#model-download')).toContainText(`${modelName()} is not downloaded: The download of ${DECODER} was interrupted`);
  server.requests.length = 0;
  await download(options);
  await expect(status(options)).toContainText(`${modelName()} is downloaded and checked: All 7 files match their sha256.`, { timeout: 30_000 });
  const resumed = server.requests.find((r) => r.path.endsWith(DECODER));
  expect(resumed?.range).toMatch(/^bytes=\d+-$/);
  expect(resumed?.status).toBe(206);
  // Only what was missing was fetched again.
  expect(server.requests.filter((r) => r.method === 'GET').map((r) => r.path)).toEqual([`/vit-gpt2/${DECODER}`]);
  await expect(item(options)).toContainText(/Stored \(\d+\.\d MB\)\. Every file matched its published hash\./);
  // The Models section with a stored model and a model card passes axe-core.
  expect(await axeViolations(options)).toEqual([]);

  // An HTML page in place of the encoder, then a corrupted encoder: refused, deleted, named.
  await item(options).getByRole('button', { name: `Delete ${modelName()}` }).click();
  await expect(status(options)).toHaveText(`${modelName()} was deleted.`);
  // A model added by address leaves the list with its files.
  await expect(item(options)).toHaveCount(0);
  await add(options);
  server.mode = { kind: 'html', file: ENCODER };
  await download(options);
  await expect(status(options)).toContainText(`${modelName()} was refused: ${ENCODER} is a web page, not an ONNX model`);
  await expect(status(options)).toContainText('It was deleted');
  server.mode = { kind: 'corrupt', file: ENCODER };
  server.requests.length = 0;
  await download(options);
  await expect(status(options)).toContainText(`${modelName()} was refused: ${ENCODER} has sha256`);
  expect(server.requests.filter((r) => r.method === 'GET').map((r) => r.path)).toEqual([`/vit-gpt2/${ENCODER}`]);
  server.mode = { kind: 'ok' };
  await download(options);
  await expect(status(options)).toContainText('is downloaded and checked: All 7 files match their sha256.');

  // Switch by keyboard; the photo gets the downloaded model's caption, and the audit and the name say which model.
  await setSettings(serviceWorker, { withholdBelow: 0, uncalibratedWithholdBelow: 0, uncalibratedConfidentAt: 0, nameSaysModel: true });
  const use = item(options).getByRole('radio', { name: `Use ${modelName()} for captions` });
  await expect(use).toBeEnabled();
  await use.focus();
  await options.keyboard.press('Space');
  await expect(use).toBeChecked();
  await expect(status(options)).toContainText(`Captions now come from ${modelName()}.`);
  const page = await context.newPage();
  await page.goto(`${pages.origin}/index.html`);
  const report = await waitForAudit(serviceWorker, page.url(), (r) => r.rows.some((row) => row.descriptionModel !== null || row.descriptionError !== null), undefined, ENGINE_MS);
  const row = report.rows.find((r) => r.selector.at(-1) === '#photo')!;
  expect(row.descriptionError).toBeNull();
  expect(row.imageType).toBe('photo');
  expect(row.descriptionModel).toBe(modelName());
  expect(row.description).toBe(expected);
  // Thresholds at 0 for the test (the stand-in's words are random), and the setting that names the model.
  expect(row.labelState).toBe('confident');
  expect(row.label).toBe(`Automatic description: ${expected} (described by ${modelName()})`);
  await expect.poll(async () => (await engineStatus(options)).model).toBe(server.base);
  // The overlay's badge says it too.
  await sendToTab(serviceWorker, page.url(), 'tab:toggle-overlay', { visible: true });
  const suggestion = page.locator(`glimpse-overlay .badge[data-id="${row.id}"] .suggestion`).first();
  await expect(suggestion).toContainText(`Suggested: ${expected} (confidence`);
  await expect(suggestion).toContainText(`, by ${modelName()})`);

  // A stored model that no longer loads (its decoder damaged on disk): the embedded model speaks, and the options say why.
  await options.evaluate(async (id) => {
    let dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('glimpse-models');
    dir = await (await dir.getDirectoryHandle(encodeURIComponent(id))).getDirectoryHandle('onnx');
    const writable = await (await dir.getFileHandle('decoder_model_merged_quantized.onnx')).createWritable({ keepExistingData: true });
    await writable.write({ type: 'write', position: 0, data: new Uint8Array(4096).fill(7) });
    await writable.close();
  }, server.base);
  // A new browser session loads the model from disk again: here, the engine document is closed (the next image opens a new one).
  await serviceWorker.evaluate(() => chrome.offscreen.closeDocument());
  const second = await context.newPage();
  await second.goto(`${pages.origin}/second.html`);
  const fallen = await waitForAudit(serviceWorker, second.url(), (r) => r.rows.some((rr) => rr.descriptionModel !== null || rr.descriptionError !== null), undefined, ENGINE_MS);
  expect(fallen.rows.find((r) => r.selector.at(-1) === '#photo')?.descriptionModel).toBe(EMBEDDED_MODEL_NAME);
  const engine = await engineStatus(options);
  expect(engine.fallback).toMatch(new RegExp(`${modelName()} could not be loaded .*${DECODER}.*the embedded model describes images instead`));
  await expect(options.locator('#model-engine')).toContainText('could not be loaded', { timeout: 10_000 });
  await popup.reload();
  await expect(popup.locator('#engine')).toContainText(`${modelName()} could not be loaded`);

  // Delete: the storage is freed and captions come from the embedded model again.
  await item(options).getByRole('button', { name: `Delete ${modelName()}` }).click();
  await expect(status(options)).toHaveText(`${modelName()} was deleted. Captions come from the embedded model again.`);
  await expect(options.locator('#model-storage')).toContainText('Downloaded models use 0.0 MB');
  await expect(options.getByRole('radio', { name: 'Use the embedded model for captions' })).toBeChecked();
  expect((await serviceWorker.evaluate(() => chrome.storage.sync.get('captionModel'))).captionModel).toBe('glimpse-captioner');

  // A server that ignores Range requests sends the cut file whole again (200), and it is written anew.
  await add(options);
  server.mode = { kind: 'drop', file: DECODER };
  await download(options);
  await expect(status(options)).toContainText(`The download of ${DECODER} was interrupted after`);
  server.ranges = false;
  server.requests.length = 0;
  await download(options);
  await expect(status(options)).toContainText(`${modelName()} is downloaded and checked: All 7 files match their sha256.`);
  expect(server.requests.find((r) => r.path.endsWith(DECODER))).toMatchObject({ range: expect.stringMatching(/^bytes=[1-9]\d*-$/), status: 200 });
  server.ranges = true;
  await item(options).getByRole('button', { name: `Delete ${modelName()}` }).click();
  await expect(status(options)).toHaveText(`${modelName()} was deleted.`);

  // A model without the optional tokenizer_config.json (404) is stored without it.
  await add(options);
  server.mode = { kind: 'not-found', file: 'tokenizer_config.json' };
  await download(options);
  await expect(status(options)).toContainText(`${modelName()} is downloaded and checked: All 6 files match their sha256.`);
  server.mode = { kind: 'ok' };
  await item(options).getByRole('button', { name: `Delete ${modelName()}` }).click();
  await expect(status(options)).toHaveText(`${modelName()} was deleted.`);

  // A folder whose config.json is not a captioning model (and no manifest to check against) is refused, and can't be chosen.
  const bert = await serveModel(VIT_GPT2_STANDIN, '/bert/', { 'config.json': JSON.stringify({ architectures: ['BertModel'], model_type: 'bert' }) });
  try {
    await options.getByLabel(/Base address of a model folder/).fill(bert.base);
    await options.getByLabel(/Address of a sha256 manifest/).fill('');
    await options.getByRole('button', { name: /Add the model/ }).press('Enter');
    const name = `127.0.0.1:${new URL(bert.origin).port}/bert`;
    await expect(status(options)).toContainText(`${name} was added`);
    await options.locator('#model-list > li').filter({ has: options.getByRole('heading', { name }) }).getByRole('button', { name: 'Download' }).click();
    await expect(status(options)).toHaveText(`${name} was refused: config.json describes a BertModel, not a vision-encoder-decoder captioning model, which is the only kind Glimpse can run.`);
    await expect(options.getByRole('radio', { name: `Use ${name} for captions` })).toBeDisabled();
  } finally {
    await bert.close();
  }
});

test('a model folder or zip imported from disk is copied, checked and usable; one without its decoder, or a cut-off zip, is refused', async ({ context, extensionId }) => {
  const work = await mkdtemp(join(tmpdir(), 'glimpse-import-'));
  try {
    // The stand-in folder with a sha256sums.txt beside it, and a copy that lacks the decoder.
    const whole = join(work, 'vit-gpt2-standin');
    const broken = join(work, 'no-decoder');
    await cp(VIT_GPT2_STANDIN, whole, { recursive: true });
    const sums = await Promise.all(OPTIMUM_FILES.map(async (path) => `${createHash('sha256').update(await readFile(join(whole, path))).digest('hex')}  ${path}`));
    await writeFile(join(whole, 'sha256sums.txt'), `${sums.join('\n')}\n`);
    await cp(VIT_GPT2_STANDIN, broken, { recursive: true });
    await rm(join(broken, DECODER));

    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/src/ui/options.html`);
    const folder = options.getByLabel(/A folder in the same layout/);
    await folder.setInputFiles(broken);
    await expect(status(options)).toHaveText(`The folder was not imported: The folder no-decoder is not a model in the Optimum layout Glimpse reads: it has no ${DECODER}. Nothing was imported.`);
    await expect(options.locator('#model-list > li')).toHaveCount(3);

    await folder.setInputFiles(whole);
    await expect(status(options)).toHaveText(new RegExp(`^vit-gpt2-standin \\(imported folder\\) was imported and checked: ${sizeMb.replace('.', '\\.')} copied\\. All 7 files match their sha256\\.`));
    const imported = options.locator('#model-list > li').filter({ has: options.getByRole('heading', { name: 'vit-gpt2-standin (imported folder)' }) });
    await expect(imported).toContainText('A folder imported from this computer');
    await expect(imported.getByRole('button', { name: /Download/ })).toHaveCount(0);
    await imported.getByRole('radio', { name: 'Use vit-gpt2-standin (imported folder) for captions' }).check();
    await expect(status(options)).toContainText('Captions now come from vit-gpt2-standin (imported folder).');
    expect(await axeViolations(options)).toEqual([]);
    await imported.getByRole('button', { name: 'Delete vit-gpt2-standin (imported folder)' }).click();
    await expect(status(options)).toHaveText('vit-gpt2-standin (imported folder) was deleted. Captions come from the embedded model again.');

    // The same folder as a zip (its folder name in front of every path, as zip tools write it); a cut-off copy is refused.
    const zipper = new ZipWriter(new Uint8ArrayWriter(), { useWebWorkers: false });
    for (const path of [...OPTIMUM_FILES, 'sha256sums.txt']) await zipper.add(`vit-gpt2-standin/${path}`, new Uint8ArrayReader(await readFile(join(whole, path))));
    const zipBytes = await zipper.close();
    await writeFile(join(work, 'vit-gpt2-standin.zip'), zipBytes);
    await writeFile(join(work, 'cut.zip'), zipBytes.subarray(0, Math.floor(zipBytes.length / 2)));
    const zip = options.getByLabel(/or a zip of such a folder/);
    await zip.setInputFiles(join(work, 'cut.zip'));
    await expect(status(options)).toHaveText(/^The zip was not imported: cut\.zip (can't be read as a zip archive|could not be read to the end)/);
    await expect(options.locator('#model-list > li')).toHaveCount(3);
    await zip.setInputFiles(join(work, 'vit-gpt2-standin.zip'));
    await expect(status(options)).toHaveText(new RegExp(`^vit-gpt2-standin \\(imported zip\\) was imported and checked: ${sizeMb.replace('.', '\\.')} copied\\. All 7 files match their sha256\\.`));
    const fromZip = options.locator('#model-list > li').filter({ has: options.getByRole('heading', { name: 'vit-gpt2-standin (imported zip)' }) });
    await fromZip.getByRole('radio', { name: 'Use vit-gpt2-standin (imported zip) for captions' }).check();
    await expect(status(options)).toContainText('Captions now come from vit-gpt2-standin (imported zip).');
    await fromZip.getByRole('button', { name: 'Delete vit-gpt2-standin (imported zip)' }).click();
    await expect(status(options)).toHaveText('vit-gpt2-standin (imported zip) was deleted. Captions come from the embedded model again.');
  } finally {
    await rm(work, { recursive: true, force: true });
  }
});

test('a full disk: the browser refuses to store more, the download says so, the embedded model still speaks, and the download completes once there is room', async ({ context, serviceWorker, extensionId }) => {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/src/ui/options.html`);
  // The browser's own storage quota for the extension, lowered over the DevTools protocol (no hook in the product):
  // less room than the model needs, so OPFS itself throws QuotaExceededError part way through.
  const cdp = await context.newCDPSession(options);
  let refused: string;
  const used = await options.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: `chrome-extension://${extensionId}`, quotaSize: used + 1_500_000 });
  try {
    await add(options);
    server.mode = { kind: 'ok' };
    await download(options);
    // Which file meets the limit depends on how the browser reserves space; the message names it.
    const refusal = new RegExp(`^${modelName().replace(/\./g, '\\.')} is not downloaded: There is not enough storage for (\\S+): the browser refused to store more \\(quota exceeded\\)\\. Free some disk space, or delete another model, then download again\\.$`);
    await expect(status(options)).toHaveText(refusal, { timeout: 30_000 });
    refused = refusal.exec((await status(options).textContent()) ?? '')?.[1] ?? '';
    expect(OPTIMUM_FILES).toContain(refused);
    console.log(`quota met at ${refused}`);
    await expect(options.getByRole('radio', { name: `Use ${modelName()} for captions` })).toBeDisabled();
    await expect(options.getByRole('radio', { name: 'Use the embedded model for captions' })).toBeChecked();
  } finally {
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: `chrome-extension://${extensionId}` });
  }

  // The embedded model still describes photos.
  const page = await context.newPage();
  await page.goto(`${pages.origin}/index.html`);
  const report = await waitForAudit(serviceWorker, page.url(), (r) => r.rows.some((row) => row.descriptionModel !== null || row.descriptionError !== null), undefined, ENGINE_MS);
  const row = report.rows.find((r) => r.selector.at(-1) === '#photo')!;
  expect(row.descriptionError).toBeNull();
  expect(row.descriptionModel).toBe(EMBEDDED_MODEL_NAME);

  // With room again, Download finishes from what was stored and the model is checked.
  server.requests.length = 0;
  await download(options);
  await expect(status(options)).toContainText(`${modelName()} is downloaded and checked: All 7 files match their sha256.`, { timeout: 30_000 });
  // Files stored whole before the refusal are not fetched again.
  const fetched = server.requests.filter((r) => r.method === 'GET').map((r) => r.path.replace('/vit-gpt2/', ''));
  expect(fetched).toContain(refused);
  for (const path of fetched) expect(OPTIMUM_FILES.indexOf(path)).toBeGreaterThanOrEqual(OPTIMUM_FILES.indexOf(refused));
  await item(options).getByRole('button', { name: `Delete ${modelName()}` }).click();
  await expect(status(options)).toHaveText(`${modelName()} was deleted.`);
});

test('a model on a Hugging Face hub: its listing gives the sizes and hashes, the download is pinned to its commit and verified', async ({ context, extensionId }) => {
  const repo = 'Xenova/vit-gpt2-image-captioning';
  const commit = '0123456789abcdef0123456789abcdef01234567';
  const hub = await serveHubModel(VIT_GPT2_STANDIN, repo, commit);
  try {
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/src/ui/options.html`);
    const name = `127.0.0.1:${new URL(hub.origin).port}/${repo}/resolve/main`;
    await options.getByLabel(/Base address of a model folder/).fill(`${hub.origin}/${repo}/resolve/main/`);
    await options.getByLabel(/Address of a sha256 manifest/).fill('');
    await options.getByRole('button', { name: /Add the model/ }).press('Enter');
    // No manifest was given: the hub's API told the size.
    await expect(status(options)).toHaveText(`${name} was added (${sizeMb}). Nothing is downloaded until you press its Download button.`);
    expect(hub.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /api/models/${repo}/revision/main`, `GET /api/models/${repo}/tree/${commit}`]);
    const entry = options.locator('#model-list > li').filter({ has: options.getByRole('heading', { name }) });
    hub.requests.length = 0;
    await entry.getByRole('button', { name: 'Download' }).click();
    await expect(status(options)).toContainText(`${name} is downloaded and checked: All 7 files match their published hashes (2 by sha256, 5 small ones by Git object id).`, { timeout: 30_000 });
    // Every file came from the listed commit, not from the branch.
    const files = hub.requests.filter((r) => r.method === 'GET').map((r) => r.path);
    expect(files).toHaveLength(7);
    for (const path of files) expect(path.startsWith(`/${repo}/resolve/${commit}/`), path).toBe(true);
    await expect(entry).toContainText(/Stored \(\d+\.\d MB\)\. Every file matched its published hash\./);
    await entry.getByRole('button', { name: `Delete ${name}` }).click();
    await expect(status(options)).toHaveText(`${name} was deleted.`);

    // A file the hub serves damaged (same length) is refused by the listing's hash.
    await options.getByLabel(/Base address of a model folder/).fill(`${hub.origin}/${repo}/resolve/main/`);
    await options.getByRole('button', { name: /Add the model/ }).press('Enter');
    await expect(status(options)).toContainText(`${name} was added`);
    hub.mode = { kind: 'corrupt', file: 'preprocessor_config.json' };
    await entry.getByRole('button', { name: 'Download' }).click();
    await expect(status(options)).toContainText(`${name} was refused: preprocessor_config.json `, { timeout: 30_000 });
    hub.mode = { kind: 'ok' };
    await entry.getByRole('button', { name: `Delete ${name}` }).click();
    await expect(status(options)).toHaveText(`${name} was deleted.`);
  } finally {
    await hub.close();
  }
});

test('a downloaded model on WebGPU (SwiftShader) says the words the captioner core says on WASM in Node', async () => {
  test.setTimeout(20 * 60_000);
  const reference = createCaptioner();
  await reference.load(modelDir(VIT_GPT2_STANDIN), { backend: 'wasm' });
  const expected = await reference.caption(await loadImage(join(PHOTOS, '1022454332_6af2c1449a.jpg')));
  await reference.dispose();

  const { context, serviceWorker, extensionId, close } = await launchWithExtension({ args: WEBGPU_SWIFTSHADER_ARGS });
  try {
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/src/ui/options.html`);
    await options.getByLabel(/A folder in the same layout/).setInputFiles(VIT_GPT2_STANDIN);
    await expect(status(options)).toContainText('was imported and checked');
    const name = `${VIT_GPT2_STANDIN.split('/').at(-1)} (imported folder)`;
    await setSettings(serviceWorker, { backend: 'webgpu', withholdBelow: 0, uncalibratedWithholdBelow: 0, uncalibratedConfidentAt: 0 });
    await options.getByRole('radio', { name: `Use ${name} for captions` }).check();
    await expect(status(options)).toContainText(`Captions now come from ${name}.`);
    const page = await context.newPage();
    await page.goto(`${pages.origin}/index.html`);
    const report = await waitForAudit(serviceWorker, page.url(), (r) => r.rows.some((row) => row.descriptionModel !== null || row.descriptionError !== null), undefined, 15 * 60_000);
    const row = report.rows.find((r) => r.selector.at(-1) === '#photo')!;
    expect(row.descriptionError).toBeNull();
    expect(row.descriptionModel).toBe(name);
    expect(row.description).toBe(expected.text);
    const engine = await engineStatus(options);
    expect(engine).toMatchObject({ backend: 'webgpu', fallback: null });
  } finally {
    await close();
  }
});
