// End-to-end: /user/keys against the Sandbox (octocat, answered by its
// service worker), in a fresh browser context per test, so every test
// starts from the seeded sandbox.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { usePages } from './harness.mjs';
import { makeKey } from './keygen.mjs';
import { sandboxState as sandbox } from './sandbox.mjs';

const WAIT = { timeout: 15_000 };
const openPage = usePages();

/// What ssh-keygen says a public key line's SHA256 fingerprint is.
function sshKeygenFingerprint(line) {
  const dir = mkdtempSync(join(tmpdir(), 'keyward-e2e-'));
  try {
    writeFileSync(join(dir, 'key.pub'), `${line}\n`);
    return execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', join(dir, 'key.pub')], {
      encoding: 'utf8',
    }).split(' ')[1];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const userKeys = (state) => state.github.users.find((u) => u.login === 'octocat').keys;
const list = (page) => page.getByRole('list', { name: 'Your SSH keys' });
const form = (page) => page.getByRole('form', { name: 'Add an SSH key' });

async function waitForList(page) {
  await list(page).getByRole('listitem', { name: 'work laptop' }).waitFor(WAIT);
}

async function addKey(page, key, title) {
  await page.getByLabel('Title', { exact: true }).fill(title);
  await page.getByLabel('Key', { exact: true }).fill(key.publicLine);
  await form(page).getByText(key.sha256, { exact: true }).waitFor(WAIT);
  await page.getByRole('button', { name: 'Add key', exact: true }).click();
  await list(page).getByRole('listitem', { name: title }).waitFor(WAIT);
}

