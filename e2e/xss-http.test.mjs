// End-to-end over real HTTP: markup that comes from a provider (a key
// title, a token name, an error message) or is typed into a memo is shown
// as text — no dialog, no new element — on every page that shows it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { usePages } from './harness.mjs';
import { makeKey, makePemKey } from './keygen.mjs';

const WAIT = { timeout: 15_000 };
const XSS = '<img src=x onerror=alert(1)>';
const openPage = usePages();

/// Watches for what an injection would do: a dialog, an <img>, an
/// element with an inline handler.
function watch(page) {
  const dialogs = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    dialog.dismiss().catch(() => {});
  });
  return async () => {
    const injected = await page.evaluate(() => ({
      images: document.querySelectorAll('img').length,
      handlers: document.querySelectorAll('[onerror], [onload], [onclick]').length,
    }));
    assert.deepEqual(dialogs, [], 'no dialog opened');
    assert.deepEqual(injected, { images: 0, handlers: 0 }, 'no element was injected');
  };
}

test('a GitHub user key and deploy key titled with markup are shown as text', async () => {
  const emulator = openPage.emulator();
  await emulator.api('POST', '/github/user/keys', { title: XSS, key: makeKey('ed25519', null, 'u').publicLine });
  await emulator.api('POST', '/github/repos/octocat/hello-world/keys', {
    title: XSS,
    key: makeKey('ed25519', null, 'd').publicLine,
    read_only: true,
  });
  const { page, context, label } = await openPage.withConnection('/user/keys', 'GitHub', { url: `${emulator.url}/github` });
  const check = watch(page);
  await page.getByRole('list', { name: 'Your SSH keys' }).getByText(XSS, { exact: true }).first().waitFor(WAIT);
  await check();
  await page.getByRole('link', { name: 'Repository keys', exact: true }).click();
  await page.getByLabel('Repository', { exact: true }).fill('octocat/hello-world');
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await page.getByLabel('Connection', { exact: true }).selectOption({ label });
  await page.getByRole('list', { name: 'Deploy keys' }).getByText(XSS, { exact: true }).first().waitFor(WAIT);
  await check();
  await context.close();
});

test('a provider error message with markup is shown as text', async () => {
  const emulator = openPage.emulator();
  await emulator.fault({ method: 'GET', path: '/github/user/keys', fault: 'status=422', body: { message: XSS } });
  const { page, context } = await openPage.withConnection('/user/keys', 'GitHub', { url: `${emulator.url}/github` });
  const check = watch(page);
  await page.getByText(XSS).first().waitFor(WAIT);
  await check();
  await context.close();
});

test('a Terraform key, an Astro token and a CNB memo named with markup are shown as text', async () => {
  const emulator = openPage.emulator();
  await emulator.api('POST', '/tfe/api/v2/organizations/acme/ssh-keys', {
    data: { type: 'ssh-keys', attributes: { name: XSS, value: makePemKey() } },
  });
  await emulator.api('POST', '/astro/v1/organizations/org-sandbox/tokens', {
    name: XSS,
    description: XSS,
    scope: 'DEPLOYMENT',
    role: 'DEPLOYMENT_ADMIN',
    entityId: 'dep-sandbox',
  });
  const tfe = await openPage.withConnection('/orgs/acme/keys', 'HCP Terraform');
  let check = watch(tfe.page);
  await tfe.page.getByRole('list', { name: 'Terraform SSH keys' }).getByText(XSS, { exact: true }).waitFor(WAIT);
  await check();
  await tfe.context.close();

  const astro = await openPage.withConnection('/orgs/org-sandbox/keys', 'Astronomer');
  check = watch(astro.page);
  const section = astro.page.getByRole('region', { name: 'Astronomer Deployment API tokens' });
  await section.getByLabel('Deployment ID').fill('dep-sandbox');
  await section.getByRole('button', { name: 'Show tokens' }).click();
  await section.getByRole('row').filter({ hasText: XSS }).first().waitFor(WAIT);
  await check();

  // The CNB memo lives in this browser; its note is the user's own text.
  const cnb = astro.page.getByRole('region', { name: 'CNB organization and artifact deploy keys' });
  await astro.page.goto(`${openPage.origin()}/orgs`);
  // The page keeps the Astronomer connection; CNB is the Sandbox's (first).
  await astro.page.getByLabel('Connection', { exact: true }).selectOption({ index: 0 });
  await cnb.getByLabel('Key name').fill(XSS);
  await cnb.getByLabel('Note').fill(XSS);
  await cnb.getByRole('button', { name: 'Add to my list' }).click();
  await cnb.getByText(XSS, { exact: true }).first().waitFor(WAIT);
  await astro.page.reload();
  await cnb.getByText(XSS, { exact: true }).first().waitFor(WAIT);
  await check();
  await astro.context.close();
});
