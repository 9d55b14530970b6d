/**
 * The crawl's starting URLs from the one argument of `npm run audit:site`:
 * a page URL, a sitemap (URL or local .xml file, read by Crawlee's sitemap
 * parser, index files followed), or a local text file of URLs, one a line.
 */
import { readFile } from 'node:fs/promises';
import { parseSitemap, Sitemap } from '@crawlee/utils';

export async function startUrls(target: string): Promise<string[]> {
  const isUrl = /^https?:\/\//i.test(target);
  if (isUrl && /\.xml(\?|$)/i.test(new URL(target).pathname + new URL(target).search)) return (await Sitemap.load(target)).urls;
  if (isUrl) return [target];
  const text = await readFile(target, 'utf8');
  if (/\.xml$/i.test(target)) {
    const urls: string[] = [];
    for await (const entry of parseSitemap([{ type: 'raw', content: text }])) urls.push(entry.loc);
    return urls;
  }
  return text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
}
