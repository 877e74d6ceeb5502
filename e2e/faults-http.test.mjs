// End-to-end over real HTTP: provider faults on the pages, injected with
// the emulator's control API (a page cannot send the fault header). For
// each: the page explains, keeps what the user typed, and a create the
// user retries is created once (the emulator's log counts the POSTs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { usePages } from './harness.mjs';
import { makeKey, makePemKey } from './keygen.mjs';

const WAIT = { timeout: 20_000 };
const openPage = usePages();
const KEYS = '/github/user/keys';

const list = (page) => page.getByRole('list', { name: 'Your SSH keys' });
const form = (page) => page.getByRole('form', { name: 'Add an SSH key' });

async function openUserKeys() {
  const emulator = openPage.emulator();
  const opened = await openPage.withConnection('/user/keys', 'GitHub', { url: `${emulator.url}/github` });
  await list(opened.page).getByRole('listitem', { name: 'work laptop' }).waitFor(WAIT);
  return opened;
}

async function fill(page, title, key) {
  await form(page).getByLabel('Title', { exact: true }).fill(title);
  await form(page).getByLabel('Key', { exact: true }).fill(key.publicLine);
  await form(page).getByText(key.sha256, { exact: true }).waitFor(WAIT);
}

const add = (page) => form(page).getByRole('button', { name: 'Add key', exact: true }).click();

/// The form still holds what the user typed.
async function assertKept(page, title, key) {
  assert.equal(await form(page).getByLabel('Title', { exact: true }).inputValue(), title);
  assert.equal(await form(page).getByLabel('Key', { exact: true }).inputValue(), key.publicLine);
}

async function storedWith(emulator, fingerprint) {
  const keys = await emulator.api('GET', `${KEYS}?per_page=100`);
  return keys.filter((k) => k.key === fingerprint);
}

/// A failed Add, explained; then the user's own retry works, once.
async function failThenRetry(fault, explanation) {
  const key = makeKey('ed25519', null, fault);
  const title = `after ${fault}`;
  const { page, context, emulator } = await openUserKeys();
  await fill(page, title, key);
  const posts = await emulator.count('POST', KEYS);
  await emulator.fault({ method: 'POST', path: KEYS, fault });
  await add(page);
  const alert = form(page).getByRole('alert');
  await alert.filter({ hasText: explanation }).waitFor(WAIT);
  await assertKept(page, title, key);
  assert.equal(await emulator.count('POST', KEYS), posts + 1, 'the page did not retry a create on its own');

  await add(page);
  await list(page).getByRole('listitem', { name: title }).waitFor(WAIT);
  assert.equal(await emulator.count('POST', KEYS), posts + 2);
  const [type, data] = key.publicLine.split(' ');
  assert.equal(await storedWith(emulator, `${type} ${data}`).then((k) => k.length), 1, 'created once');
  await context.close();
}

test('a 500 on Add is explained, the form kept, and the retry creates the key once', async () => {
  await failThenRetry('status=500', 'The provider had a problem; try again in a moment.');
});

test('a 429 with Retry-After on Add says when to try again and keeps the form', async () => {
  await failThenRetry('retry-after=2', 'Try again in 2 seconds.');
});

test('a dropped connection on Add is explained; retries never create the key twice', async () => {
  const key = makeKey('ed25519', null, 'dropped');
  const [type, data] = key.publicLine.split(' ');
  const { page, context, emulator } = await openUserKeys();
  await fill(page, 'after a drop', key);
  const posts = await emulator.count('POST', KEYS);
  // Handled, then dropped: the key exists, but the page never hears so.
  // Up to four times, because Chromium itself resends a request when a
  // reused connection closes without an answer, once per idle connection it
  // holds (User keys loads two lists, so there can be two or three; the log
  // shows it: no app retry). Faults left over are cleared below.
  await emulator.fault({ method: 'POST', path: KEYS, fault: 'drop-after', times: 4 });
  await add(page);
  await form(page).getByRole('alert').filter({ hasText: 'No answer from the provider' }).waitFor(WAIT);
  await assertKept(page, 'after a drop', key);
  const dropped = (await emulator.count('POST', KEYS)) - posts;
  assert.ok(dropped >= 1 && dropped <= 4, `POSTs: ${dropped}`);
  await emulator.clearFaults();
  // The user tries again: GitHub refuses a key it already has, the page says so.
  await add(page);
  await form(page).getByRole('alert').filter({ hasText: /already in use|already/i }).waitFor(WAIT);
  assert.equal(await emulator.count('POST', KEYS), posts + dropped + 1);
  assert.equal((await storedWith(emulator, `${type} ${data}`)).length, 1, 'one key at the provider');
  await context.close();
});

