// The two builds (loader.js): `/` and `/inspect` load the Inspect page
// alone; every other page loads the whole app, which then serves Inspect
// in-app too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { usePages } from './harness.mjs';
import { makeKey } from './keygen.mjs';

const openPage = usePages();

/// The page builds' WebAssembly files the page fetched, by name (not the
/// Sandbox's service worker, which fetches its own when the Sandbox is
/// first asked).
const wasmFetched = (audit) =>
  audit.requests
    .map((r) => new URL(r.url).pathname)
    .filter((path) => path.endsWith('.wasm') && !path.startsWith('/keyward_sandbox'));

test('Inspect loads its own small build, never the whole app', async () => {
  for (const path of ['/', '/inspect', '/inspect/']) {
    const { page, audit, errors } = await openPage(path);
    const key = makeKey('ed25519', null, 'entry');
    await page.getByLabel('Key', { exact: true }).fill(key.publicLine);
    await page.getByText(key.sha256, { exact: true }).waitFor({ timeout: 10_000 });
    await page.waitForLoadState('networkidle');
    const wasm = wasmFetched(audit);
    assert.equal(wasm.length, 1, `${path}: one build: ${wasm}`);
    assert.match(wasm[0], /^\/keyward-inspect-[0-9a-f]+_bg\.wasm$/, path);
    // The same shell as every page: navigation with Inspect marked current.
    const nav = page.getByRole('navigation', { name: 'Main' });
    assert.equal(await nav.getByRole('link', { name: 'Inspect' }).getAttribute('aria-current'), 'page');
    assert.equal(await nav.getByRole('link', { name: 'User keys' }).getAttribute('aria-current'), null);
    assert.deepEqual(errors, []);
  }
});

test('A link from Inspect to another page loads the whole app, which works', async () => {
  const { page, audit, errors } = await openPage('/inspect');
  await page.getByLabel('Key', { exact: true }).waitFor({ timeout: 10_000 });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'User keys' }).click();
  await page.getByRole('heading', { level: 1, name: "User keys" }).waitFor({ timeout: 10_000 });
  await page.getByLabel('Connection', { exact: true }).waitFor({ timeout: 10_000 });
  assert.ok(wasmFetched(audit).includes('/keyward_bg.wasm'), `${wasmFetched(audit)}`);
  // Back to Inspect inside the whole app: no new download, the engine works.
  const before = wasmFetched(audit).length;
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Inspect' }).click();
  const key = makeKey('rsa', 2048, 'in-app');
  await page.getByLabel('Key', { exact: true }).fill(key.publicLine);
  await page.getByText(key.sha256, { exact: true }).waitFor({ timeout: 10_000 });
  assert.equal(wasmFetched(audit).length, before, 'Inspect in-app fetched no other build');
  assert.deepEqual(errors, []);
});

test('Other pages and unknown paths start the whole app', async () => {
  for (const [path, heading] of [
    ['/connections', 'Connections'],
    ['/nowhere', 'Page not found'],
  ]) {
    const { page, audit } = await openPage(path);
    await page.getByRole('heading', { level: 1, name: heading }).waitFor({ timeout: 10_000 });
    await page.waitForLoadState('networkidle');
    assert.deepEqual(wasmFetched(audit), ['/keyward_bg.wasm'], path);
  }
});
