/**
 * Script in Firefox's browser window (WebDriver BiDi `moz:scope: chrome`,
 * allowed by `--remote-allow-system-access`, see launch-firefox.ts): what a
 * user does outside the page, such as pressing an add-on's keyboard shortcut.
 * BiDi's own key actions go to the page and are refused in the browser
 * window, so a shortcut is typed through nsITextInputProcessor, the same
 * trusted key events a keyboard makes.
 *
 * puppeteer-core has no public call for a raw BiDi command, so this uses its
 * Browser's `connection`.
 *
 * @example
 *   await pressShortcut(ff.browser, 'Alt+Shift+D');
 */
import type { Browser } from 'puppeteer-core';

interface BidiSend {
  send(method: string, params: object): Promise<{ result: unknown }>;
}

function connectionOf(browser: Browser): BidiSend {
  const connection = (browser as unknown as { connection?: BidiSend }).connection;
  if (typeof connection?.send !== 'function') throw new Error('this puppeteer-core has no BiDi connection on its Browser');
  return connection;
}

/** Calls `functionDeclaration` (source text) with string `args` in the browser window and returns its JSON-able answer. */
export async function runInBrowserWindow<T>(browser: Browser, functionDeclaration: string, args: string[] = []): Promise<T> {
  const connection = connectionOf(browser);
  const tree = (await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' })).result as { contexts: Array<{ context: string; url: string }> };
  const window = tree.contexts.find((c) => c.url === 'chrome://browser/content/browser.xhtml');
  if (!window) throw new Error('no browser window');
  const answer = (await connection.send('script.callFunction', {
    functionDeclaration: `async (...args) => JSON.stringify(await (${functionDeclaration})(...args))`,
    target: { context: window.context },
    arguments: args.map((value) => ({ type: 'string', value })),
    awaitPromise: true,
  })).result as { type: string; result?: { value?: string }; exceptionDetails?: { text?: string } };
  if (answer.type !== 'success' || typeof answer.result?.value !== 'string') throw new Error(`script in the browser window failed: ${answer.exceptionDetails?.text ?? JSON.stringify(answer)}`);
  return JSON.parse(answer.result.value) as T;
}

interface Key {
  key: string;
  code: string;
  keyCode: number;
}

const MODIFIERS: Record<string, Key> = {
  Alt: { key: 'Alt', code: 'AltLeft', keyCode: 18 },
  Shift: { key: 'Shift', code: 'ShiftLeft', keyCode: 16 },
  Ctrl: { key: 'Control', code: 'ControlLeft', keyCode: 17 },
};

/** The keys of a WebExtension shortcut such as `Alt+Shift+G` (modifiers Alt, Shift, Ctrl; a letter or digit). */
export function shortcutKeys(shortcut: string): Key[] {
  const parts = shortcut.split('+');
  const last = parts.pop() ?? '';
  const keys = parts.map((name) => {
    const key = MODIFIERS[name];
    if (!key) throw new Error(`unsupported modifier ${name} in ${shortcut}`);
    return key;
  });
  if (/^[A-Z]$/.test(last)) keys.push({ key: last, code: `Key${last}`, keyCode: last.charCodeAt(0) });
  else if (/^[0-9]$/.test(last)) keys.push({ key: last, code: `Digit${last}`, keyCode: last.charCodeAt(0) });
  else throw new Error(`unsupported key ${last} in ${shortcut}`);
  return keys;
}

/** Runs in the browser window: presses the keys in order and releases them in reverse, on what has focus there (the selected tab). */
const PRESS = `(keysJson) => {
  const keys = JSON.parse(keysJson);
  const tip = Cc['@mozilla.org/text-input-processor;1'].createInstance(Ci.nsITextInputProcessor);
  if (!tip.beginInputTransactionForTests(window)) throw new Error('no keyboard input transaction');
  const event = (k) => new window.KeyboardEvent('', k);
  for (const k of keys) tip.keydown(event(k));
  for (const k of [...keys].reverse()) tip.keyup(event(k));
  return true;
}`;

/** Presses `shortcut` (e.g. `Alt+Shift+G`) in the browser window, as a user does, on the selected tab. */
export async function pressShortcut(browser: Browser, shortcut: string): Promise<void> {
  await runInBrowserWindow(browser, PRESS, [JSON.stringify(shortcutKeys(shortcut))]);
}
