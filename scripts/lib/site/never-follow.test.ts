import { describe, expect, it } from 'vitest';
import { NEVER_FOLLOW, neverFollowReason, refineSkipReason } from './never-follow';

describe('NEVER_FOLLOW', () => {
  it('catches sign-out and state-changing links', () => {
    for (const url of ['https://a.test/logout', 'https://a.test/account/log-out?next=/', 'https://a.test/signout', 'https://a.test/user/sign_off', 'https://a.test/index.php?logout',
      'https://a.test/items?delete=4', 'https://a.test/items?id=4&remove', 'https://a.test/post?action=delete&id=2', 'https://a.test/items/4/destroy', 'https://a.test/list/unsubscribe?u=1']) {
      expect(neverFollowReason(url), url).not.toBeNull();
    }
  });

  it('leaves ordinary pages alone', () => {
    for (const url of ['https://a.test/blog/outdoors', 'https://a.test/logos.html', 'https://a.test/login', 'https://a.test/catalogue/out-of-stock', 'https://a.test/deleted-scenes.html', 'https://a.test/?q=remove+stains', 'https://a.test/removals/']) {
      expect(neverFollowReason(url), url).toBeNull();
    }
  });
});

describe('refineSkipReason', () => {
  const origins = new Set(['https://a.test']);
  it('tells another origin, a never-follow link and an --include/--exclude pattern apart', () => {
    expect(refineSkipReason('https://b.test/x', 'filters', origins)).toBe('filters');
    expect(refineSkipReason('https://a.test/logout', 'filters', origins)).toBe('neverFollow');
    expect(refineSkipReason('https://a.test/drafts/1', 'filters', origins)).toBe('includeExclude');
    expect(refineSkipReason('https://a.test/private/', 'robotsTxt', origins)).toBe('robotsTxt');
  });
});

describe('README', () => {
  it('lists every never-follow pattern', async () => {
    const { readFile } = await import('node:fs/promises');
    const readme = await readFile('README.md', 'utf8');
    for (const n of NEVER_FOLLOW) expect(readme).toContain(`| \`${n.pattern.source.replace(/\|/g, '\\|')}\``);
  });
});
