/**
 * `npm run audit -- <url-or-html-file> [--json] [--out FILE] [--timeout S] [--webgpu]`
 *
 * Glimpse's main job from the command line: builds the extension if needed,
 * loads it into headless Chromium, opens the page (a local file is served on
 * loopback, since content scripts don't run on file: URLs by default), waits
 * until every image that needs a description has the engine's answer, and
 * prints the audit. With --json the last stdout line is one JSON document
 * `{ page, images, totals }`. Everything runs on this machine.
 */
import { existsSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { launchWithExtension, WEBGPU_SWIFTSHADER_ARGS } from './lib/launch-extension';
import { serveStatic, type StaticServer } from './lib/static-server';
import { ensureBuilt } from './lib/ensure-built';
import { collectAudit, type PageAudit } from './lib/collect-audit';
import { formatAudit } from './lib/format-audit';
import { exitWhenFlushed, writeFully } from './lib/write-out';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    json: { type: 'boolean', default: false },
    out: { type: 'string' },
    timeout: { type: 'string', default: '180' },
    webgpu: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
  },
});

async function main(): Promise<number> {
  const target = positionals[0];
  if (!target) {
    console.error('usage: npm run audit -- <url-or-html-file> [--json] [--out FILE] [--timeout SECONDS] [--webgpu]');
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
  if (!values['no-build']) ensureBuilt();
  const browser = await launchWithExtension({ args: values.webgpu ? WEBGPU_SWIFTSHADER_ARGS : [] });
  let audit: PageAudit;
  try {
    audit = await collectAudit(browser, url, Number(values.timeout) * 1000, (line) => console.error(line));
  } finally {
    await browser.close();
    await server?.close();
  }
  const page = server ? target : url;
  const document = { page, ...audit };
  if (values.out) await writeFile(values.out, `${JSON.stringify(document, null, 2)}\n`);
  await writeFully(`${values.json ? JSON.stringify(document) : formatAudit(document)}\n`);
  return 0;
}

main().then(
  (code) => exitWhenFlushed(code),
  async (error: unknown) => {
    console.error(`audit: ${error instanceof Error ? error.message : String(error)}`);
    await exitWhenFlushed(1);
  },
);
