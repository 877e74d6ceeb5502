// End-to-end: the release build of the app in headless Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { usePages } from './harness.mjs';
import { makeKey } from './keygen.mjs';

const openPage = usePages();

test('Inspect shows the fingerprint ssh-keygen computes for a pasted key', async () => {
  const key = makeKey('ed25519', null, 'e2e@keyward');
  const { page, context, errors } = await openPage('/inspect');
  const input = page.getByLabel('Key', { exact: true });
  await input.fill(`  ${key.publicLine}\r\n`);
  await page.getByText(key.sha256, { exact: true }).waitFor({ timeout: 10_000 });
  await page.getByText(key.md5, { exact: true }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('Inspect fingerprints a wrapped RSA key like ssh-keygen', async () => {
  const key = makeKey('rsa', 3072, 'wrapped rsa');
  const [type, data, comment] = key.publicLine.split(' ');
  const wrapped = `${type} ${data.replace(/(.{70})/g, '$1\n')} ${comment}`;
  const { page, context } = await openPage('/');
  await page.getByLabel('Key', { exact: true }).fill(wrapped);
  await page.getByText(key.sha256, { exact: true }).waitFor({ timeout: 10_000 });
  await context.close();
});

test('A private key is refused, says it stayed in the browser, and shows its public half', async () => {
  const key = makeKey('ed25519', null, 'secret');
  const { page, context, audit } = await openPage('/inspect');
  await page.getByLabel('Key', { exact: true }).waitFor({ timeout: 10_000 });
  // The app is loaded: from here on, the audit sees every request the page makes.
  await page.waitForLoadState('networkidle');
  const loaded = audit.requests.length;
  await page.getByLabel('Key', { exact: true }).fill(key.privateText);
  await page.getByText(/stayed in your browser/).waitFor({ timeout: 10_000 });
  await page.getByText(key.sha256).first().waitFor();
  await page.waitForTimeout(300);
  assert.deepEqual(audit.requests.slice(loaded), [], 'nothing may be requested while a private key is inspected');
  await context.close();
});

test('Deep links work on reload and the navigation names every scope', async () => {
  const { page, context, errors } = await openPage('/user/keys');
  for (const name of ['Inspect', 'User keys', 'Repository keys', 'Organization keys', 'Connections']) {
    await page.getByRole('link', { name, exact: true }).waitFor({ timeout: 10_000 });
  }
  await page.reload();
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  const heading = await page.getByRole('heading', { level: 1 }).first().textContent();
  assert.match(heading, /user/i);
  await page.getByRole('link', { name: 'Inspect', exact: true }).click();
  await page.getByLabel('Key', { exact: true }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/inspect');
  assert.deepEqual(errors, []);
  await context.close();
});