test('a 3 s delay on Add shows the form busy, then adds the key once', async () => {
  const key = makeKey('ed25519', null, 'slow');
  const { page, context, emulator } = await openUserKeys();
  await fill(page, 'slow add', key);
  const posts = await emulator.count('POST', KEYS);
  await emulator.fault({ method: 'POST', path: KEYS, fault: 'delay=3000' });
  const started = Date.now();
  await add(page);
  await form(page).locator('button[aria-busy="true"], button:disabled').first().waitFor({ timeout: 1_000 });
  await assertKept(page, 'slow add', key);
  await list(page).getByRole('listitem', { name: 'slow add' }).waitFor(WAIT);
  assert.ok(Date.now() - started >= 2_900, 'the answer came after the delay');
  assert.equal(await emulator.count('POST', KEYS), posts + 1);
  await context.close();
});

test('a redirect is refused and explained, never followed, and the form is kept', async () => {
  const key = makeKey('ed25519', null, 'redirected');
  const { page, context, emulator } = await openUserKeys();
  await fill(page, 'redirected add', key);
  await emulator.fault({ method: 'POST', path: KEYS, fault: 'redirect' });
  await add(page);
  await form(page).getByRole('alert').filter({ hasText: 'Keyward does not follow redirects' }).waitFor(WAIT);
  await assertKept(page, 'redirected add', key);
  assert.equal(await emulator.count('POST', '/_emulator/redirected'), 0, 'the redirect was not followed');
  // The emulator's log, not the browser's request events, is the witness:
  // Chromium reports the redirect's target as a request it never sends.
  await page.waitForTimeout(300);
  assert.equal(await emulator.count('GET', '/_emulator/redirected'), 0);
  await context.close();
});

for (const [fault, explanation] of [
  ['status=500', 'The provider had a problem; try again in a moment.'],
  ['drop', 'No answer from the provider'],
]) {
  test(`a list that fails (${fault}) is explained, and Try again lists the keys`, async () => {
    const emulator = openPage.emulator();
    // Enough for every automatic retry of a GET.
    await emulator.fault({ method: 'GET', path: KEYS, fault, times: 10 });
    const { page, context } = await openPage.withConnection('/user/keys', 'GitHub', { url: `${emulator.url}/github` });
    const alert = page.getByRole('alert').filter({ hasText: 'Could not load the keys' });
    await alert.filter({ hasText: explanation }).waitFor(WAIT);
    await emulator.clearFaults();
    await page.getByRole('button', { name: 'Try again', exact: true }).click();
    await list(page).getByRole('listitem', { name: 'work laptop' }).waitFor(WAIT);
    await context.close();
  });
}

test('through the proxy: a Terraform 500 and a redirect are explained and the name is kept', async () => {
  const emulator = openPage.emulator();
  const { page, context } = await openPage.withConnection('/orgs/acme/keys', 'HCP Terraform');
  const tfe = page.getByRole('region', { name: 'HCP Terraform / TFE SSH keys' });
  await tfe.getByText('deploy-key', { exact: true }).first().waitFor(WAIT);
  const path = '/tfe/api/v2/organizations/acme/ssh-keys';
  for (const [fault, explanation] of [['status=500', 'The provider had a problem; try again in a moment.'], ['redirect', 'Keyward does not follow redirects']]) {
    await emulator.fault({ method: 'POST', path, fault });
    await tfe.getByLabel('Name', { exact: true }).fill(`after ${fault}`);
    await tfe.getByLabel('Private key', { exact: true }).fill(makePemKey());
    await tfe.getByRole('button', { name: 'Add SSH key' }).click();
    await tfe.getByText(explanation).first().waitFor(WAIT);
    assert.equal(await tfe.getByLabel('Name', { exact: true }).inputValue(), `after ${fault}`);
  }
  assert.equal(await emulator.count('GET', '/_emulator/redirected'), 0);
  await context.close();
});
