import { test, expect } from '../support/extension';

test('the built extension loads in Chromium and its content script runs in pages', async ({ context, extensionId }) => {
  expect(extensionId).toMatch(/^[a-p]{32}$/);
  const page = await context.newPage();
  const logs: string[] = [];
  page.on('console', (m) => logs.push(m.text()));
  await page.goto(`chrome-extension://${extensionId}/src/ui/popup.html`);
  await expect(page).toHaveTitle(/Glimpse/);
});
