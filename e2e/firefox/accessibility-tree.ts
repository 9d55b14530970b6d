/**
 * Firefox's own accessibility tree of a tab, as a screen reader gets it: read
 * in the browser window through nsIAccessibilityService. Each node with a DOM
 * id: its role and accessible name.
 *
 * @example
 *   const tree = await accessibleNodes(ff.browser, page.url());
 *   assert.equal(tree.kids?.name, 'A dog');
 */
import type { Browser } from 'puppeteer-core';
import { runInBrowserWindow } from '../../scripts/lib/firefox-window';

export interface AccessibleNode {
  role: string;
  name: string | null;
}

/** Runs in the browser window: the accessible nodes of the tab showing `url` that have a DOM id, once its tree is there. */
const READ_TREE = `async (url) => {
  const service = Cc['@mozilla.org/accessibilityService;1'].getService(Ci.nsIAccessibilityService);
  const browser = gBrowser.browsers.find((b) => b.currentURI.spec === url);
  if (!browser) throw new Error('no tab shows ' + url);
  for (let tries = 0; tries < 100; tries++) {
    const doc = service.getAccessibleFor(browser)?.firstChild;
    if (doc && doc.childCount > 0) {
      const nodes = {};
      const walk = (acc) => {
        if (acc.id) nodes[acc.id] = { role: service.getStringRole(acc.role), name: acc.name };
        for (let child = acc.firstChild; child; child = child.nextSibling) walk(child);
      };
      walk(doc);
      return nodes;
    }
    await new Promise((ok) => setTimeout(ok, 100));
  }
  throw new Error('no accessibility tree for ' + url);
}`;

/** Every accessible node with a DOM id in the tab showing `url`, by id (an id that is not in the tree is absent). */
export function accessibleNodes(browser: Browser, url: string): Promise<Record<string, AccessibleNode>> {
  return runInBrowserWindow(browser, READ_TREE, [url]);
}
