// End-to-end: the Connections page in headless Chromium (release build).
// Each test opens a fresh browser context, so storages start empty.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { usePages, addConnection } from './harness.mjs';

const openPage = usePages();

// Looks like a GitHub token, reaches nothing.
const FAKE_TOKEN = 'ghp_e2eFakeToken0123456789abcdefABCDEF';
const STORAGE_KEY = 'keyward.connections';

/** The Connections page, with every console line and page error kept. */
async function openConnections() {
  const { page, context, errors, audit } = await openPage('/connections');
  audit.secret(FAKE_TOKEN);
  const console = [];
  page.on('console', (m) => console.push(m.text()));
  await page.getByRole('heading', { level: 1, name: 'Connections' }).waitFor({ timeout: 10_000 });
  return { page, context, errors, console, audit };
}

/** The saved connection whose heading is `name`. */
function row(page, name) {
  return page
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { level: 3, name, exact: true }) });
}

async function storages(page) {
  return page.evaluate((key) => ({
    session: sessionStorage.getItem(key),
    local: localStorage.getItem(key),
    localAll: JSON.stringify({ ...localStorage }),
    sessionAll: JSON.stringify({ ...sessionStorage }),
  }), STORAGE_KEY);
}

/** Fails if the token shows up anywhere but the password input's value. */
async function assertTokenHidden(page, consoleLines) {
  assert.ok(!page.url().includes(FAKE_TOKEN), 'token in the URL');
  const text = await page.evaluate(() => document.body.innerText);
  assert.ok(!text.includes(FAKE_TOKEN), 'token in the page text');
  const html = await page.content();
  assert.ok(!html.includes(FAKE_TOKEN), 'token in the markup');
  assert.ok(!consoleLines.some((line) => line.includes(FAKE_TOKEN)), 'token in the console');
  assert.ok(!(await page.title()).includes(FAKE_TOKEN), 'token in the title');
}

async function addGitHub(page, { name, remember }) {
  await page.getByLabel('Provider', { exact: true }).selectOption({ label: 'GitHub' });
  await page.getByLabel('Token', { exact: true }).fill(FAKE_TOKEN);
  await page.getByLabel('Name', { exact: true }).fill(name);
  if (remember) await page.getByLabel('Remember on this device').check();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await row(page, name).waitFor();
}

test('The Sandbox connection exists on the first visit, first and built in', async () => {
  const { page, errors, context } = await openConnections();
  const items = page.getByRole('list', { name: 'Your connections' }).getByRole('listitem');
  await items.first().waitFor();
  assert.equal(await items.count(), 1);
  const sandbox = row(page, 'Sandbox (no account needed)');
  await sandbox.getByText('Built in', { exact: true }).waitFor();
  await sandbox.getByRole('button', { name: 'Reset sandbox data' }).waitFor();
  assert.equal(await sandbox.getByRole('button', { name: 'Forget' }).count(), 0);
  assert.equal(await page.title(), 'Connections · Keyward');
  assert.deepEqual(errors, []);
  await context.close();
});

test('Check on the Sandbox says who the token belongs to', async () => {
  const { page, errors, context } = await openConnections();
  const sandbox = row(page, 'Sandbox (no account needed)');
  const check = sandbox.getByRole('button', { name: 'Check', exact: true });
  await check.click();
  await sandbox.getByText(/Signed in as octocat/).waitFor({ timeout: 10_000 });
  await sandbox.getByText(/User keys: everything works/).waitFor();
  assert.equal(await check.isDisabled(), false);
  assert.deepEqual(errors, []);
  await context.close();
});

test('The form fills the API URL per provider, unless the user typed one', async () => {
  const { page, context } = await openConnections();
  const provider = page.getByLabel('Provider', { exact: true });
  const url = page.getByLabel('API URL', { exact: true });
  const names = await provider.locator('option').allTextContents();
  for (const name of ['GitHub', 'GitHub Enterprise Server', 'HCP Terraform', 'Terraform Enterprise', 'Astronomer', 'CNB', 'Sandbox']) {
    assert.ok(names.includes(name), `${name} is offered`);
  }
  await provider.selectOption({ label: 'GitHub' });
  assert.equal(await url.inputValue(), 'https://api.github.com');
  await provider.selectOption({ label: 'HCP Terraform' });
  assert.equal(await url.inputValue(), 'https://app.terraform.io/api/v2');
  // No CORS at HCP Terraform: the proxy is on by default, and explained.
  const proxy = page.getByLabel('Send through the same-origin proxy');
  assert.equal(await proxy.isChecked(), true);
  await page.getByText(/trunk serve/).first().waitFor();
  await provider.selectOption({ label: 'GitHub' });
  assert.equal(await proxy.count(), 0, 'GitHub needs no proxy');
  await url.fill('https://ghe.example.org/api/v3');
  await provider.selectOption({ label: 'GitHub Enterprise Server' });
  assert.equal(await url.inputValue(), 'https://ghe.example.org/api/v3');
  const token = page.getByLabel('Token', { exact: true });
  assert.equal(await token.getAttribute('type'), 'password');
  assert.equal(await token.getAttribute('autocomplete'), 'off');
  await context.close();
});

