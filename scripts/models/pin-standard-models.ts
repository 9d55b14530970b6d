/**
 * Pins the standard models in src/shared/standard-models.json to what their
 * hub publishes now: the commit `main` points at (`revision`), and each file's
 * size and hash from the hub's listing (sha256 for the LFS weights, the Git
 * object id for small files), read by the same code the options page uses
 * (src/model-store/hub-facts.ts). Needs a network that reaches the hub; run it
 * by hand and review the diff. Licence and training data stay as written
 * (`publisherFactsChecked` is for a person who read the model cards).
 *
 * Usage: npx tsx scripts/models/pin-standard-models.ts [--hub https://huggingface.co] [--out FILE] [--only ID]
 */
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { hubFacts } from '../../src/model-store/hub-facts';
import type { StandardModel } from '../../src/shared/standard-models';

const DATA = 'src/shared/standard-models.json';

export async function pinStandardModels(data: { models: StandardModel[] }, hub: string | null, only: string | null): Promise<string[]> {
  const problems: string[] = [];
  for (const model of data.models) {
    if (only && model.id !== only) continue;
    // --hub: the same repository on another host (a mirror), same layout.
    const baseUrl = hub ? model.baseUrl.replace(/^https?:\/\/[^/]+/, hub.replace(/\/$/, '')) : model.baseUrl;
    const unpinned = model.files.map((f) => ({ ...f, size: null, sha256: null, gitBlob: null }));
    const facts = await hubFacts({ id: model.id, name: model.name, baseUrl, files: unpinned });
    if (!facts) {
      problems.push(`${model.id}: the hub at ${new URL(baseUrl).origin} gave no listing`);
      continue;
    }
    const listed = new Map(facts.plan.files.map((f) => [f.path, f]));
    model.revision = facts.revision;
    model.files = model.files.flatMap((f) => {
      const got = listed.get(f.path);
      if (!got) return []; // an optional file this model doesn't have
      if (got.size === null || (got.sha256 === null && !got.gitBlob)) problems.push(`${model.id}: ${f.path} is not in the listing`);
      return [{ path: f.path, size: got.size, sha256: got.sha256, ...(got.gitBlob ? { gitBlob: got.gitBlob } : {}), ...(f.optional ? { optional: true } : {}) }];
    });
    const total = model.files.reduce((sum, f) => sum + (f.size ?? 0), 0);
    model.approximateTotalMB = Math.round(total / 1e6);
  }
  return problems;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { hub: { type: 'string' }, out: { type: 'string' }, only: { type: 'string' } } });
  const data = JSON.parse(await readFile(DATA, 'utf8')) as { note: string; models: StandardModel[] };
  const problems = await pinStandardModels(data, values.hub ?? null, values.only ?? null);
  await writeFile(values.out ?? DATA, `${JSON.stringify(data, null, 2)}\n`);
  for (const p of problems) console.error(p);
  console.log(`${values.out ?? DATA}: ${data.models.map((m) => `${m.id} at ${m.revision ?? 'unpinned'}`).join(', ')}`);
  process.exitCode = problems.length ? 1 : 0;
}