test('the seeded keys are listed with the fingerprints ssh-keygen computes', async () => {
  const { page, context, errors } = await openPage('/user/keys');
  await page.getByLabel('Connection').waitFor(WAIT);
  await waitForList(page);
  const keys = userKeys(await sandbox(page));
  assert.equal(keys.length, 2);
  for (const key of keys) {
    const row = list(page).getByRole('listitem', { name: key.title });
    await row.getByText(sshKeygenFingerprint(key.key), { exact: true }).waitFor(WAIT);
    await row.getByText(/ED25519 · 256 bits/).waitFor();
  }
  await page.getByText('2 keys', { exact: true }).waitFor();
  // The filter finds a key by title or by fingerprint.
  await page.getByLabel('Filter').fill('laptop');
  await page.getByText('1 of 2 keys match').waitFor();
  assert.equal(await list(page).getByRole('listitem').count(), 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a pasted key shows its fingerprint and canonical line, is added once, and survives a reload', async () => {
  const key = makeKey('ed25519', null, 'e2e@keyward');
  const { page, context, errors } = await openPage('/user/keys');
  await waitForList(page);
  // Paste damage (spaces, CRLF, a line break in the base64) is repaired.
  const [type, data, comment] = key.publicLine.split(' ');
  await page.getByLabel('Key', { exact: true }).fill(`  ${type} ${data.slice(0, 40)}\r\n${data.slice(40)} ${comment}\r\n`);
  await form(page).getByText(key.sha256, { exact: true }).waitFor(WAIT);
  await form(page).getByText(key.publicLine, { exact: true }).waitFor();
  // An empty title falls back to the key's comment.
  await page.getByRole('button', { name: 'Add key', exact: true }).click();
  const row = list(page).getByRole('listitem', { name: 'e2e@keyward' });
  await row.getByText(key.sha256, { exact: true }).waitFor(WAIT);
  await page.getByRole('status').filter({ hasText: 'Added “e2e@keyward”' }).waitFor();
  // The form is cleared for the next key.
  assert.equal(await page.getByLabel('Key', { exact: true }).inputValue(), '');
  const stored = userKeys(await sandbox(page)).filter((k) => k.fingerprint === key.sha256);
  assert.equal(stored.length, 1);
  assert.equal(stored[0].key, `${type} ${data}`);

  await page.reload();
  await list(page).getByRole('listitem', { name: 'e2e@keyward' }).getByText(key.sha256, { exact: true }).waitFor(WAIT);
  assert.deepEqual(errors, []);
  await context.close();
});

test('adding the same key again is flagged before anything is sent', async () => {
  const key = makeKey('ed25519', null, 'twice');
  const { page, context } = await openPage('/user/keys');
  await waitForList(page);
  await addKey(page, key, 'first copy');
  const before = (await sandbox(page)).requests;
  await page.getByLabel('Key', { exact: true }).fill(key.publicLine);
  await form(page).getByText(/already in the list, as “first copy”/).waitFor(WAIT);
  await page.getByRole('button', { name: 'Add key', exact: true }).click();
  await form(page).getByRole('alert').filter({ hasText: 'Nothing was sent' }).waitFor(WAIT);
  assert.equal((await sandbox(page)).requests, before, 'no request may be made');
  await context.close();
});

test('a private key is blocked, says so, and no request is made', async () => {
  const key = makeKey('ed25519', null, 'secret');
  const { page, context, audit } = await openPage('/user/keys');
  await waitForList(page);
  await page.waitForLoadState('networkidle');
  const loaded = audit.requests.length;
  const before = (await sandbox(page)).requests;
  await page.getByLabel('Key', { exact: true }).fill(key.privateText);
  await form(page).getByText('Private key: not sent').waitFor(WAIT);
  await form(page).getByText(key.sha256, { exact: true }).waitFor();
  await page.getByRole('button', { name: 'Add key', exact: true }).click();
  await form(page).getByRole('alert').filter({ hasText: 'Nothing was sent' }).waitFor(WAIT);
  // The Sandbox answered nothing, and the page made no network request
  // (the same form against the emulator: github-http.test.mjs).
  assert.equal((await sandbox(page)).requests, before);
  assert.deepEqual(audit.requests.slice(loaded), []);
  // The one-click fix swaps in the public half.
  await form(page).getByRole('button', { name: 'Use its public key instead' }).click();
  const value = await page.getByLabel('Key', { exact: true }).inputValue();
  assert.ok(key.publicLine.startsWith(value), value);
  await context.close();
});

test('a DSA key is blocked with the reason, a 1024-bit RSA key only warned about', async () => {
  const dsa = makeKey('dsa', null, 'old dsa');
  const { page, context } = await openPage('/user/keys');
  await waitForList(page);
  await page.getByLabel('Key', { exact: true }).fill(dsa.publicLine);
  await form(page).getByText('GitHub does not accept this key').waitFor(WAIT);
  await form(page).getByText(/DSA \(ssh-dss\) keys are obsolete/).waitFor();
  const before = (await sandbox(page)).requests;
  await page.getByRole('button', { name: 'Add key', exact: true }).click();
  await form(page).getByRole('alert').filter({ hasText: 'Nothing was sent' }).waitFor(WAIT);
  assert.equal((await sandbox(page)).requests, before);

  const weak = makeKey('rsa', 1024, 'weak rsa');
  await page.getByLabel('Key', { exact: true }).fill(weak.publicLine);
  await form(page).getByText('Weak key').waitFor(WAIT);
  await form(page).getByText(weak.publicLine, { exact: true }).waitFor();
  await context.close();
});

test('Delete asks in a dialog naming the key, then removes it', async () => {
  const { page, context } = await openPage('/user/keys');
  await waitForList(page);
  const row = list(page).getByRole('listitem', { name: 'home desktop' });
  const fingerprint = await row.locator('code.fingerprint').textContent();
  await row.getByRole('button', { name: 'Delete', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByText(fingerprint, { exact: true }).waitFor(WAIT);
  await dialog.getByText(/home desktop/).first().waitFor();
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
  await dialog.waitFor({ state: 'detached', ...WAIT });
  await row.waitFor({ state: 'detached', ...WAIT });
  assert.equal(userKeys(await sandbox(page)).some((k) => k.title === 'home desktop'), false);
  await page.getByText('1 key', { exact: true }).waitFor();
  await context.close();
});

test('double-clicking Add key creates the key once', async () => {
  const key = makeKey('ed25519', null, 'double');
  const { page, context } = await openPage('/user/keys');
  await waitForList(page);
  await page.getByLabel('Title', { exact: true }).fill('double click');
  await page.getByLabel('Key', { exact: true }).fill(key.publicLine);
  await form(page).getByText(key.sha256, { exact: true }).waitFor(WAIT);
  await page.getByRole('button', { name: 'Add key', exact: true }).dblclick();
  await list(page).getByRole('listitem', { name: 'double click' }).waitFor(WAIT);
  // Give a second request time to land, if one was (wrongly) sent.
  await page.waitForTimeout(600);
  const stored = userKeys(await sandbox(page)).filter((k) => k.fingerprint === key.sha256);
  assert.equal(stored.length, 1);
  assert.equal(await list(page).getByRole('listitem', { name: 'double click' }).count(), 1);
  await form(page).getByRole('alert').waitFor({ state: 'detached' });
  await context.close();
});

test('public keys of octocat are listed with fingerprints; a bad name sends nothing', async () => {
  const { page, context } = await openPage('/user/keys');
  await waitForList(page);
  const keys = userKeys(await sandbox(page));
  await page.getByLabel('Username').fill('octocat');
  await page.getByRole('button', { name: 'Look up', exact: true }).click();
  const found = page.getByRole('list', { name: 'Public keys of octocat' });
  for (const key of keys) {
    await found.getByText(sshKeygenFingerprint(key.key), { exact: true }).waitFor(WAIT);
  }
  assert.equal(await found.getByRole('listitem').count(), keys.length);

  await page.getByLabel('Username').fill('nobody-here');
  await page.getByRole('button', { name: 'Look up', exact: true }).click();
  await page.getByText('No GitHub user has this login.').waitFor(WAIT);
  await page.getByLabel('Username').fill('not/a name');
  await page.getByRole('button', { name: 'Look up', exact: true }).click();
  await page.getByText(/cannot be a GitHub username/).waitFor(WAIT);
  await context.close();
});
