// The fixture server is shared with the audit CLI and the benchmarks.
import { test } from '@playwright/test';
import { serveStatic, type StaticServer } from '../../scripts/lib/static-server';

export { serveStatic, type StaticServer };

/**
 * Serves `roots` (first match wins) for the tests of the calling spec file:
 * started before its first test, closed after its last.
 *
 * @example
 *   const server = serveFixtures([here, 'e2e/fixtures/pages']);
 *   test('…', async ({ page }) => page.goto(`${server.origin}/index.html`));
 */
export function serveFixtures(roots: string[], aliases: Record<string, string> = {}): { readonly origin: string; readonly hits: StaticServer['hits'] } {
  let server: StaticServer | null = null;
  test.beforeAll(async () => {
    server = await serveStatic(roots, {}, aliases);
  });
  test.afterAll(async () => server?.close());
  return {
    get origin() {
      if (!server) throw new Error('the fixture server starts in beforeAll: use its origin inside a test');
      return server.origin;
    },
    get hits() {
      if (!server) throw new Error('the fixture server starts in beforeAll: use its requests inside a test');
      return server.hits;
    },
  };
}
