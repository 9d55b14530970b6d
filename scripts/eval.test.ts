// Runs `npm run eval`'s script end to end on a few Flickr8k dev images, the
// way CI does. It checks the CLI's contract (the table, the one JSON line
// last, per-item failures), not caption quality: with no assembled model it
// uses the format-identical random model in models/tiny-random.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const shared = process.env.GLIMPSE_SHARED ?? join(repo, '..', 'shared');
const flickr = join(shared, 'data', 'flickr8k');
const assembled = join(repo, '.cache', 'models', 'glimpse-captioner');
const model = existsSync(join(assembled, 'config.json')) ? assembled : join(repo, 'scripts', 'lib', 'fixtures', 'tiny-random');

function runEval(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(repo, 'scripts', 'eval.ts'), ...args], {
    cwd: repo,
    encoding: 'utf8',
    // Model loading is slow on a busy CI machine; the test's own timeout is above this.
    timeout: 280_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function lastJson(stdout: string): Record<string, unknown> {
  const lines = stdout.trimEnd().split('\n');
  return JSON.parse(lines.at(-1)!) as Record<string, unknown>;
}

describe('npm run eval', () => {
  it('captions and scores Flickr8k dev images, ending stdout with one JSON object', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'glimpse-eval-')), 'captions.json');
    const run = runEval([
      '--images', join(flickr, 'images'),
      '--captions', join(flickr, 'Flickr8k.token.txt'),
      '--split', join(flickr, 'Flickr_8k.devImages.txt'),
      '--model', model,
      '--limit', '3',
      '--out', out,
    ]);
    expect(run.status, run.stderr).toBe(0);
    const summary = lastJson(run.stdout);
    expect(Object.keys(summary)).toEqual(expect.arrayContaining(['n', 'Bleu_1', 'Bleu_2', 'Bleu_3', 'Bleu_4', 'METEOR', 'ROUGE_L', 'CIDEr', 'latency_ms', 'model']));
    expect(summary.n).toBe(3);
    for (const key of ['Bleu_1', 'Bleu_2', 'Bleu_3', 'Bleu_4', 'METEOR', 'ROUGE_L']) {
      expect(summary[key]).toBeGreaterThanOrEqual(0);
      expect(summary[key]).toBeLessThanOrEqual(1);
    }
    const latency = summary.latency_ms as { p50: number; p90: number };
    expect(latency.p50).toBeGreaterThan(0);
    expect(latency.p90).toBeGreaterThanOrEqual(latency.p50);
    expect(run.stdout).toContain('METEOR (exact+stem)');

    const written = JSON.parse(readFileSync(out, 'utf8')) as { model: string; results: { image: string; caption: string; ms: number }[] };
    expect(written.model).toBe(summary.model);
    expect(written.results.map((r) => r.image)).toEqual(readFileSync(join(flickr, 'Flickr_8k.devImages.txt'), 'utf8').split('\n').slice(0, 3));
    for (const r of written.results) expect(r.caption.length).toBeGreaterThan(0);
  }, 300_000);

  it('reports an unreadable image and an image with no references without aborting', () => {
    const dir = mkdtempSync(join(tmpdir(), 'glimpse-eval-'));
    const dev = readFileSync(join(flickr, 'Flickr_8k.devImages.txt'), 'utf8').split('\n')[0]!;
    writeFileSync(join(dir, 'split.txt'), `${dev}\nbroken.jpg\nunknown.jpg\n`);
    writeFileSync(join(dir, 'captions.txt'), `${dev}#0\tA photo .\nbroken.jpg#0\tA broken file .\n`);
    const images = join(dir, 'images');
    mkdirSync(images);
    copyFileSync(join(flickr, 'images', dev), join(images, dev));
    writeFileSync(join(images, 'broken.jpg'), 'not a jpeg');
    const run = runEval(['--images', images, '--captions', join(dir, 'captions.txt'), '--split', join(dir, 'split.txt'), '--model', model]);
    expect(run.status, run.stderr).toBe(0);
    const summary = lastJson(run.stdout);
    expect(summary.n).toBe(1);
    expect(summary.failed).toBe(2);
    expect(run.stderr).toMatch(/broken\.jpg: /);
    expect(run.stderr).toMatch(/unknown\.jpg: skipped, no reference captions/);
  }, 300_000);

  it('rejects a missing required option with usage and exit code 2', () => {
    const run = runEval(['--images', 'x']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('usage: npm run eval');
  }, 60_000);
});
