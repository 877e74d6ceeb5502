// End-to-end over real HTTP: the Organization keys page against
// keyward-emulator — HCP Terraform, Astro and CNB through keyward-server's
// same-origin proxy (/proxy/… → the emulator), and a self-hosted Terraform
// Enterprise URL (not app.terraform.io) called directly. Connections are
// added through the Connections form.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { usePages } from './harness.mjs';
import { makePemKey } from './keygen.mjs';

const WAIT = { timeout: 15_000 };
const openPage = usePages();
const section = (page, name) => page.getByRole('region', { name });
const TFE = 'HCP Terraform / TFE SSH keys';
const ASTRO = 'Astronomer Deployment API tokens';
const CNB = 'CNB organization and artifact deploy keys';

const openProvider = (path, provider, { direct, proxy } = {}) => openPage.withConnection(path, provider, { url: direct, proxy });

const proxied = (audit, prefix) => audit.requests.filter((r) => r.url.startsWith(`${new URL(r.url).origin}${prefix}`));

test('HCP Terraform through the proxy: SSH keys listed, added, renamed and replaced; nothing sent for a refused key', async () => {
  const { page, context, emulator, audit, errors } = await openProvider('/orgs/acme/keys', 'HCP Terraform');
  const tfe = section(page, TFE);
  await tfe.getByRole('list', { name: 'Terraform SSH keys' }).getByText('deploy-key', { exact: true }).waitFor(WAIT);
  assert.ok(proxied(audit, '/proxy/tfe/api/v2/organizations/acme/ssh-keys').length > 0, 'the page called its own proxy');
  assert.equal(audit.requests.filter((r) => r.url.startsWith(emulator.url)).length, 0, 'never the provider directly');

  await tfe.getByLabel('Name', { exact: true }).fill('proxied key');
  await tfe.getByLabel('Private key', { exact: true }).fill(makePemKey());
  await tfe.getByText('This private key belongs to').waitFor(WAIT);
  await tfe.getByRole('button', { name: 'Add SSH key' }).click();
  await tfe.getByRole('list', { name: 'Terraform SSH keys' }).getByText('proxied key', { exact: true }).waitFor(WAIT);
  assert.equal(await emulator.count('POST', '/tfe/api/v2/organizations/acme/ssh-keys'), 1);

  // Rename, then replace the key text: two PATCHes, the second carrying a
  // private key (the one request the audit lets carry one).
  const item = tfe.getByRole('listitem').filter({ hasText: 'proxied key' });
  await item.getByRole('button', { name: 'Rename' }).click();
  await item.getByLabel('New name').fill('proxied renamed');
  await item.getByRole('button', { name: 'Save' }).click();
  await tfe.getByText('Renamed to “proxied renamed”.').waitFor(WAIT);
  const renamed = tfe.getByRole('listitem').filter({ hasText: 'proxied renamed' });
  await renamed.getByRole('button', { name: 'Replace key text' }).click();
  await renamed.getByLabel('New private key', { exact: true }).fill(makePemKey());
  await renamed.getByRole('button', { name: 'Replace key text' }).last().click();
  await tfe.getByText(/cannot confirm the new key was stored/).waitFor(WAIT);
  assert.equal(await emulator.count('PATCH', '/tfe/api/v2/ssh-keys/'), 2);
  assert.ok(audit.requests.some((r) => r.method === 'PATCH' && r.body.includes('PRIVATE KEY-----')), 'the replacement was sent');

  // An encrypted key and a public key are refused in the page: no POST.
  for (const text of [makePemKey('correct horse'), 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAkL3WV86EUI0N9AflfPCV7f1UeYM6o0X/KzodiBZ34V pub']) {
    await tfe.getByLabel('Name', { exact: true }).fill('never sent');
    await tfe.getByLabel('Private key', { exact: true }).fill(text);
    await tfe.getByRole('button', { name: 'Add SSH key' }).click();
    await tfe.getByText('Not sent:').waitFor(WAIT);
  }
  await page.waitForTimeout(300);
  assert.equal(await emulator.count('POST', '/tfe/api/v2/organizations/acme/ssh-keys'), 1, 'no second POST');
  assert.deepEqual(errors, []);
  await context.close();
});

test('Terraform Enterprise at its own URL (not app.terraform.io): keys listed and deleted', async () => {
  const emulator = openPage.emulator();
  const { page, context, errors } = await openProvider('/orgs/acme/keys', 'Terraform Enterprise', {
    direct: `${emulator.url}/tfe/api/v2`,
  });
  const tfe = section(page, TFE);
  await emulator.api('POST', '/tfe/api/v2/organizations/acme/ssh-keys', {
    data: { type: 'ssh-keys', attributes: { name: 'tfe-self-hosted', value: makePemKey() } },
  });
  await page.reload();
  await page.getByLabel('Connection', { exact: true }).selectOption({ label: 'Emulated Terraform Enterprise · Terraform Enterprise' });
  const item = tfe.getByRole('listitem').filter({ hasText: 'tfe-self-hosted' });
  await item.waitFor(WAIT);
  await item.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await item.waitFor({ state: 'detached', ...WAIT });
  assert.equal(await emulator.count('DELETE', '/tfe/api/v2/ssh-keys/'), 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test('Terraform Enterprise through the proxy: keyward-server --tfe-url forwards a self-hosted TFE', async () => {
  const { page, context, emulator, audit, errors } = await openProvider('/orgs/acme/keys', 'Terraform Enterprise', {
    direct: 'https://tfe.example.com/api/v2',
    proxy: true,
  });
  const tfe = section(page, TFE);
  await tfe.getByRole('list', { name: 'Terraform SSH keys' }).getByText('deploy-key', { exact: true }).waitFor(WAIT);
  assert.ok(proxied(audit, '/proxy/tfe/api/v2/organizations/acme/ssh-keys').length > 0, 'the page called its own proxy');
  assert.equal(audit.requests.filter((r) => r.url.includes('tfe.example.com')).length, 0, 'never the typed host directly');
  assert.ok((await emulator.count('GET', '/tfe/api/v2/organizations/acme/ssh-keys')) > 0, 'the server forwarded to --tfe-url');
  assert.deepEqual(errors, []);
  await context.close();
});

test('Astro through the proxy: a token is created once, shown once, and deleted', async () => {
  const { page, context, emulator, audit, errors } = await openProvider('/orgs/org-sandbox/keys', 'Astronomer');
  const astro = section(page, ASTRO);
  await astro.getByLabel('Deployment ID').fill('dep-sandbox');
  await astro.getByRole('button', { name: 'Show tokens' }).click();
  await astro.getByRole('table').waitFor(WAIT);
  await astro.getByLabel('Name', { exact: true }).fill('http token');
  await astro.getByRole('button', { name: 'Create token' }).dblclick();
  const panel = page.getByRole('region', { name: 'One-time secret' });
  await panel.waitFor(WAIT);
  const value = (await panel.locator('code').textContent()).trim();
  assert.ok(value.length > 20);
  assert.equal(await emulator.count('POST', '/astro/v1/organizations/org-sandbox/tokens'), 1, 'a double click made one token');
  assert.ok(proxied(audit, '/proxy/astro/v1/').length > 0);
  for (const r of audit.requests) assert.ok(!r.url.includes(value), 'the token value is in no URL');
  await panel.getByRole('button', { name: 'Done, I have stored it' }).click();
  await page.getByRole('dialog', { name: 'Close without copying?' }).getByRole('button', { name: 'Close' }).click();
  const row = astro.getByRole('row').filter({ hasText: 'http token' });
  await row.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('dialog', { name: 'Delete token “http token”?' }).getByRole('button', { name: 'Delete' }).click();
  await astro.getByText('Deleted “http token”.').waitFor(WAIT);
  assert.equal(await emulator.count('DELETE', '/astro/v1/'), 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test('CNB through the proxy: a deploy key is checked against the API and kept nowhere', async () => {
  const { page, context, emulator, audit, errors } = await openProvider('/orgs/sandbox-org/keys', 'CNB');
  const cnb = section(page, CNB);
  await cnb.getByText('CNB has no public API for deploy keys.').waitFor(WAIT);
  await emulator.clearLog();
  await cnb.getByLabel('Deploy key').fill(emulator.token);
  await cnb.getByRole('button', { name: 'Check key' }).click();
  await cnb.getByRole('list', { name: 'What the key reaches' }).waitFor(WAIT);
  const reached = (await emulator.log()).filter((e) => e.path.startsWith('/cnb/'));
  assert.ok(reached.length > 0, 'the check went to the CNB API');
  assert.ok(proxied(audit, '/proxy/cnb/').length > 0, 'through the proxy');
  assert.equal(await cnb.getByLabel('Deploy key').inputValue(), '');
  assert.deepEqual(errors, []);
  await context.close();
});
