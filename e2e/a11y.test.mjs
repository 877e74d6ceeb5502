// Every page, light and dark: axe-core finds no violation, and a
// screenshot is kept under target/e2e-screens/ for a person to look at.
// axe-core (pinned in package.json) is evaluated from its file over the
// DevTools protocol, which the page's strict CSP does not govern (an
// injected <script> tag would be blocked, and should be).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { usePages } from './harness.mjs';
import { makeKey } from './keygen.mjs';
import { root } from './processes.mjs';
import { axeViolations } from './checks.mjs';

const WAIT = { timeout: 15_000 };
const SCREENS = resolve(root, 'target', 'e2e-screens');
const openPage = usePages();
mkdirSync(SCREENS, { recursive: true });

const PAGES = [
  ['inspect', '/inspect', async (page) => {
    const key = makeKey('ed25519', null, 'a11y@keyward');
    await page.getByLabel('Key', { exact: true }).fill(key.publicLine);
    await page.getByText(key.sha256, { exact: true }).waitFor(WAIT);
  }],
  ['user-keys', '/user/keys', (page) => page.getByRole('listitem', { name: 'work laptop', exact: true }).waitFor(WAIT)],
  ['repos', '/repos', (page) => page.getByLabel('Repository', { exact: true }).waitFor(WAIT)],
  ['repo-keys', '/repos/octocat/hello-world/keys', (page) => page.getByRole('listitem', { name: 'ci read-only' }).waitFor(WAIT)],
  ['orgs', '/orgs', (page) => page.getByText('deploy-key', { exact: true }).first().waitFor(WAIT)],
  ['org-keys', '/orgs/acme/keys', (page) => page.getByText('deploy-key', { exact: true }).first().waitFor(WAIT)],
  ['connections', '/connections', (page) => page.getByRole('heading', { level: 1, name: 'Connections' }).waitFor(WAIT)],
  ['all-keys', '/keys', (page) => page.locator('.inventory-progress__text').filter({ hasText: /^Done:/ }).waitFor(WAIT)],
];

for (const [name, path, ready] of PAGES) {
  test(`${path}: no axe violation and a screenshot, light and dark`, async () => {
    for (const colorScheme of ['light', 'dark']) {
      const { page, context, errors } = await openPage(path, { colorScheme });
      await ready(page);
      assert.equal(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches), colorScheme === 'dark');
      await page.screenshot({ path: resolve(SCREENS, `${name}-${colorScheme}.png`), fullPage: true });
      assert.deepEqual(await axeViolations(page), [], `axe on ${path} (${colorScheme})`);
      assert.deepEqual(errors, []);
      await context.close();
    }
  });
}

test('axe itself finds a violation on a page made to have one (the check can fail)', async () => {
  const { page, context } = await openPage('/connections');
  await page.getByRole('heading', { level: 1, name: 'Connections' }).waitFor(WAIT);
  await page.evaluate(() => {
    const input = document.createElement('input');
    input.type = 'text';
    document.querySelector('main, body').append(input);
  });
  const violations = await axeViolations(page);
  assert.ok(violations.some((v) => v.startsWith('label ')), violations.join('\n'));
  await context.close();
});
