// End-to-end: the Connections page in headless Chromium (release build).
// Each test opens a fresh browser context, so storages start empty.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { launch } from './browser.mjs';

let server;
let browser;

// Looks like a GitHub token, reaches nothing.
const FAKE_TOKEN = 'ghp_e2eFakeToken0123456789abcdefABCDEF';
const STORAGE_KEY = 'keyward.connections';

before(async () => {
  server = await startServer();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** The Connections page, with every console line and page error kept. */
async function openConnections() {
  const page = await browser.newPage();
  const errors = [];
  const console = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    console.push(m.text());
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(server.url + '/connections');
  await page.getByRole('heading', { level: 1, name: 'Connections' }).waitFor({ timeout: 10_000 });
  return { page, errors, console };
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
  const { page, errors } = await openConnections();
  const items = page.getByRole('list', { name: 'Your connections' }).getByRole('listitem');
  await items.first().waitFor();
  assert.equal(await items.count(), 1);
  const sandbox = row(page, 'Sandbox (no account needed)');
  await sandbox.getByText('Built in', { exact: true }).waitFor();
  await sandbox.getByRole('button', { name: 'Reset sandbox data' }).waitFor();
  assert.equal(await sandbox.getByRole('button', { name: 'Forget' }).count(), 0);
  assert.equal(await page.title(), 'Connections · Keyward');
  assert.deepEqual(errors, []);
  await page.close();
});

test('Check on the Sandbox says who the token belongs to, with progress', async () => {
  const { page, errors } = await openConnections();
  const sandbox = row(page, 'Sandbox (no account needed)');
  const check = sandbox.getByRole('button', { name: 'Check', exact: true });
  await check.click();
  // The sandbox pauses briefly, like a real provider: the button is busy.
  await sandbox.locator('button[aria-busy="true"]').waitFor({ timeout: 2_000 }).catch(() => {});
  await sandbox.getByText(/Signed in as octocat/).waitFor({ timeout: 10_000 });
  await sandbox.getByText(/User keys: everything works/).waitFor();
  assert.equal(await check.isDisabled(), false);
  assert.deepEqual(errors, []);
  await page.close();
});

test('The form fills the API URL per provider, unless the user typed one', async () => {
  const { page } = await openConnections();
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
  await page.close();
});

test('A GitHub connection is kept in this tab only, and the token shows nowhere', async () => {
  const { page, errors, console } = await openConnections();
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
  await page.close();
});

test('Remember shows its warning and keeps the token on this device; Forget removes every trace', async () => {
  const { page, errors, console } = await openConnections();
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
  await page.close();
});

test('Save without a token says so next to the field and keeps what was typed', async () => {
  const { page, errors } = await openConnections();
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
  await page.close();
});

test('An unencrypted API URL is refused before anything is sent', async () => {
  const { page } = await openConnections();
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.getByLabel('API URL', { exact: true }).fill('http://api.github.com');
  await page.getByLabel('Token', { exact: true }).fill(FAKE_TOKEN);
  await page.getByRole('form', { name: 'Add a connection' }).getByRole('button', { name: 'Check', exact: true }).click();
  await page.getByText(/Use https:\/\/ so the token travels encrypted/).waitFor();
  assert.deepEqual(requests, []);
  assert.equal(await page.getByLabel('Token', { exact: true }).inputValue(), FAKE_TOKEN, 'the token is kept');
  await page.close();
});

test('Check with a wrong Sandbox token explains the refusal next to the form', async () => {
  const { page } = await openConnections();
  await page.getByLabel('Provider', { exact: true }).selectOption({ label: 'Sandbox' });
  await page.getByLabel('Token', { exact: true }).fill('wrong-sandbox-token');
  await page.getByRole('form', { name: 'Add a connection' }).getByRole('button', { name: 'Check', exact: true }).click();
  await page.getByRole('form', { name: 'Add a connection' }).getByRole('status').filter({ hasText: /The check failed\. GitHub refused the token/ }).waitFor({ timeout: 10_000 });
  const text = await page.evaluate(() => document.body.innerText);
  assert.ok(!text.includes('wrong-sandbox-token'));
  await page.close();
});

test('Check against a provider that does not answer says offline or CORS, without the token', async () => {
  const { page, console } = await openConnections();
  await page.getByLabel('Provider', { exact: true }).selectOption({ label: 'GitHub' });
  await page.getByLabel('API URL', { exact: true }).fill('http://127.0.0.1:9');
  await page.getByLabel('Token', { exact: true }).fill(FAKE_TOKEN);
  const check = page.getByRole('form', { name: 'Add a connection' }).getByRole('button', { name: 'Check', exact: true });
  await check.click();
  await page.getByRole('form', { name: 'Add a connection' }).getByText('Checking the token…').waitFor({ timeout: 5_000 }).catch(() => {});
  const failure = page.getByRole('form', { name: 'Add a connection' }).getByRole('status').filter({ hasText: 'The check failed' });
  await failure.waitFor({ timeout: 45_000 });
  assert.match(await failure.textContent(), /offline|CORS/);
  assert.equal(await check.isDisabled(), false);
  assert.equal(await page.getByLabel('Token', { exact: true }).inputValue(), FAKE_TOKEN, 'a failed check keeps the token');
  await assertTokenHidden(page, console);
  await page.close();
});

test('Reset sandbox data asks first, then says it is done', async () => {
  const { page, errors } = await openConnections();
  const sandbox = row(page, 'Sandbox (no account needed)');
  await sandbox.getByRole('button', { name: 'Reset sandbox data' }).click();
  const dialog = page.getByRole('dialog', { name: 'Reset the Sandbox?' });
  await dialog.waitFor();
  await dialog.getByRole('button', { name: 'Reset', exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByText('The Sandbox is back to its first-visit data.').waitFor();
  assert.deepEqual(errors, []);
  await page.close();
});
