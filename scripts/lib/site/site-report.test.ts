import { describe, expect, it } from 'vitest';
import type { PageAudit, PageAuditImage } from '../collect-audit';
import { crawlOrder, failingStatuses, gateFailures, needingWork, parseStatuses, siteReport, siteRows, type SitePage } from './site-report';
import type { ImageContent } from './content-hash';
import { siteHtml } from './site-html';

function row(src: string | null, status: PageAuditImage['status'], extra: Partial<PageAuditImage> = {}): PageAuditImage {
  return {
    id: 'g-1', kind: 'img', status, ruleId: status, reason: `reason for ${status}`, describe: 'describe', describeReason: '', name: '', src, priority: 0,
    selector: ['img'], mapImage: null, description: 'a dog', descriptionConfidence: 0.5, descriptionModel: null, imageType: 'photo', imageTypeConfidence: 0.9, imageTypeReasons: [],
    ocrText: '', concepts: [], captionWithheld: null, descriptionError: null, labelState: 'hedged', label: null, labelWithheld: null, frameUrl: '', ...extra,
  };
}

function page(url: string, images: PageAuditImage[], depth = 0): SitePage {
  const audit = { images, totals: {} as PageAudit['totals'], notDescribed: {} as PageAudit['notDescribed'], elapsedMs: 0, complete: true };
  return { url, depth, audit, error: null };
}

