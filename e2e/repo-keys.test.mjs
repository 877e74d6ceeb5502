// End-to-end: /repos and /repos/:owner/:repo/keys (GitHub deploy keys)
// against the Sandbox (answered by its service worker), in a fresh
// browser context per test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { usePages } from './harness.mjs';
import { makeKey } from './keygen.mjs';
import { sandboxState as sandbox } from './sandbox.mjs';

const WAIT = { timeout: 15_000 };
const REPO = '/repos/octocat/hello-world/keys';
const openPage = usePages();

const deployKeys = (state) => state.github.repos.find((r) => r.name === 'hello-world').deploy_keys;
const list = (page) => page.getByRole('list', { name: 'Deploy keys' });
const form = (page) => page.getByRole('form', { name: 'Add a deploy key' });

async function fillKey(page, key, title) {
  await form(page).getByLabel('Title', { exact: true }).fill(title);
  await form(page).getByLabel('Key', { exact: true }).fill(key.publicLine);
  await form(page).getByText(key.sha256, { exact: true }).waitFor(WAIT);
}

test('the picker opens a repository, lists its deploy keys and remembers the name', async () => {
  const { page, context, errors } = await openPage('/repos');
  await page.getByLabel('Repository', { exact: true }).fill('https://github.com/octocat/hello-world.git');
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await page.waitForURL(`**${REPO}`, WAIT);
  const seeded = list(page).getByRole('listitem', { name: 'ci read-only' });
  await seeded.getByText('Read-only', { exact: true }).waitFor(WAIT);
  await seeded.getByText(/^SHA256:/).waitFor();
  const stored = deployKeys(await sandbox(page))[0];
  assert.equal(await seeded.locator('code.fingerprint').textContent(), stored.fingerprint);

  // Only the name is remembered: no token, no key.
  const recent = await page.evaluate(() => localStorage.getItem('keyward.recent-repositories'));
  assert.deepEqual(JSON.parse(recent), ['octocat/hello-world']);
  await page.goto(`${openPage.origin()}/repos`);
  await page.getByRole('navigation', { name: 'Recent repositories' })
    .getByRole('link', { name: 'octocat/hello-world' }).waitFor(WAIT);

  // A name that is not a repository sends nothing; an unknown one explains.
  await page.getByLabel('Repository', { exact: true }).fill('just-a-name');
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await page.getByText(/is not a repository name/).waitFor(WAIT);
  await page.getByLabel('Repository', { exact: true }).fill('octocat/nope');
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await page.getByText(/GitHub did not find the repository/).waitFor(WAIT);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a deploy key added with write access unchecked is read-only', async () => {
  const key = makeKey('ed25519', null, 'deploy@ci');
  const { page, context } = await openPage(REPO);
  await list(page).getByRole('listitem', { name: 'ci read-only' }).waitFor(WAIT);
  await fillKey(page, key, 'ci runner');
  const write = form(page).getByLabel('Allow write access');
  assert.equal(await write.isChecked(), false);
  // Checking it explains what write access means; unchecking removes that.
  await write.check();
  await form(page).getByText(/push to this repository/).waitFor(WAIT);
  await write.uncheck();
  await form(page).getByRole('button', { name: 'Add key', exact: true }).click();
  const row = list(page).getByRole('listitem', { name: 'ci runner' });
  await row.getByText(key.sha256, { exact: true }).waitFor(WAIT);
  await row.getByText('Read-only', { exact: true }).waitFor();
  const stored = deployKeys(await sandbox(page)).find((k) => k.fingerprint === key.sha256);
  assert.equal(stored.read_only, true);
  assert.equal(await write.isChecked(), false);
  await context.close();
});

test('write access is sent only when asked for and shown as read/write', async () => {
  const key = makeKey('ed25519', null, 'pusher');
  const { page, context } = await openPage(REPO);
  await list(page).getByRole('listitem', { name: 'ci read-only' }).waitFor(WAIT);
  await fillKey(page, key, 'release bot');
  await form(page).getByLabel('Allow write access').check();
  await form(page).getByRole('button', { name: 'Add key', exact: true }).click();
  const row = list(page).getByRole('listitem', { name: 'release bot' });
  await row.getByText('Read/write', { exact: true }).waitFor(WAIT);
  await context.close();
});

test('a key already used as a user key is refused in plain words and the form keeps its text', async () => {
  const key = makeKey('ed25519', null, 'shared');
  const { page, context } = await openPage('/user/keys');
  await page.getByRole('list', { name: 'Your SSH keys' }).getByRole('listitem').first().waitFor(WAIT);
  await page.getByLabel('Title', { exact: true }).fill('as user key');
  await page.getByLabel('Key', { exact: true }).fill(key.publicLine);
  await page.getByRole('button', { name: 'Add key', exact: true }).click();
  await page.getByRole('listitem', { name: 'as user key' }).waitFor(WAIT);

  await page.goto(openPage.origin() + REPO);
  await list(page).getByRole('listitem', { name: 'ci read-only' }).waitFor(WAIT);
  await fillKey(page, key, 'as deploy key');
  await form(page).getByRole('button', { name: 'Add key', exact: true }).click();
  const alert = form(page).getByRole('alert').filter({ hasText: 'Could not add the deploy key' });
  await alert.getByText(/accepts each public key only once across all of GitHub/).waitFor(WAIT);
  await alert.getByText(/key is already in use/).waitFor();
  assert.equal(await form(page).getByLabel('Key', { exact: true }).inputValue(), key.publicLine);
  assert.equal(await form(page).getByLabel('Title', { exact: true }).inputValue(), 'as deploy key');
  assert.equal(await list(page).getByRole('listitem', { name: 'as deploy key' }).count(), 0);
  await context.close();
});

test('a deploy key is deleted after the dialog, and the deletion survives a reload', async () => {
  const { page, context } = await openPage(REPO);
  const row = list(page).getByRole('listitem', { name: 'ci read-only' });
  await row.getByRole('button', { name: 'Delete', exact: true }).click(WAIT);
  const dialog = page.getByRole('dialog');
  await dialog.getByText(/lose access to the repository/).waitFor(WAIT);
  // Cancel first: nothing happens.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await row.waitFor(WAIT);
  await row.getByRole('button', { name: 'Delete', exact: true }).click();
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
  await row.waitFor({ state: 'detached', ...WAIT });
  await page.getByText('No keys yet. Add one with the form below.').waitFor();
  await page.reload();
  await page.getByText('No keys yet. Add one with the form below.').waitFor(WAIT);
  assert.equal(deployKeys(await sandbox(page)).length, 0);
  await context.close();
});
