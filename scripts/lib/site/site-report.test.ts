import { describe, expect, it } from 'vitest';
import type { PageAudit, PageAuditImage } from '../collect-audit';
import { failingStatuses, parseStatuses, siteReport, siteRows, type SitePage } from './site-report';
import { siteHtml } from './site-html';

function row(src: string | null, status: PageAuditImage['status'], extra: Partial<PageAuditImage> = {}): PageAuditImage {
  return {
    id: 'g-1', kind: 'img', status, ruleId: status, reason: `reason for ${status}`, describe: 'describe', describeReason: '', name: '', src, priority: 0,
    selector: ['img'], mapImage: null, description: 'a dog', descriptionConfidence: 0.5, imageType: 'photo', imageTypeConfidence: 0.9, imageTypeReasons: [],
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
    page('https://a.test/b', [row('https://a.test/dog.jpg', 'missing'), row(null, 'suspicious', { name: 'image', selector: ['svg'] })], 1),
    { url: 'https://a.test/gone', depth: 1, audit: null, error: '404' },
  ];
  const report = siteReport(['https://a.test/'], pages, [{ url: 'https://a.test/private/', reason: 'robotsTxt' }, { url: 'https://a.test/private/', reason: 'robotsTxt' }, { url: 'https://a.test/b', reason: 'depth' }], '2026-01-01T00:00:00Z');

  it('lists an image needing work once, with every page it is on, keyed by src', () => {
    expect(report.imageKey).toBe('src');
    expect(report.needsWork.map((i) => [i.key, i.pages])).toEqual([
      ['https://a.test/dog.jpg', ['https://a.test/', 'https://a.test/b']],
      ['https://a.test/b svg', ['https://a.test/b']],
    ]);
  });

  it('lists each link never crawled once, with its reason', () => {
    expect(report.skipped).toEqual([{ url: 'https://a.test/private/', reason: 'robotsTxt' }]);
  });

  it('counts image occurrences per status and the pages that failed', () => {
    expect(report.totals).toEqual({ pages: 3, pagesFailed: 1, images: { missing: 2, suspicious: 1, decorative: 0, labelled: 1, total: 4 }, distinctNeedingWork: 2 });
    expect(siteRows(pages).map((r) => r.page)).toEqual(['https://a.test/', 'https://a.test/', 'https://a.test/b', 'https://a.test/b']);
  });

  it('fails only on the statuses asked for, and rejects unknown ones', () => {
    expect(failingStatuses(report, parseStatuses('missing,decorative'))).toEqual(['missing']);
    expect(failingStatuses(report, parseStatuses(''))).toEqual([]);
    expect(() => parseStatuses('missing,broken')).toThrow(/unknown status "broken"/);
  });

  it('escapes page text in the HTML report', () => {
    const hostile = siteReport(['https://a.test/'], [page('https://a.test/', [row('https://a.test/x.jpg', 'suspicious', { name: '<script>alert(1)</script>' })])]);
    const html = siteHtml(hostile);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
