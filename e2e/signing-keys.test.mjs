// End-to-end: SSH signing keys on /user/keys against the Sandbox (its
// service worker): the seeded signing key listed, "Key use: Both" adding
// to both lists once, a partial result explained, and a delete.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { usePages } from './harness.mjs';
import { makeKey } from './keygen.mjs';
import { sandboxState as sandbox } from './sandbox.mjs';

const WAIT = { timeout: 15_000 };
const openPage = usePages();

const octocat = (state) => state.github.users.find((u) => u.login === 'octocat');
const authList = (page) => page.getByRole('list', { name: 'Your SSH keys' });
const signingList = (page) => page.getByRole('list', { name: 'Your signing keys' });
const form = (page) => page.getByRole('form', { name: 'Add an SSH key' });

/// Fills the add form with `key` as `use` ("Both", "Signing key"…).
async function fill(page, key, title, use) {
  await form(page).getByLabel('Title', { exact: true }).fill(title);
  await form(page).getByLabel('Key', { exact: true }).fill(key.publicLine);
  await form(page).getByText(key.sha256, { exact: true }).waitFor(WAIT);
  await form(page).getByRole('group', { name: 'Key use' }).getByLabel(use, { exact: true }).check();
}

const stored = (keys, key) => keys.filter((k) => k.fingerprint === key.sha256).length;

test('signing keys: the seeded one is listed; Both adds to both lists once; a partial result says which failed and why', async () => {
  const { page, context, errors } = await openPage('/user/keys');
  const seeded = octocat(await waitForSeed(page)).signing_keys;
  assert.ok(seeded.length >= 1, 'the Sandbox seeds a signing key');
  for (const key of seeded) {
    const row = signingList(page).getByRole('listitem', { name: key.title });
    await row.getByText(key.fingerprint, { exact: true }).waitFor(WAIT);
    // GitHub records no last use of a signing key: none is claimed.
    assert.equal(await row.getByText(/Last used|No use recorded/).count(), 0);
  }
  assert.equal(
    await form(page).getByRole('group', { name: 'Key use' }).getByLabel('Authentication key').isChecked(),
    true,
    'Authentication key by default',
  );

  // Both, double-clicked: one key in each list, one request each.
  const both = makeKey('ed25519', null, 'both@keyward');
  await fill(page, both, 'laptop both', 'Both');
  await form(page).getByRole('button', { name: 'Add key', exact: true }).dblclick();
  await form(page).getByRole('status').filter({ hasText: 'Added as an authentication key and as a signing key.' })
    .waitFor(WAIT);
  await authList(page).getByRole('listitem', { name: 'laptop both' }).getByText(both.sha256).waitFor(WAIT);
  await signingList(page).getByRole('listitem', { name: 'laptop both' }).getByText(both.sha256).waitFor(WAIT);
  let state = octocat(await sandbox(page));
  assert.equal(stored(state.keys, both), 1);
  assert.equal(stored(state.signing_keys, both), 1);
  assert.equal(await page.getByLabel('Key', { exact: true }).inputValue(), '', 'the form is cleared');

  // A key already a signing key, added as Both: the authentication key is
  // added, the signing key refused, and the result says exactly that.
  const signer = makeKey('ed25519', null, 'signer@keyward');
  await fill(page, signer, 'signer', 'Signing key');
  await form(page).getByRole('button', { name: 'Add key', exact: true }).click();
  await signingList(page).getByRole('listitem', { name: 'signer' }).waitFor(WAIT);
  await fill(page, signer, 'signer again', 'Both');
  await form(page).getByRole('button', { name: 'Add key', exact: true }).click();
  await form(page).getByRole('alert')
    .filter({ hasText: 'Added as an authentication key. Not added as a signing key: key is already in use.' })
    .waitFor(WAIT);
  await authList(page).getByRole('listitem', { name: 'signer again' }).waitFor(WAIT);
  assert.equal(await signingList(page).getByRole('listitem', { name: 'signer again' }).count(), 0);
  state = octocat(await sandbox(page));
  assert.equal(stored(state.keys, signer), 1);
  assert.equal(stored(state.signing_keys, signer), 1);
  // The text stays, to try again as something else.
  assert.equal(await form(page).getByLabel('Key', { exact: true }).inputValue(), signer.publicLine);
  assert.deepEqual(errors, []);
  await context.close();
});

test('signing keys: looked up as public keys; Delete asks in a dialog naming the key, then removes only the signing key', async () => {
  const { page, context } = await openPage('/user/keys');
  const [seeded] = octocat(await waitForSeed(page)).signing_keys;
  // Anyone's public signing keys are looked up with their public keys.
  await page.getByLabel('Username').fill('octocat');
  await page.getByRole('button', { name: 'Look up', exact: true }).click();
  await page.getByRole('list', { name: 'Signing keys of octocat' })
    .getByText(seeded.fingerprint, { exact: true }).waitFor(WAIT);

  const row = signingList(page).getByRole('listitem', { name: seeded.title });
  await row.getByRole('button', { name: 'Delete', exact: true }).click(WAIT);
  const dialog = page.getByRole('dialog', { name: `Delete the signing key “${seeded.title}”?` });
  await dialog.getByText(seeded.fingerprint, { exact: true }).waitFor(WAIT);
  await dialog.getByText(/no longer show as Verified/).waitFor();
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
  await dialog.waitFor({ state: 'detached', ...WAIT });
  await row.waitFor({ state: 'detached', ...WAIT });
  const state = octocat(await sandbox(page));
  assert.equal(state.signing_keys.some((k) => k.id === seeded.id), false);
  // An authentication key with the same key text stays where it was.
  const before = state.keys.filter((k) => k.fingerprint === seeded.fingerprint);
  for (const key of before) await authList(page).getByRole('listitem', { name: key.title }).waitFor(WAIT);
  await context.close();
});

/// The Sandbox's state once both lists have loaded.
async function waitForSeed(page) {
  await authList(page).getByRole('listitem').first().waitFor(WAIT);
  await signingList(page).getByRole('listitem').first().waitFor(WAIT);
  return sandbox(page);
}
