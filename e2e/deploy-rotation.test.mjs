// End-to-end: rotating a GitHub deploy key on /repos/:owner/:repo/keys
// (add the new key, watch both keys' last use, delete the old one), over
// real HTTP against keyward-emulator (its control API marks the new key
// used) and on the Sandbox. The harness audits every request: no private
// key leaves the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { root } from './processes.mjs';
import { usePages } from './harness.mjs';
import { makeKey } from './keygen.mjs';
import { PRIVATE_MARKERS } from './audit.mjs';
import { sandboxState } from './sandbox.mjs';
import { axeViolations } from './checks.mjs';

const WAIT = { timeout: 15_000 };
const REPO = '/repos/octocat/hello-world/keys';
const KEYS_API = '/github/repos/octocat/hello-world/keys';
const OLD = 'ci read-only';
const openPage = usePages();

const list = (page) => page.getByRole('list', { name: 'Deploy keys' });
const panel = (page) => page.getByRole('region', { name: `Rotate “${OLD}”` });
const card = (page, name) => panel(page).getByRole('region', { name, exact: true });

const openGitHub = (path) =>
  openPage.withConnection(path, 'GitHub', { url: `${openPage.emulator().url}/github` });

/// Opens the rotation of the seeded key and checks step 1's defaults.
/// `fingerprint`: the old key's, so the row clicked is the chosen
/// connection's (the Sandbox's list shows until the emulator's loads).
async function startRotation(page, fingerprint) {
  const row = list(page).getByRole('listitem', { name: OLD });
  if (fingerprint) await row.getByText(fingerprint, { exact: true }).waitFor(WAIT);
  await row.getByRole('button', { name: 'Rotate', exact: true }).click(WAIT);
  await panel(page).getByRole('heading', { name: 'Step 1 of 3: New key' }).waitFor(WAIT);
  // Keyboard users land on the panel's heading.
  await page.waitForFunction(() => document.activeElement?.id === 'rotation-heading', null, WAIT);
  assert.equal(await panel(page).getByLabel('Title', { exact: true }).inputValue(), `${OLD} (rotated)`);
  assert.equal(await panel(page).getByLabel('Allow write access').isChecked(), false, 'read-only kept');
}

async function addNewKey(page, key) {
  await panel(page).getByLabel('New public key', { exact: true }).fill(key.publicLine);
  await panel(page).getByText(key.sha256, { exact: true }).first().waitFor(WAIT);
  await panel(page).getByRole('button', { name: 'Add new key', exact: true }).click();
  await panel(page).getByRole('heading', { name: 'Step 2 of 3: Switch your machines' }).waitFor(WAIT);
}

/// The SHA256 fingerprint of a key line GitHub returned, by ssh-keygen.
function fingerprintOf(record) {
  return execFileSync('ssh-keygen', ['-l', '-f', '-'], { input: record.key, encoding: 'utf8' }).split(' ')[1];
}

function assertNoPrivateKeySent(audit) {
  for (const { method, url, body } of audit.requests) {
    for (const marker of PRIVATE_MARKERS) assert.ok(!body.includes(marker), `private key in ${method} ${url}`);
  }
}

// First: the emulator's seeded key is still there (the next test deletes it).
test('deploy key rotation: the old key or a private key is refused and nothing is POSTed; Cancel changes nothing', async () => {
  const key = makeKey('ed25519', null, 'secret@ci');
  const { page, context, emulator, audit } = await openGitHub(REPO);
  const old = (await emulator.api('GET', KEYS_API)).find((k) => k.title === OLD);
  await startRotation(page, fingerprintOf(old));
  const posts = await emulator.count('POST', KEYS_API);
  const box = panel(page).getByLabel('New public key', { exact: true });
  await box.fill(old.key);
  await panel(page).getByText(`This is the old key, “${OLD}”`).waitFor(WAIT);
  await box.fill(key.privateText);
  await panel(page).getByText('Private key: not sent').waitFor(WAIT);
  await panel(page).getByRole('button', { name: 'Add new key', exact: true }).click();
  await panel(page).getByRole('alert').filter({ hasText: 'Nothing was sent. This is a private key.' }).waitFor(WAIT);
  assert.equal(await emulator.count('POST', KEYS_API), posts, 'nothing reached GitHub');
  assert.equal(audit.requests.filter((r) => r.method === 'POST').length, 0, 'the page sent no POST');
  await panel(page).getByRole('button', { name: 'Cancel rotation' }).click();
  await panel(page).waitFor({ state: 'detached', ...WAIT });
  await page.getByText('Rotation cancelled. Nothing was changed.').waitFor({ state: 'attached', ...WAIT });
  assertNoPrivateKeySent(audit);
  await context.close();
});

