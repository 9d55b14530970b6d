import { describe, expect, it } from 'vitest';
import type { PageAudit, PageAuditImage } from '../collect-audit';
import { changeOf, checkBaseline, compareRuns } from './compare-runs';
import { IMAGE_STATUSES } from '../../../src/shared/image-status';
import { listedImages, siteHtml } from './site-html';
import { siteReport, siteRows, type SitePage } from './site-report';

function row(src: string, status: PageAuditImage['status']): PageAuditImage {
  return {
    id: 'g-1', kind: 'img', status, ruleId: status, reason: status, describe: 'describe', describeReason: '', name: status === 'labelled' ? 'A dog' : '', src, priority: 0,
    selector: ['img'], mapImage: null, description: null, descriptionConfidence: null, descriptionModel: null, imageType: null, imageTypeConfidence: null, imageTypeReasons: [],
    ocrText: '', concepts: [], captionWithheld: null, descriptionError: null, labelState: null, label: null, labelWithheld: null, frameUrl: '',
  };
}

function page(url: string, images: PageAuditImage[]): SitePage {
  return { url, depth: 0, audit: { images, totals: {} as PageAudit['totals'], notDescribed: {} as PageAudit['notDescribed'], elapsedMs: 0, complete: true }, error: null };
}

const hashes = new Map(['dog', 'cat', 'bird', 'fish', 'owl'].map((n) => [`https://a.test/${n}.jpg`, { hash: `sha256:${n}` }]));
const u = (n: string) => `https://a.test/${n}.jpg`;

describe('changeOf', () => {
  it('names every pair of states', () => {
    expect([changeOf(null, true), changeOf(null, false), changeOf(true, false), changeOf(true, true), changeOf(false, true), changeOf(false, false), changeOf(true, null), changeOf(false, null)])
      .toEqual(['new', 'new', 'fixed', 'still-failing', 'regressed', 'unchanged', 'removed', 'removed']);
  });
});

describe('compareRuns', () => {
  const before = siteReport(['https://a.test/'], [
    page('https://a.test/', [row(u('dog'), 'missing'), row(u('cat'), 'missing'), row(u('bird'), 'labelled')]),
    page('https://a.test/old', [row(u('fish'), 'suspicious')]),
    page('https://a.test/calm', [row(u('bird'), 'labelled')]),
  ], [], hashes, '2026-01-01T00:00:00Z');
  // The dog got its alt, the cat did not, the bird lost its alt, /old is gone, /new brings an owl.
  const after = siteReport(['https://a.test/'], [
    page('https://a.test/', [row(u('dog'), 'labelled'), row(u('cat'), 'missing'), row(u('bird'), 'missing')]),
    page('https://a.test/calm', [row(u('bird'), 'labelled')]),
    page('https://a.test/new', [row(u('owl'), 'missing')]),
  ], [], hashes);
  const roundTripped = checkBaseline(JSON.parse(JSON.stringify(before)), '/old/run');
  after.comparison = compareRuns(roundTripped, after, '/old/run');
  const c = after.comparison;

  it('marks each image by content key', () => {
    const keys = Object.fromEntries(Object.entries(c.images).map(([k, v]) => [k, v.map((i) => i.key)]));
    expect(keys).toEqual({ new: ['sha256:owl'], fixed: ['sha256:dog'], 'still-failing': ['sha256:cat'], regressed: ['sha256:bird'], unchanged: [], removed: ['sha256:fish'] });
    expect(after.images.map((i) => [i.key, i.change])).toEqual([['sha256:dog', 'fixed'], ['sha256:cat', 'still-failing'], ['sha256:bird', 'regressed'], ['sha256:owl', 'new']]);
    expect(c.baseline).toEqual({ dir: '/old/run', generatedAt: '2026-01-01T00:00:00Z' });
  });

  it('marks each page by URL', () => {
    expect(c.pages).toEqual({ new: ['https://a.test/new'], fixed: [], 'still-failing': ['https://a.test/'], regressed: [], unchanged: ['https://a.test/calm'], removed: ['https://a.test/old'] });
    expect(after.pages.map((p) => p.change)).toEqual(['still-failing', 'unchanged', 'new']);
  });

  it('puts each row\'s change in images.csv and the counts in the HTML', () => {
    expect(siteRows(after, hashes).map((r) => r.change)).toEqual(['fixed', 'still-failing', 'regressed', 'regressed', 'new']);
    const html = siteHtml(after);
    expect(html).toContain('<h2>Changes since the baseline</h2>');
    expect(html).toMatch(/<th scope="row">fixed<\/th><td>[^<]+<\/td><td>1<\/td><td>0<\/td>/);
    expect(html).toMatch(/<th scope="row">removed<\/th><td>[^<]+<\/td><td>1<\/td><td>1<\/td>/);
    // The images needing work and the one fixed are listed, and the filters offer their statuses and changes.
    const listed = listedImages(after);
    expect(listed.map((i) => i.change).sort()).toEqual(['fixed', 'new', 'regressed', 'still-failing']);
    const radios = (name: string) => [...html.matchAll(new RegExp(`name="${name}" value="([^"]+)"`, 'g'))].map((m) => m[1]);
    expect(radios('change')).toEqual(['all', 'new', 'fixed', 'still-failing', 'regressed']);
    expect(radios('status')).toEqual(['all', ...IMAGE_STATUSES.filter((s) => listed.some((i) => i.status === s))]);
    expect(html.match(/<li class="image" data-status="[a-z]+" data-change="[a-z-]+">/g)).toHaveLength(listed.length);
  });

  it('refuses a baseline keyed another way', () => {
    expect(() => checkBaseline({ imageKey: 'src' as never, pages: [], needsWork: [] } as never, '/x')).toThrow(/run the baseline again/);
  });
});
