/**
 * The site audit as one self-contained HTML page (no external files; one
 * inline script): totals per status and per page, then each image needing
 * work (and, with a baseline, each one fixed since) once, with the pages it
 * is on, behind filters by status and by change
 * (radio groups, so Tab and the arrow keys drive them) that announce how many
 * images they show in a polite live region. Without scripts every image
 * shows and the filters stay hidden. Pure.
 */
import { STATUS_LABELS, IMAGE_STATUSES } from '../../../src/shared/image-status';
import { CHANGE_LABELS, CHANGES, type Comparison } from './compare-runs';
import { needsWork, type SiteImage, type SiteReport } from './site-report';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

function percent(value: number | null): string {
  return value === null ? '' : `${Math.round(value * 100)}%`;
}

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;margin:2rem;color:#111;background:#fff}
table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #666;padding:.3rem .6rem;text-align:left;vertical-align:top}
caption{text-align:left;font-weight:bold}fieldset{display:inline-block;margin:0 1rem 1rem 0}label{margin-right:1rem}img.thumb{max-width:96px;max-height:96px}a{color:#0645ad}code{word-break:break-all}`;

function statusTotals(report: SiteReport): string {
  const rows = IMAGE_STATUSES.map((s) => `<tr><th scope="row">${esc(s)}</th><td>${report.totals.images[s]}</td></tr>`).join('');
  return `<table><caption>Images per status, over all pages</caption><thead><tr><th scope="col">Status</th><th scope="col">Images</th></tr></thead><tbody>${rows}<tr><th scope="row">total</th><td>${report.totals.images.total}</td></tr></tbody></table>`;
}

function pageTotals(report: SiteReport): string {
  const head = `<tr><th scope="col">Page</th><th scope="col">Depth</th>${IMAGE_STATUSES.map((s) => `<th scope="col">${esc(s)}</th>`).join('')}<th scope="col">Note</th></tr>`;
  const rows = report.pages.map((p) => {
    const cells = IMAGE_STATUSES.map((s) => `<td>${p.audit ? p.audit.totals[s] : ''}</td>`).join('');
    const note = p.error ? `not audited: ${esc(p.error)}` : p.audit && !p.audit.complete ? 'time ran out before every answer' : '';
    return `<tr><th scope="row"><a href="${esc(p.url)}">${esc(p.url)}</a></th><td>${p.depth}</td>${cells}<td>${note}</td></tr>`;
  });
  return `<table><caption>Images per status, per page</caption><thead>${head}</thead><tbody>${rows.join('')}</tbody></table>`;
}

const SKIP_WORDS: Record<string, string> = {
  robotsTxt: 'disallowed by robots.txt',
  depth: 'beyond --max-depth',
  limit: 'beyond --max-pages',
  enqueueLimit: 'beyond --max-pages',
  filters: 'another origin',
  neverFollow: 'never followed (sign-out or state-changing link)',
  includeExclude: 'outside --include, or matched by --exclude',
  redirect: 'redirects to another origin',
};

function skippedList(report: SiteReport): string {
  if (report.skipped.length === 0) return '';
  const items = report.skipped.map((k) => `<li><a href="${esc(k.url)}">${esc(k.url)}</a>: ${esc(SKIP_WORDS[k.reason] ?? k.reason)}</li>`).join('');
  return `<h2>Links not followed</h2><ul>${items}</ul>`;
}

function imageItem(image: SiteImage, index: number): string {
  const thumb = image.thumbnail ? `<img class="thumb" src="${esc(image.thumbnail)}" alt="Thumbnail of image ${index + 1}">` : '';
  const suggestion = image.description !== null
    ? `${esc(image.description)} (confidence ${percent(image.descriptionConfidence)})`
    : image.descriptionError !== null ? `none: ${esc(image.descriptionError)}` : 'none';
  const pages = image.pages.map((p) => `<li><a href="${esc(p)}">${esc(p)}</a></li>`).join('');
  return `<li class="image" data-status="${esc(image.status)}" data-change="${esc(image.change ?? '')}"><h3>Image ${index + 1}: <code>${esc(image.src ?? image.key)}</code></h3>${thumb}<dl>
<dt>Status</dt><dd>${esc(image.status)}: ${esc(STATUS_LABELS[image.status])}</dd>
<dt>Reason</dt><dd>${esc(image.reason)}</dd>
<dt>Current alt text</dt><dd>${image.name ? esc(image.name) : '(none)'}</dd>
<dt>Suggested description</dt><dd>${suggestion}</dd>
<dt>Appears on ${image.pages.length} ${image.pages.length === 1 ? 'page' : 'pages'}</dt><dd><ul>${pages}</ul></dd>
${image.srcs.length > 1 ? `<dt>The same bytes under ${image.srcs.length} URLs</dt><dd><ul>${image.srcs.map((u) => `<li><code>${esc(u)}</code></li>`).join('')}</ul></dd>` : ''}
${image.change ? `<dt>Since the baseline</dt><dd>${esc(image.change)}: ${esc(CHANGE_LABELS[image.change])}</dd>` : ''}
</dl></li>`;
}

function comparisonSection(c: Comparison): string {
  const rows = CHANGES.map((ch) => `<tr><th scope="row">${esc(ch)}</th><td>${esc(CHANGE_LABELS[ch])}</td><td>${c.images[ch].length}</td><td>${c.pages[ch].length}</td></tr>`).join('');
  const table = `<table><caption>Images and pages per change since the baseline</caption><thead><tr><th scope="col">Change</th><th scope="col">Meaning</th><th scope="col">Images</th><th scope="col">Pages</th></tr></thead><tbody>${rows}</tbody></table>`;
  const lists = CHANGES.filter((ch) => ch !== 'unchanged' && (c.images[ch].length || c.pages[ch].length)).map((ch) => {
    const images = c.images[ch].map((i) => `<li><code>${esc(i.src ?? i.key)}</code> (${esc(i.status)})</li>`).join('');
    const pages = c.pages[ch].map((u) => `<li><a href="${esc(u)}">${esc(u)}</a></li>`).join('');
    return `<h3>${esc(ch)}</h3>${images ? `<p>Images:</p><ul>${images}</ul>` : ''}${pages ? `<p>Pages:</p><ul>${pages}</ul>` : ''}`;
  }).join('\n');
  return `<h2>Changes since the baseline</h2>
<p>Compared with the run of ${esc(c.baseline.generatedAt)} in <code>${esc(c.baseline.dir)}</code>. An image or page fails when it needs work (or the page could not be audited).</p>
${table}
${lists}`;
}

function radioGroup(name: string, legend: string, values: readonly string[]): string {
  const radios = ['all', ...values].map((v, i) => `<label><input type="radio" name="${name}" value="${esc(v)}"${i === 0 ? ' checked' : ''}> ${esc(v)}</label>`).join('');
  return `<fieldset><legend>${esc(legend)}</legend>${radios}</fieldset>`;
}

/** The filters over the images listed: by status, and (with --baseline) by change; only the values some image has. */
function filterForm(listed: readonly SiteImage[]): string {
  const statuses = IMAGE_STATUSES.filter((s) => listed.some((i) => i.status === s));
  const changes = CHANGES.filter((c) => listed.some((i) => i.change === c));
  return `<form id="filters" hidden aria-label="Filter the images listed">
${radioGroup('status', 'Show images by status', statuses)}
${changes.length ? radioGroup('change', 'Show images by change since the baseline', changes) : ''}
</form>
<p id="shown" role="status" aria-live="polite"></p>`;
}

/**
 * Shows the images both filters let through and says how many. Plain
 * JavaScript in a string: it runs in the report page as written.
 */
const FILTER_SCRIPT = `(() => {
  const form = document.getElementById('filters');
  const items = [...document.querySelectorAll('li.image')];
  const wanted = (name) => form.querySelector('input[name="' + name + '"]:checked')?.value ?? 'all';
  const update = () => {
    const status = wanted('status');
    const change = wanted('change');
    let shown = 0;
    for (const item of items) {
      const visible = (status === 'all' || item.dataset.status === status) && (change === 'all' || item.dataset.change === change);
      item.hidden = !visible;
      if (visible) shown += 1;
    }
    document.getElementById('shown').textContent = 'Showing ' + shown + ' of ' + items.length + (items.length === 1 ? ' image.' : ' images.');
  };
  form.hidden = false;
  form.addEventListener('change', update);
  update();
})();`;

/** The images the report details: those needing work, and those fixed since the baseline. */
export function listedImages(report: SiteReport): SiteImage[] {
  return report.images.filter((i) => needsWork(i) || i.change === 'fixed');
}

export function siteHtml(report: SiteReport): string {
  const title = `Glimpse site image audit of ${report.start.join(', ')}`;
  const listed = listedImages(report);
  const work = listed.length
    ? `${filterForm(listed)}\n<ol>${listed.map(imageItem).join('\n')}</ol>\n<script>${FILTER_SCRIPT}</script>`
    : '<p>No image needs work.</p>';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title><style>${STYLE}</style></head>
<body><main>
<h1>${esc(title)}</h1>
<p>Generated ${esc(report.generatedAt)}. ${report.totals.pages} pages crawled (${report.totals.pagesFailed} could not be audited); ${report.totals.distinctNeedingWork} of ${report.totals.distinctImages} distinct images need work. Images are told apart by the sha256 of their bytes, so one picture under several URLs is one image.</p>
${report.comparison ? comparisonSection(report.comparison) : ''}
<h2>Totals</h2>
${statusTotals(report)}
${pageTotals(report)}
${skippedList(report)}
<h2>${report.comparison ? 'Images needing work, and those fixed since the baseline' : 'Images needing work'}</h2>
${work}
</main></body></html>
`;
}
