import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveHubModel, type ModelServer } from '../../e2e/support/model-server';
import { VIT_GPT2_STANDIN } from '../lib/test-model';
import data from '../../src/shared/standard-models.json' with { type: 'json' };
import { standardBaseUrl, type StandardModel } from '../../src/shared/standard-models';
import { verifyModel } from '../../src/shared/model-verify';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pinStandardModels } from './pin-standard-models';

const REPO = 'Xenova/vit-gpt2-image-captioning';
const COMMIT = 'fedcba9876543210fedcba9876543210fedcba98';

describe('pin-standard-models against a local hub serving the vit-gpt2 stand-in', () => {
  let hub: ModelServer;
  beforeAll(async () => {
    hub = await serveHubModel(VIT_GPT2_STANDIN, REPO, COMMIT);
  });
  afterAll(async () => hub?.close());

  it('writes the revision and every file\'s size and hash, which the stand-in\'s files then match; the fetch URL is pinned', async () => {
    const copy = structuredClone(data) as { models: StandardModel[] };
    const problems = await pinStandardModels(copy, hub.origin, REPO);
    expect(problems).toEqual([]);
    const model = copy.models.find((m) => m.id === REPO)!;
    expect(model.revision).toBe(COMMIT);
    expect(model.files.every((f) => f.size !== null && (f.sha256 !== null || f.gitBlob))).toBe(true);
    const verdict = await verifyModel(model.files, async (path) => new Uint8Array(await readFile(join(VIT_GPT2_STANDIN, path))));
    expect(verdict.verified).toBe(true);
    expect(standardBaseUrl(model)).toBe(`https://huggingface.co/${REPO}/resolve/${COMMIT}/`);
    // The other model was not asked for.
    expect(copy.models.find((m) => m.id !== REPO)!.revision).toBeNull();
  });

  it('a hub that does not have the repository is a problem named, and the entry is left unpinned', async () => {
    const copy = structuredClone(data) as { models: StandardModel[] };
    const problems = await pinStandardModels(copy, hub.origin, 'Mozilla/distilvit');
    expect(problems).toEqual([`Mozilla/distilvit: the hub at ${hub.origin} gave no listing`]);
    expect(copy.models.find((m) => m.id === 'Mozilla/distilvit')!.revision).toBeNull();
  });
});