test('A GitHub connection is kept in this tab only, and the token shows nowhere', async () => {
  const { page, errors, console, context } = await openConnections();
  await page.getByLabel('Provider', { exact: true }).selectOption({ label: 'GitHub' });
  await page.getByLabel('Token', { exact: true }).fill(FAKE_TOKEN);
  await assertTokenHidden(page, console);
  await addGitHub(page, { name: 'Work GitHub', remember: false });
  const saved = row(page, 'Work GitHub');
  await saved.getByText('this tab only').waitFor();
  await saved.getByText('https://api.github.com').waitFor();
  assert.equal(await page.getByLabel('Token', { exact: true }).inputValue(), '', 'token field cleared');
  await page.getByText(/Saved “Work GitHub”/).waitFor();
  const stored = await storages(page);
  assert.ok(stored.session?.includes(FAKE_TOKEN), 'sessionStorage holds the connection');
  assert.equal(stored.local, null);
  assert.ok(!stored.localAll.includes(FAKE_TOKEN), 'localStorage never sees the token');
  await assertTokenHidden(page, console);
  // Still there after a reload of the same tab.
  await page.reload();
  await row(page, 'Work GitHub').waitFor({ timeout: 10_000 });
  await assertTokenHidden(page, console);
  assert.deepEqual(errors, []);
  await context.close();
});

