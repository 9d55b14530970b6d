import { describe, expect, it } from 'vitest';
import manifest from '../../manifest.json' with { type: 'json' };
import { firefoxManifest, GECKO } from './firefox-manifest';

describe('firefoxManifest', () => {
  const firefox = firefoxManifest(manifest);

  it('turns the service worker into an event page script', () => {
    expect(firefox.background).toEqual({ scripts: [manifest.background.service_worker], type: 'module' });
  });

  it('drops what only Chrome has: the offscreen permission, COOP/COEP keys, minimum_chrome_version', () => {
    expect(firefox.permissions).toEqual(manifest.permissions.filter((p) => p !== 'offscreen'));
    for (const key of ['cross_origin_embedder_policy', 'cross_origin_opener_policy', 'minimum_chrome_version']) expect(firefox).not.toHaveProperty(key);
  });

  it('adds the gecko id and minimum version, and keeps the CSP with wasm-unsafe-eval', () => {
    expect(firefox.browser_specific_settings).toMatchObject({ gecko: GECKO });
    expect(firefox.content_security_policy).toEqual(manifest.content_security_policy);
  });

  it('names the options page the Firefox way and keeps everything else', () => {
    expect(firefox.options_ui).toEqual({ page: manifest.options_page, open_in_tab: true });
    expect(firefox).not.toHaveProperty('options_page');
    for (const key of ['content_scripts', 'action', 'commands', 'host_permissions', 'icons', 'default_locale']) expect(firefox[key]).toEqual((manifest as Record<string, unknown>)[key]);
  });

  it('refuses a CSP that would block WASM', () => {
    expect(() => firefoxManifest({ ...manifest, content_security_policy: { extension_pages: "script-src 'self'" } })).toThrow(/wasm-unsafe-eval/);
  });

  it('leaves the Chrome manifest as it was', () => {
    expect(manifest.background).toHaveProperty('service_worker');
    expect(manifest.permissions).toContain('offscreen');
  });
});
