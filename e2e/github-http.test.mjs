// End-to-end over real HTTP: the GitHub pages against keyward-emulator,
// called directly from the page (GitHub allows CORS), with a connection
// added through the Connections form like a user would. The emulator's
// log counts what reached the provider.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { usePages } from './harness.mjs';
import { makeKey } from './keygen.mjs';

const WAIT = { timeout: 15_000 };
const REPO = '/repos/octocat/hello-world/keys';
const openPage = usePages();

const keys = (page) => page.getByRole('list', { name: 'Your SSH keys' });
const userForm = (page) => page.getByRole('form', { name: 'Add an SSH key' });
const deployKeys = (page) => page.getByRole('list', { name: 'Deploy keys' });
const deployForm = (page) => page.getByRole('form', { name: 'Add a deploy key' });

/// A page on `path` using a GitHub connection to the emulator.
const openGitHub = (path, options = {}) =>
  openPage.withConnection(path, 'GitHub', { url: `${openPage.emulator().url}/github`, ...options });

test('GitHub over HTTP: user keys are listed, added once and deleted', async () => {
  const key = makeKey('ed25519', null, 'http@keyward');
  const { page, context, emulator, errors } = await openGitHub('/user/keys');
  await keys(page).getByRole('listitem', { name: 'work laptop' }).waitFor(WAIT);
  const posts = await emulator.count('POST', '/github/user/keys');

  await userForm(page).getByLabel('Title', { exact: true }).fill('over http');
  await userForm(page).getByLabel('Key', { exact: true }).fill(key.publicLine);
  await userForm(page).getByText(key.sha256, { exact: true }).waitFor(WAIT);
  await page.getByRole('button', { name: 'Add key', exact: true }).click();
  const row = keys(page).getByRole('listitem', { name: 'over http' });
  await row.getByText(key.sha256, { exact: true }).waitFor(WAIT);
  assert.equal(await emulator.count('POST', '/github/user/keys'), posts + 1, 'one POST reached GitHub');
  const stored = (await emulator.api('GET', '/github/user/keys?per_page=100')).filter((k) => k.title === 'over http');
  assert.equal(stored.length, 1);

  await row.getByRole('button', { name: 'Delete', exact: true }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete', exact: true }).click();
  await row.waitFor({ state: 'detached', ...WAIT });
  assert.equal(await emulator.count('DELETE', `/github/user/keys/${stored[0].id}`), 1);
  const after = await emulator.api('GET', '/github/user/keys?per_page=100');
  assert.equal(after.some((k) => k.title === 'over http'), false, 'gone at the provider');
  assert.deepEqual(errors, []);
  await context.close();
});

test('GitHub over HTTP: a private key or a duplicate is refused and nothing reaches the provider', async () => {
  const key = makeKey('ed25519', null, 'secret over http');
  const { page, context, emulator, audit } = await openGitHub('/user/keys');
  await keys(page).getByRole('listitem', { name: 'work laptop' }).waitFor(WAIT);
  await page.waitForLoadState('networkidle');
  const loaded = audit.requests.length;
  const posts = await emulator.count('POST', '/github/user/keys');
  await userForm(page).getByLabel('Key', { exact: true }).fill(key.privateText);
  await userForm(page).getByText('Private key: not sent').waitFor(WAIT);
  await page.getByRole('button', { name: 'Add key', exact: true }).click();
  await userForm(page).getByRole('alert').filter({ hasText: 'Nothing was sent' }).waitFor(WAIT);

  const seeded = (await emulator.api('GET', '/github/user/keys'))[0];
  await userForm(page).getByLabel('Key', { exact: true }).fill(seeded.key);
  await userForm(page).getByText(/already in the list/).waitFor(WAIT);
  await page.getByRole('button', { name: 'Add key', exact: true }).click();
  await userForm(page).getByRole('alert').filter({ hasText: 'Nothing was sent' }).waitFor(WAIT);
  await page.waitForTimeout(300);
  assert.equal(await emulator.count('POST', '/github/user/keys'), posts, 'no POST reached the emulator');
  assert.deepEqual(audit.requests.slice(loaded).filter((r) => r.method !== 'GET'), [], 'the page sent nothing');
  await context.close();
});

test('GitHub over HTTP: the public keys of a user are looked up', async () => {
  const { page, context, emulator } = await openGitHub('/user/keys');
  await keys(page).getByRole('listitem', { name: 'work laptop' }).waitFor(WAIT);
  const published = await emulator.api('GET', '/github/users/octocat/keys');
  await page.getByLabel('Username').fill('octocat');
  await page.getByRole('button', { name: 'Look up', exact: true }).click();
  const found = page.getByRole('list', { name: 'Public keys of octocat' });
  await found.getByRole('listitem').first().waitFor(WAIT);
  assert.equal(await found.getByRole('listitem').count(), published.length);
  assert.ok((await emulator.count('GET', '/github/users/octocat/keys')) >= 2);
  await page.getByLabel('Username').fill('nobody-here');
  await page.getByRole('button', { name: 'Look up', exact: true }).click();
  await page.getByText('No GitHub user has this login.').waitFor(WAIT);
  await context.close();
});

test('GitHub over HTTP: deploy keys are listed, added read-only and deleted', async () => {
  const key = makeKey('ed25519', null, 'deploy@keyward');
  const { page, context, emulator, errors } = await openGitHub(REPO);
  await deployKeys(page).getByRole('listitem', { name: 'ci read-only' }).waitFor(WAIT);
  await deployForm(page).getByLabel('Title', { exact: true }).fill('http deploy');
  await deployForm(page).getByLabel('Key', { exact: true }).fill(key.publicLine);
  await deployForm(page).getByText(key.sha256, { exact: true }).waitFor(WAIT);
  await deployForm(page).getByRole('button', { name: 'Add key', exact: true }).click();
  const row = deployKeys(page).getByRole('listitem', { name: 'http deploy' });
  await row.getByText('Read-only', { exact: true }).waitFor(WAIT);
  const stored = (await emulator.api('GET', '/github/repos/octocat/hello-world/keys')).filter((k) => k.title === 'http deploy');
  assert.equal(stored.length, 1);
  assert.equal(stored[0].read_only, true);
  assert.equal(await emulator.count('POST', '/github/repos/octocat/hello-world/keys'), 1);

  await row.getByRole('button', { name: 'Delete', exact: true }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete', exact: true }).click();
  await row.waitFor({ state: 'detached', ...WAIT });
  const after = await emulator.api('GET', '/github/repos/octocat/hello-world/keys');
  assert.equal(after.some((k) => k.title === 'http deploy'), false);
  assert.deepEqual(errors, []);
  await context.close();
});