test('Remember shows its warning and keeps the token on this device; Forget removes every trace', async () => {
  const { page, errors, console, context } = await openConnections();
  await page.getByLabel('Remember on this device').check();
  await page.getByText(/anyone using this browser profile can use this token/).waitFor();
  await page.getByLabel('Remember on this device').uncheck();
  assert.equal(await page.getByText(/anyone using this browser profile/).count(), 0);

  await addGitHub(page, { name: 'Laptop GitHub', remember: true });
  const saved = row(page, 'Laptop GitHub');
  await saved.getByText('this device').waitFor();
  let stored = await storages(page);
  assert.ok(stored.local?.includes(FAKE_TOKEN), 'localStorage holds the remembered connection');
  assert.ok(!stored.sessionAll.includes(FAKE_TOKEN));

  await saved.getByRole('button', { name: 'Forget', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await dialog.getByText(/Laptop GitHub/).waitFor();
  // Cancel first: nothing happens.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await saved.count(), 1);

  await saved.getByRole('button', { name: 'Forget', exact: true }).click();
  await page.getByRole('dialog').getByRole('button', { name: /^(Forget|Delete)$/ }).click();
  await saved.waitFor({ state: 'detached' });
  await page.getByText(/Forgot “Laptop GitHub”/).waitFor();
  stored = await storages(page);
  assert.equal(stored.local, null);
  assert.equal(stored.session, null);
  assert.ok(!stored.localAll.includes(FAKE_TOKEN));
  assert.ok(!stored.sessionAll.includes(FAKE_TOKEN));
  await page.reload();
  await row(page, 'Sandbox (no account needed)').waitFor({ timeout: 10_000 });
  assert.equal(await row(page, 'Laptop GitHub').count(), 0);
  await assertTokenHidden(page, console);
  assert.deepEqual(errors, []);
  await context.close();
});

test('Save without a token says so next to the field and keeps what was typed', async () => {
  const { page, errors, context } = await openConnections();
  await page.getByLabel('Provider', { exact: true }).selectOption({ label: 'GitHub Enterprise Server' });
  await page.getByLabel('API URL', { exact: true }).fill('https://ghe.example.org/api/v3');
  await page.getByLabel('Name', { exact: true }).fill('Company GHES');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const token = page.getByLabel('Token', { exact: true });
  await page.getByText('Enter the token: Keyward needs it to reach GitHub Enterprise Server.').waitFor();
  assert.equal(await token.getAttribute('aria-invalid'), 'true');
  assert.equal(await page.getByLabel('API URL', { exact: true }).inputValue(), 'https://ghe.example.org/api/v3');
  assert.equal(await page.getByLabel('Name', { exact: true }).inputValue(), 'Company GHES');
  assert.equal(await page.getByLabel('Provider', { exact: true }).inputValue(), 'ghes');
  assert.equal(await row(page, 'Company GHES').count(), 0);
  assert.equal((await storages(page)).session, null);
  assert.deepEqual(errors, []);
  await context.close();
});

test('An unencrypted API URL is refused before anything is sent', async () => {
  const { page, context, audit } = await openConnections();
  await page.waitForLoadState('networkidle');
  const loaded = audit.requests.length;
  await page.getByLabel('API URL', { exact: true }).fill('http://api.github.com');
  await page.getByLabel('Token', { exact: true }).fill(FAKE_TOKEN);
  await page.getByRole('form', { name: 'Add a connection' }).getByRole('button', { name: 'Check', exact: true }).click();
  await page.getByText(/Use https:\/\/ so the token travels encrypted/).waitFor();
  assert.deepEqual(audit.requests.slice(loaded), [], 'nothing is sent');
  assert.equal(await page.getByLabel('Token', { exact: true }).inputValue(), FAKE_TOKEN, 'the token is kept');
  await context.close();
});

test('Check with a wrong Sandbox token explains the refusal next to the form', async () => {
  const { page, context } = await openConnections();
  await page.getByLabel('Provider', { exact: true }).selectOption({ label: 'Sandbox' });
  await page.getByLabel('Token', { exact: true }).fill('wrong-sandbox-token');
  await page.getByRole('form', { name: 'Add a connection' }).getByRole('button', { name: 'Check', exact: true }).click();
  await page.getByRole('form', { name: 'Add a connection' }).getByRole('status').filter({ hasText: /The check failed\. GitHub refused the token/ }).waitFor({ timeout: 10_000 });
  const text = await page.evaluate(() => document.body.innerText);
  assert.ok(!text.includes('wrong-sandbox-token'));
  await context.close();
});

test('Check against a provider that does not answer says offline or CORS, without the token', async () => {
  const { page, console, context, audit } = await openConnections();
  audit.allow('http://127.0.0.1:9');
  await page.getByLabel('Provider', { exact: true }).selectOption({ label: 'GitHub' });
  await page.getByLabel('API URL', { exact: true }).fill('http://127.0.0.1:9');
  await page.getByLabel('Token', { exact: true }).fill(FAKE_TOKEN);
  const check = page.getByRole('form', { name: 'Add a connection' }).getByRole('button', { name: 'Check', exact: true });
  await check.click();
  const failure = page.getByRole('form', { name: 'Add a connection' }).getByRole('status').filter({ hasText: 'The check failed' });
  await failure.waitFor({ timeout: 45_000 });
  assert.match(await failure.textContent(), /offline|CORS/);
  assert.equal(await check.isDisabled(), false);
  assert.equal(await page.getByLabel('Token', { exact: true }).inputValue(), FAKE_TOKEN, 'a failed check keeps the token');
  await assertTokenHidden(page, console);
  await context.close();
});

test('Reset sandbox data asks first, then says it is done', async () => {
  const { page, errors, context } = await openConnections();
  const sandbox = row(page, 'Sandbox (no account needed)');
  await sandbox.getByRole('button', { name: 'Reset sandbox data' }).click();
  const dialog = page.getByRole('dialog', { name: 'Reset the Sandbox?' });
  await dialog.waitFor();
  await dialog.getByRole('button', { name: 'Reset', exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByText('The Sandbox is back to its first-visit data.').waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('Check shows its progress while the provider is slow, then who the token belongs to', async () => {
  const emulator = openPage.emulator();
  const { page, context, errors } = await openConnections();
  await emulator.fault({ path: '/github/user', method: 'GET', fault: 'delay=1500' });
  const form = page.getByRole('form', { name: 'Add a connection' });
  await form.getByLabel('Provider', { exact: true }).selectOption({ label: 'GitHub Enterprise Server' });
  await form.getByLabel('API URL', { exact: true }).fill(`${emulator.url}/github`);
  await form.getByLabel('Token', { exact: true }).fill(emulator.token);
  const check = form.getByRole('button', { name: 'Check', exact: true });
  await check.click();
  await form.getByText('Checking the token…').waitFor({ timeout: 1_000 });
  await form.locator('button[aria-busy="true"]').waitFor({ timeout: 1_000 });
  await form.getByText(/Signed in as octocat/).waitFor({ timeout: 10_000 });
  assert.equal(await check.isDisabled(), false);
  assert.ok(!(await page.evaluate(() => document.body.innerText)).includes(emulator.token));
  assert.deepEqual(errors, []);
  await context.close();
});

test('A connection added through the form reaches the emulator with its token, never in a URL', async () => {
  const emulator = openPage.emulator();
  const { page, context, audit } = await openConnections();
  const label = await addConnection(page, openPage.origin(), {
    provider: 'GitHub Enterprise Server',
    url: `${emulator.url}/github`,
    token: emulator.token,
    name: 'Emulated GHES',
  });
  assert.equal(label, 'Emulated GHES · GitHub Enterprise Server');
  const before = await emulator.count('GET', '/github/user');
  const item = row(page, 'Emulated GHES');
  await item.getByRole('button', { name: 'Check', exact: true }).click();
  await item.getByText(/Signed in as octocat/).waitFor({ timeout: 10_000 });
  assert.ok(audit.requests.some((r) => r.url.startsWith(`${emulator.url}/github/user`)), 'the check went over HTTP');
  assert.ok((await emulator.count('GET', '/github/user')) > before, 'the emulator answered it');
  await context.close();
});