describe('siteReport', () => {
  const pages = [
    page('https://a.test/', [row('https://a.test/dog.jpg', 'missing'), row('https://a.test/ok.jpg', 'labelled', { name: 'fine' })]),
    page('https://a.test/b', [row('https://a.test/dog.jpg?v=2', 'missing'), row(null, 'suspicious', { name: 'image', selector: ['svg'] })], 1),
    page('https://a.test/c', [row('https://a.test/dog-copy.jpg', 'labelled', { name: 'A dog in the water' }), row('https://a.test/unfetched.jpg', 'missing')], 1),
    { url: 'https://a.test/gone', depth: 1, audit: null, error: '404' },
  ];
  // Three URLs of one picture; the page's own URL for an image that could not be fetched.
  const dog = { hash: 'sha256:d06', thumbnail: 'data:image/webp;base64,AAAA' };
  const contents = new Map<string, ImageContent>([['https://a.test/dog.jpg', { hash: 'sha256:d06' }], ['https://a.test/dog.jpg?v=2', dog], ['https://a.test/dog-copy.jpg', { hash: 'sha256:d06' }], ['https://a.test/ok.jpg', { hash: 'sha256:0c' }]]);
  const skipped = [{ url: 'https://a.test/private/', reason: 'robotsTxt' }, { url: 'https://a.test/private/', reason: 'robotsTxt' }, { url: 'https://a.test/b', reason: 'depth' }];
  const report = siteReport(['https://a.test/'], pages, skipped, contents, '2026-01-01T00:00:00Z');

  it('lists one picture under several URLs once, keyed by its content, with every page and URL', () => {
    expect(report.imageKey).toBe('content');
    const image = report.images.find((i) => i.key === 'sha256:d06')!;
    expect(image.srcs).toEqual(['https://a.test/dog.jpg', 'https://a.test/dog.jpg?v=2', 'https://a.test/dog-copy.jpg']);
    expect(image.pages).toEqual(['https://a.test/', 'https://a.test/b', 'https://a.test/c']);
    expect(image.needsWorkOn).toEqual(['https://a.test/', 'https://a.test/b']);
    expect(image.status).toBe('missing');
    expect(image.thumbnail).toBe(dog.thumbnail);
  });

  it('keys an image whose bytes were not fetched by its URL, and one without a URL by page and selector', () => {
    expect(needingWork(report).map((i) => [i.key, i.pages])).toEqual([
      ['sha256:d06', ['https://a.test/', 'https://a.test/b', 'https://a.test/c']],
      ['https://a.test/b svg', ['https://a.test/b']],
      ['src:https://a.test/unfetched.jpg', ['https://a.test/c']],
    ]);
  });

  it('speaks for an image by an occurrence needing work, even when a labelled one came first', () => {
    const labelledFirst = siteReport(['https://a.test/'], [pages[2]!, pages[0]!], [], contents).images.find((i) => i.key === 'sha256:d06')!;
    expect([labelledFirst.status, labelledFirst.pages]).toEqual(['missing', ['https://a.test/c', 'https://a.test/']]);
  });

  it('lists each link never crawled once, with its reason', () => {
    expect(report.skipped).toEqual([{ url: 'https://a.test/private/', reason: 'robotsTxt' }]);
  });

  it('writes the same report whatever order K contexts finished the pages in', () => {
    const a = page('https://a.test/', [row('https://a.test/dog.jpg', 'missing')]);
    const b = page('https://a.test/b', [row('https://a.test/dog.jpg?x', 'labelled', { name: 'Dog' }), row('https://a.test/cat.jpg', 'missing')], 1);
    const c = page('https://a.test/c', [row('https://a.test/cat.jpg', 'suspicious', { name: 'cat.jpg' })], 1);
    const found = [{ url: 'https://a.test/x', reason: 'robotsTxt' }, { url: 'https://a.test/x', reason: 'depth' }, { url: 'https://a.test/w', reason: 'depth' }];
    const same = { 'https://a.test/dog.jpg': { hash: 'sha256:d' }, 'https://a.test/dog.jpg?x': { hash: 'sha256:d' } } as Record<string, ImageContent>;
    const contents = new Map(Object.entries(same));
    const one = siteReport(['https://a.test/'], crawlOrder([a, b, c]), found, contents, 'T');
    const other = siteReport(['https://a.test/'], crawlOrder([c, b, a]), [...found].reverse(), contents, 'T');
    expect(other).toEqual(one);
    expect(one.pages.map((p) => p.url)).toEqual(['https://a.test/', 'https://a.test/b', 'https://a.test/c']);
    expect(one.skipped).toEqual([{ url: 'https://a.test/w', reason: 'depth' }, { url: 'https://a.test/x', reason: 'depth' }]);
    expect(one.images.map((i) => [i.key, i.srcs, i.status])).toEqual([['sha256:d', ['https://a.test/dog.jpg', 'https://a.test/dog.jpg?x'], 'missing'], ['src:https://a.test/cat.jpg', ['https://a.test/cat.jpg'], 'missing']]);
  });

  it('counts image occurrences per status and the pages that failed', () => {
    expect(report.totals).toEqual({ pages: 4, pagesFailed: 1, images: { missing: 3, suspicious: 1, decorative: 0, labelled: 2, total: 6 }, distinctImages: 4, distinctNeedingWork: 3 });
    expect(siteRows(report, contents).map((r) => [r.page, r.imageKey])).toEqual([
      ['https://a.test/', 'sha256:d06'], ['https://a.test/', 'sha256:0c'], ['https://a.test/b', 'sha256:d06'], ['https://a.test/b', 'https://a.test/b svg'],
      ['https://a.test/c', 'sha256:d06'], ['https://a.test/c', 'src:https://a.test/unfetched.jpg'],
    ]);
  });

  it('fails only on the statuses asked for, and rejects unknown ones', () => {
    expect(failingStatuses(report, parseStatuses('missing,decorative'))).toEqual(['missing']);
    expect(failingStatuses(report, parseStatuses(''))).toEqual([]);
    expect(() => parseStatuses('missing,broken')).toThrow(/unknown status "broken"/);
  });

  it('fails a --max-missing budget only when the missing images (per page) exceed it', () => {
    expect(gateFailures(report, [], 3)).toEqual([]);
    expect(gateFailures(report, [], 2)).toEqual(['3 missing, over --max-missing 2']);
    expect(gateFailures(report, ['suspicious'], null)).toEqual(['suspicious found (--fail-on)']);
    expect(gateFailures(report, ['decorative'], null)).toEqual([]);
  });

  it('escapes page text in the HTML report', () => {
    const hostile = siteReport(['https://a.test/'], [page('https://a.test/', [row('https://a.test/x.jpg', 'suspicious', { name: '<script>alert(1)</script>' })])]);
    const html = siteHtml(hostile);
    expect(html).not.toContain('<script>alert');
    expect(html.match(/<script\b/g)).toHaveLength(1); // the report's own filter script, and no other
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