test('deploy key rotation over HTTP: the new key is added read-only, its use is seen on Refresh, the old key is deleted', async () => {
  const key = makeKey('ed25519', null, 'rotated@ci');
  const { page, context, emulator, audit, errors } = await openGitHub(REPO);
  const old = (await emulator.api('GET', KEYS_API)).find((k) => k.title === OLD);
  await startRotation(page, fingerprintOf(old));
  const posts = await emulator.count('POST', KEYS_API);
  await addNewKey(page, key);
  assert.equal(await emulator.count('POST', KEYS_API), posts + 1, 'one POST');
  const added = (await emulator.api('GET', KEYS_API)).find((k) => k.title === `${OLD} (rotated)`);
  assert.equal(added.read_only, true);

  // Side by side with the engine's fingerprints; neither used yet.
  await card(page, 'New key').getByText(key.sha256, { exact: true }).waitFor(WAIT);
  await card(page, 'Old key').getByText('Never used').waitFor();
  await card(page, 'New key').getByText('Never used').waitFor();
  await panel(page).getByRole('status').getByText(/The new key is still unused/).waitFor();
  await panel(page).getByText('the new key stays; the old key is not deleted').waitFor();

  // A machine uses the new key; Refresh reads both keys again.
  await emulator.api('POST', `/_emulator/github/keys/${added.id}/use`);
  await panel(page).getByRole('button', { name: 'Refresh', exact: true }).click();
  await card(page, 'New key').getByText('Used just now').waitFor(WAIT);
  const exact = await card(page, 'New key').locator('time').getAttribute('title');
  assert.match(exact, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/);
  await card(page, 'Old key').getByText('Never used').waitFor();
  await panel(page).getByText(/the switch happened/).waitFor();
  assert.ok(await emulator.count('GET', `${KEYS_API}/${added.id}`) >= 1, 'the key was read again');

  await panel(page).getByRole('button', { name: 'Delete the old key…' }).click();
  const dialog = page.getByRole('dialog', { name: `Delete the old key “${OLD}”?` });
  await dialog.getByText(/lose access to the repository/).waitFor(WAIT);
  assert.equal(await dialog.getByText(/has not been used yet/).count(), 0, 'no warning once used');
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
  await panel(page).getByText(`Done. “${OLD} (rotated)” replaces “${OLD}”, which is deleted.`).waitFor(WAIT);
  await list(page).getByRole('listitem', { name: OLD, exact: true }).waitFor({ state: 'detached', ...WAIT });
  assert.deepEqual((await emulator.api('GET', KEYS_API)).map((k) => k.title), [`${OLD} (rotated)`]);
  assert.equal(await emulator.count('DELETE', `${KEYS_API}/${old.id}`), 1, 'the old key, once');
  assert.equal(await list(page).getByRole('listitem').count(), 1);
  assertNoPrivateKeySent(audit);
  assert.deepEqual(errors, []);
  await context.close();
});

test('deploy key rotation on the Sandbox: deleting while the new key is unused is warned, then done', async () => {
  const key = makeKey('ed25519', null, 'sandbox@ci');
  const { page, context, errors } = await openPage(REPO);
  await startRotation(page);
  assert.deepEqual(await axeViolations(page), [], 'step 1 open');
  await addNewKey(page, key);
  assert.deepEqual(await axeViolations(page), [], 'steps 2 and 3 open');
  await panel(page).screenshot({ path: resolve(root, 'target', 'e2e-screens', 'deploy-rotation.png') });
  await panel(page).getByRole('button', { name: 'Delete the old key…' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByText(/The new key has not been used yet/).waitFor(WAIT);
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
  await panel(page).getByText(/^Done\./).waitFor(WAIT);
  const keys = (await sandboxState(page)).github.repos.find((r) => r.name === 'hello-world').deploy_keys;
  assert.deepEqual(keys.map((k) => [k.title, k.fingerprint, k.read_only]), [[`${OLD} (rotated)`, key.sha256, true]]);
  await panel(page).getByRole('button', { name: 'Close', exact: true }).click();
  await panel(page).waitFor({ state: 'detached', ...WAIT });
  assert.deepEqual(errors, []);
  await context.close();
});
