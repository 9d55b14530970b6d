/**
 * The Firefox manifest, derived from the Chrome one (manifest.json) by the
 * rules below, so there is one hand-kept manifest. Firefox MV3 has no
 * offscreen documents and no service-worker background: the background is an
 * event page (`background.scripts`) that hosts the caption worker itself.
 *
 * @example
 *   crx({ manifest: firefoxManifest(manifest), browser: 'firefox' })
 */

/** The add-on id and the oldest Firefox it runs on: Debian's firefox-esr (153.8.0esr). */
export const GECKO = { id: 'glimpse@glimpse.invalid', strict_min_version: '153.0' } as const;

/** The rules: what Firefox does not know or has another name for. */
export const FIREFOX_RULES = {
  /** Chrome-only keys: Firefox has no COOP/COEP manifest keys and no minimum_chrome_version. */
  dropKeys: ['cross_origin_embedder_policy', 'cross_origin_opener_policy', 'minimum_chrome_version'],
  /** Chrome-only permissions: the engine runs in the background page, not an offscreen document. */
  dropPermissions: ['offscreen'],
  /** Added keys: the gecko settings (Glimpse collects and sends no data). */
  add: {
    browser_specific_settings: { gecko: { ...GECKO, data_collection_permissions: { required: ['none'] } } },
  },
} as const;

/** The part of a manifest the rules read; everything else passes through as it is. */
export interface ChromeManifest {
  permissions?: string[];
  background?: { service_worker: string; type?: string };
  options_page?: string;
  content_security_policy?: { extension_pages?: string };
  [key: string]: unknown;
}

export function firefoxManifest<M extends ChromeManifest>(chrome: M): Record<string, unknown> {
  const { background, options_page: optionsPage, ...rest } = chrome;
  const out: Record<string, unknown> = Object.fromEntries(Object.entries(rest).filter(([key]) => !(FIREFOX_RULES.dropKeys as readonly string[]).includes(key)));
  if (chrome.permissions) out.permissions = chrome.permissions.filter((p) => !(FIREFOX_RULES.dropPermissions as readonly string[]).includes(p));
  // The service worker becomes the event page's one script (an ES module, as before).
  if (background) out.background = { scripts: [background.service_worker], ...(background.type ? { type: background.type } : {}) };
  // Firefox's name for the options page; opened in a tab as on Chrome.
  if (optionsPage) out.options_ui = { page: optionsPage, open_in_tab: true };
  const csp = chrome.content_security_policy?.extension_pages ?? '';
  if (!csp.includes("'wasm-unsafe-eval'")) throw new Error("The extension pages' CSP must allow 'wasm-unsafe-eval': onnxruntime compiles WASM.");
  return { ...out, ...FIREFOX_RULES.add };
}
