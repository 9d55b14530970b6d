/**
 * `npm run audit -- <url-or-html-file> [--json] [--out FILE] [--timeout S] [--webgpu] [--browser chromium|firefox]`
 *
 * Glimpse's main job from the command line: builds the extension if needed,
 * loads it into headless Chromium (or, with --browser firefox, dist-firefox/
 * into headless firefox-esr: the top frame's images only, see
 * lib/collect-audit-firefox.ts), opens the page (a local file is served on
 * loopback, since content scripts don't run on file: URLs by default), waits
 * until every image that needs a description has the engine's answer, and
 * prints the audit. With --json the last stdout line is one JSON document
 * `{ page, images, totals }`. Everything runs on this machine.
 */
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { launchWithExtension, WEBGPU_SWIFTSHADER_ARGS } from './lib/launch-extension';
import { serveStatic, type StaticServer } from './lib/static-server';
import { ensureBuilt } from './lib/ensure-built';
import { collectAudit, type PageAudit } from './lib/collect-audit';
import { collectAuditFirefox, downloadPrefs } from './lib/collect-audit-firefox';
import { launchFirefoxWithExtension } from './lib/launch-firefox';
import { formatAudit } from './lib/format-audit';
import { exitWhenFlushed, writeFully } from './lib/write-out';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    json: { type: 'boolean', default: false },
    out: { type: 'string' },
    timeout: { type: 'string', default: '180' },
    webgpu: { type: 'boolean', default: false },
    browser: { type: 'string', default: 'chromium' },
    'no-build': { type: 'boolean', default: false },
  },
});

async function main(): Promise<number> {
  const target = positionals[0];
  if (!target) {
    console.error('usage: npm run audit -- <url-or-html-file> [--json] [--out FILE] [--timeout SECONDS] [--webgpu] [--browser chromium|firefox]');
    return 2;
  }
  const firefox = values.browser === 'firefox';
  if (!firefox && values.browser !== 'chromium') {
    console.error(`audit: --browser is chromium or firefox, not ${values.browser}`);
    return 2;
  }
  if (firefox && values.webgpu) {
    console.error('audit: --webgpu is for Chromium (SwiftShader)');
    return 2;
  }
  let server: StaticServer | null = null;
  let url = target;
  if (!/^https?:\/\//i.test(target)) {
    const file = resolve(target);
    if (!existsSync(file) || !statSync(file).isFile()) {
      console.error(`audit: ${target} is neither an http(s) URL nor a file`);
      return 2;
    }
    server = await serveStatic([dirname(file)]);
    url = `${server.origin}/${encodeURIComponent(basename(file))}`;
  }
  if (!values['no-build']) ensureBuilt(firefox ? 'dist-firefox' : 'dist');
  const timeoutMs = Number(values.timeout) * 1000;
  const progress = (line: string): void => console.error(line);
  let audit: PageAudit;
  try {
    audit = firefox ? await auditInFirefox(url, timeoutMs, progress) : await auditInChromium(url, timeoutMs, progress);
  } finally {
    await server?.close();
  }
  const page = server ? target : url;
  const document = { page, ...audit };
  if (values.out) await writeFile(values.out, `${JSON.stringify(document, null, 2)}\n`);
  await writeFully(`${values.json ? JSON.stringify(document) : formatAudit(document)}\n`);
  return 0;
}

async function auditInChromium(url: string, timeoutMs: number, progress: (line: string) => void): Promise<PageAudit> {
  const browser = await launchWithExtension({ args: values.webgpu ? WEBGPU_SWIFTSHADER_ARGS : [] });
  try {
    return await collectAudit(browser, url, timeoutMs, progress);
  } finally {
    await browser.close();
  }
}

async function auditInFirefox(url: string, timeoutMs: number, progress: (line: string) => void): Promise<PageAudit> {
  const downloads = await mkdtemp(join(tmpdir(), 'glimpse-firefox-audit-'));
  const ff = await launchFirefoxWithExtension(downloadPrefs(downloads));
  try {
    return await collectAuditFirefox(ff, downloads, url, timeoutMs, progress);
  } finally {
    await ff.close();
    await rm(downloads, { recursive: true, force: true });
  }
}

main().then(
  (code) => exitWhenFlushed(code),
  async (error: unknown) => {
    console.error(`audit: ${error instanceof Error ? error.message : String(error)}`);
    await exitWhenFlushed(1);
  },
);
