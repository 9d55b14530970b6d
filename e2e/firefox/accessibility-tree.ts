/**
 * Firefox's own accessibility tree of a tab, as a screen reader gets it: read
 * in the browser window (WebDriver BiDi `moz:scope: chrome`, which needs
 * `--remote-allow-system-access`) through nsIAccessibilityService. Each node
 * with a DOM id: its role and accessible name.
 *
 * puppeteer-core has no public call for a raw BiDi command, so this uses its
 * Browser's `connection`.
 *
 * @example
 *   const tree = await accessibleNodes(ff.browser, page.url());
 *   assert.equal(tree.kids?.name, 'A dog');
 */
import type { Browser } from 'puppeteer-core';

export interface AccessibleNode {
  role: string;
  name: string | null;
}

interface BidiSend {
  send(method: string, params: object): Promise<{ result: unknown }>;
}

function connectionOf(browser: Browser): BidiSend {
  const connection = (browser as unknown as { connection?: BidiSend }).connection;
  if (typeof connection?.send !== 'function') throw new Error('this puppeteer-core has no BiDi connection on its Browser');
  return connection;
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
      return JSON.stringify(nodes);
    }
    await new Promise((ok) => setTimeout(ok, 100));
  }
  throw new Error('no accessibility tree for ' + url);
}`;

/** Every accessible node with a DOM id in the tab showing `url`, by id (an id that is not in the tree is absent). */
export async function accessibleNodes(browser: Browser, url: string): Promise<Record<string, AccessibleNode>> {
  const connection = connectionOf(browser);
  const tree = (await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' })).result as { contexts: Array<{ context: string; url: string }> };
  const window = tree.contexts.find((c) => c.url === 'chrome://browser/content/browser.xhtml');
  if (!window) throw new Error('no browser window');
  const answer = (await connection.send('script.callFunction', {
    functionDeclaration: READ_TREE,
    target: { context: window.context },
    arguments: [{ type: 'string', value: url }],
    awaitPromise: true,
  })).result as { type: string; result?: { value?: string }; exceptionDetails?: { text?: string } };
  if (answer.type !== 'success' || typeof answer.result?.value !== 'string') throw new Error(`reading the accessibility tree failed: ${answer.exceptionDetails?.text ?? JSON.stringify(answer)}`);
  return JSON.parse(answer.result.value) as Record<string, AccessibleNode>;
}
