import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveHubModel, serveModel, type ModelServer } from '../../e2e/support/model-server';
import { VIT_GPT2_STANDIN } from '../../scripts/lib/test-model';
import { gitBlobId, verifyModel } from '../shared/model-verify';
import { standardModel } from '../shared/standard-models';
import { hubFacts, hubRepoOf } from './hub-facts';
import type { DownloadPlan } from './stored-model';
import { layoutFiles } from './url-model';

const REPO = 'Xenova/vit-gpt2-image-captioning';
const COMMIT = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
const ENCODER = 'onnx/encoder_model_quantized.onnx';
const read = async (path: string): Promise<Uint8Array | null> => new Uint8Array(await readFile(join(VIT_GPT2_STANDIN, path)));

describe('hubRepoOf', () => {
  it('reads the hub layout of the standard models, and nothing else', () => {
    expect(hubRepoOf(standardModel(REPO)!.baseUrl)).toEqual({ origin: 'https://huggingface.co', repo: REPO, revision: 'main', folder: '' });
    expect(hubRepoOf('https://hf.example/Owner/model/resolve/v1.0/exports/int8/')).toEqual({ origin: 'https://hf.example', repo: 'Owner/model', revision: 'v1.0', folder: 'exports/int8/' });
    expect(hubRepoOf('https://models.example/vit-gpt2/')).toBeNull();
    expect(hubRepoOf('https://huggingface.co/Owner/model/blob/main/')).toBeNull();
    expect(hubRepoOf('https://huggingface.co/../x/resolve/main/')).toBeNull();
    expect(hubRepoOf('not a url')).toBeNull();
  });
});

describe('gitBlobId', () => {
  it('is the id git gives a file', async () => {
    // `git hash-object` of an empty file, and of "hello\n".
    expect(await gitBlobId(new Uint8Array())).toBe('e69de29bb2d1d6434b8b29ae775ad8c2e48c5391');
    expect(await gitBlobId(new TextEncoder().encode('hello\n'))).toBe('ce013625030ba8dba906f756967f9e9ca394464a');
  });
});

describe('hubFacts against a local hub serving the vit-gpt2 stand-in', () => {
  let hub: ModelServer;
  let plain: ModelServer;
  beforeAll(async () => {
    hub = await serveHubModel(VIT_GPT2_STANDIN, REPO, COMMIT);
    plain = await serveModel(VIT_GPT2_STANDIN, `/${REPO}/resolve/main/`);
  });
  afterAll(async () => {
    await hub?.close();
    await plain?.close();
  });
  const planAt = (origin: string): DownloadPlan => ({ id: 'x', name: 'x', baseUrl: `${origin}/${REPO}/resolve/main/`, files: layoutFiles(null) });

  it('pins the plan to the commit and fills in every size and hash; the files then verify', async () => {
    const facts = await hubFacts(planAt(hub.origin));
    expect(facts?.revision).toBe(COMMIT);
    const plan = facts!.plan;
    expect(plan.baseUrl).toBe(`${hub.origin}/${REPO}/resolve/${COMMIT}/`);
    const encoder = plan.files.find((f) => f.path === ENCODER)!;
    const bytes = (await read(ENCODER))!;
    expect(encoder).toMatchObject({ size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
    const config = plan.files.find((f) => f.path === 'config.json')!;
    expect(config.sha256).toBeNull();
    expect(config.gitBlob).toMatch(/^[0-9a-f]{40}$/);
    expect(plan.files.every((f) => f.size !== null)).toBe(true);
    expect(hub.requests.map((r) => r.path)).toEqual([`/api/models/${REPO}/revision/main`, `/api/models/${REPO}/tree/${COMMIT}`]);

    const verdict = await verifyModel(plan.files, read);
    expect(verdict).toMatchObject({ ok: true, verified: true });
    expect(verdict.message).toBe('All 7 files match their published hashes (2 by sha256, 5 small ones by Git object id).');
  });

  it('a small file that is not the published one is refused by its Git object id', async () => {
    const { plan } = (await hubFacts(planAt(hub.origin)))!;
    const verdict = await verifyModel(plan.files, async (path) => (path === 'tokenizer.json' ? new TextEncoder().encode(new TextDecoder().decode((await read(path))!).replace('a', 'b')) : read(path)));
    expect(verdict.ok).toBe(false);
    expect(verdict.failed.map((f) => [f.path, f.status])).toEqual([['tokenizer.json', 'wrong-hash']]);
    expect(verdict.message).toMatch(/^tokenizer\.json has Git object id [0-9a-f]{12}…, not the published [0-9a-f]{12}…/);
  });

  it('keeps the hashes the plan already pins', async () => {
    const pinned = planAt(hub.origin);
    pinned.files = pinned.files.map((f) => (f.path === ENCODER ? { ...f, sha256: '0'.repeat(64) } : f));
    const { plan } = (await hubFacts(pinned))!;
    expect(plan.files.find((f) => f.path === ENCODER)!.sha256).toBe('0'.repeat(64));
  });

  it('a server in the hub layout without its API, or an address not in the layout, gives null', async () => {
    expect(await hubFacts(planAt(plain.origin))).toBeNull();
    expect(await hubFacts({ ...planAt(plain.origin), baseUrl: `${plain.origin}/vit-gpt2/` })).toBeNull();
  });
});
