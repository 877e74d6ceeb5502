// End-to-end: "Set up module access" for modules in several repositories.
// GitHub takes a public key once, so one deploy key cannot serve two
// repositories; the flow puts the public half on a machine user's account
// instead (its own token), and the TFE rotation replaces that key too. On
// the Sandbox (set up, then rotate), and over real HTTP against
// keyward-emulator (a record naming another account is refused before
// anything is sent to GitHub).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { usePages, addConnection, useConnection } from './harness.mjs';
import { PRIVATE_MARKERS } from './audit.mjs';
import { sandboxState } from './sandbox.mjs';
import { root } from './processes.mjs';
import { axeViolations, sshKeygenFingerprint } from './checks.mjs';

const WAIT = { timeout: 20_000 };
const GENERATE = { timeout: 120_000 };
const RECORDS = 'keyward.uploaded-tfe-keys';
const PROGRESS = 'keyward.tfe-rotation';
const NAME = 'modules bot';
const openPage = usePages();

const section = (page) => page.getByRole('region', { name: 'HCP Terraform / TFE SSH keys' });
const keyRow = (page, name) =>
  section(page).getByRole('list', { name: 'Terraform SSH keys' }).getByRole('listitem').filter({ hasText: name });
const panel = (page, name) => page.getByRole('region', { name: `Rotate “${name}”` });
const step = (page, name, n) => panel(page, name).getByRole('listitem', { name: `Step ${n}`, exact: true });
const local = (page, key) => page.evaluate((k) => JSON.parse(localStorage.getItem(k) ?? 'null'), key);

async function rotationStep(page, name, n, status) {
  await panel(page, name).locator(`li[aria-label="Step ${n}"][data-status="${status}"]`).waitFor(GENERATE);
}

async function proceed(page, name, n) {
  await step(page, name, n).getByRole('button', { name: 'Continue', exact: true }).click();
  await rotationStep(page, name, n, 'done');
}

function privateKeyCarriers(audit) {
  return audit.requests.filter((r) => PRIVATE_MARKERS.some((m) => (r.body ?? '').includes(m)));
}

test("Sandbox: an Ed25519 key on the machine user's account (confirmed first), then rotated: the new key replaces it there", async () => {
  const { page, audit, errors } = await openPage('/orgs/acme/keys');
  await section(page).getByRole('button', { name: 'Set up module access' }).click();
  const form = page.getByRole('form', { name: 'Set up module access' });
  await form.getByLabel('Key name').fill(NAME);
  await form.getByLabel('Key type').selectOption('ed25519');
  await form.getByRole('group', { name: 'Where the public half goes' }).getByLabel(/An SSH key of a machine user/).check();
  const facts = form.locator('.machine-user');
  await facts.getByText('@octocat', { exact: true }).first().waitFor(WAIT);
  await facts.getByText(/^@octocat reaches \d+ repositor/).waitFor(WAIT);
  await facts.getByRole('alert').filter({ hasText: '@octocat is an admin of' }).waitFor(WAIT);
  assert.deepEqual(await axeViolations(page), [], 'the form with the machine user chosen');
  await form.screenshot({ path: resolve(root, 'target', 'e2e-screens', 'machine-user.png') });

  // Nothing starts before the user says the account is a read-only machine user.
  await form.getByRole('button', { name: 'Create and connect' }).click();
  await form.getByRole('alert').filter({ hasText: 'Confirm that the account is a machine user' }).waitFor(WAIT);
  assert.equal(await form.getByRole('list', { name: 'Steps' }).count(), 0, 'nothing started');
  await facts.getByLabel('@octocat is a machine user that may only read the module repositories').check();
  await form.getByRole('button', { name: 'Create and connect' }).click();
  const steps = form.getByRole('list', { name: 'Steps' });
  await steps.locator('li[data-status="done"]').filter({ hasText: '4. Record' }).getByText('and the key of @octocat').waitFor(GENERATE);
  const line = steps.locator('li[data-status="done"]').filter({ hasText: '@octocat' });
  await line.getByText(/SSH key of the machine user \d+/).waitFor(WAIT);

  const record = (await local(page, RECORDS)).find((r) => r.name === NAME);
  assert.equal(record.fingerprint, sshKeygenFingerprint(record.public_key), 'the record is ssh-keygen -l of the public half');
  const octocat = () => sandboxState(page).then((s) => s.github.users.find((u) => u.login === 'octocat'));
  const onAccount = (await octocat()).keys.find((k) => k.fingerprint === record.fingerprint);
  assert.ok(onAccount, "the public half is one of octocat's SSH keys");
  assert.deepEqual(record.deploy_keys.map((d) => [d.repository, d.key_id]), [['@octocat', onAccount.id]]);
  assert.equal(privateKeyCarriers(audit).length, 1, 'only the Terraform request carried the private key');

  // Rotate it: step 3 goes to the same account, step 5 deletes the old key there.
  await page.reload();
  await keyRow(page, NAME).getByRole('button', { name: 'Rotate', exact: true }).click();
  await step(page, NAME, 1).getByText('Type: Ed25519 (as the old key)').waitFor(WAIT);
  await proceed(page, NAME, 1);
  await proceed(page, NAME, 2);
  const saved = await local(page, PROGRESS);
  await proceed(page, NAME, 3);
  await step(page, NAME, 3).getByText(/@octocat: SSH key of the machine user \d+/).waitFor(WAIT);
  await proceed(page, NAME, 4);
  await step(page, NAME, 5).getByRole('button', { name: 'Delete old deploy keys…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete the old deploy keys?' });
  await dialog.getByText(`@octocat (key ${onAccount.id})`).waitFor(WAIT);
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
  await rotationStep(page, NAME, 5, 'done');
  await step(page, NAME, 6).getByRole('button', { name: 'Delete old key…' }).click();
  await page.getByRole('dialog', { name: `Delete SSH key “${NAME}”?` }).getByRole('button', { name: 'Delete', exact: true }).click();
  await panel(page, NAME).getByText(`Rotation done: “${NAME}” is deleted`).waitFor(WAIT);

  const keys = (await octocat()).keys;
  assert.ok(!keys.some((k) => k.id === onAccount.id), 'the old key is gone from the account');
  const fresh = keys.find((k) => k.fingerprint === saved.new_key.fingerprint);
  assert.ok(fresh, 'the new public half is on the account');
  const rotated = (await local(page, RECORDS)).find((r) => r.tfe_key_id === saved.new_key.id);
  assert.deepEqual(rotated.deploy_keys.map((d) => [d.repository, d.key_id]), [['@octocat', fresh.id]]);
  assert.equal(privateKeyCarriers(audit).length, 2, 'two pairs, each private half only to Terraform');
  for (const r of privateKeyCarriers(audit)) assert.match(r.url, /organizations\/acme\/ssh-keys$/);
  assert.deepEqual(errors, []);
});

test("over HTTP: a record naming another machine user is refused before GitHub gets a key; the account's own token is asked", async () => {
  const { page, emulator, label } = await openPage.withConnection('/orgs/acme/keys', 'HCP Terraform');
  const origin = openPage.origin();
  await addConnection(page, origin, { provider: 'GitHub', url: `${emulator.url}/github`, token: emulator.token, name: 'Emulated GitHub' });
  const oldKey = (await emulator.api('GET', '/tfe/api/v2/organizations/acme/ssh-keys')).data.find((k) => k.attributes.name === 'deploy-key');
  const apis = await page.evaluate(() => JSON.parse(sessionStorage.getItem('keyward.connections')).map((c) => [c.label, c.api_url]));
  const api = (name) => apis.find(([l]) => l === name)[1].replace(/\/+$/, '');
  await page.evaluate(([k, v]) => localStorage.setItem(k, JSON.stringify(v)), [RECORDS, [{
    fingerprint: 'SHA256:old', key_type: 'ssh-ed25519', bits: 256, public_key: 'ssh-ed25519 AAAA old',
    organization: 'acme', tfe_key_id: oldKey.id, name: 'deploy-key', api_origin: api('Emulated HCP Terraform'), recorded_at: '',
    deploy_keys: [{ repository: '@modules-bot', key_id: 4242, github_api: api('Emulated GitHub') }],
  }]]);
  await useConnection(page, origin, '/orgs/acme/keys', label);
  await keyRow(page, 'deploy-key').getByRole('button', { name: 'Rotate', exact: true }).click();
  await proceed(page, 'deploy-key', 1);
  await proceed(page, 'deploy-key', 2);
  await emulator.clearLog();
  await step(page, 'deploy-key', 3).getByRole('button', { name: 'Continue', exact: true }).click();
  await step(page, 'deploy-key', 3).getByText(/@modules-bot: this key belongs to machine user @modules-bot, but the GitHub connection “Emulated GitHub” is @octocat/).waitFor(WAIT);
  const log = await emulator.log();
  assert.deepEqual(log.filter((e) => !['GET', 'OPTIONS'].includes(e.method)).map((e) => `${e.method} ${e.path}`), [], 'nothing sent to GitHub but the question (and its CORS preflight)');
  assert.ok(log.some((e) => e.method === 'GET' && e.path === '/github/user'), "GitHub was asked whose token it is");
  const progress = await local(page, PROGRESS);
  assert.equal(progress.repositories[0].key_id, null, 'step 3 is not done');
});

test("over HTTP: the machine user's key answers 500, Retry failed adds it once; the Terraform key is made once", async () => {
  const { page, emulator, errors } = await openPage.withConnection('/orgs/acme/keys', 'HCP Terraform');
  const label = await addConnection(page, openPage.origin(), { provider: 'GitHub', url: `${emulator.url}/github`, token: emulator.token, name: 'Emulated GitHub' });
  await page.goto(`${openPage.origin()}/orgs/acme/keys`);
  await section(page).getByRole('button', { name: 'Set up module access' }).click();
  const form = page.getByRole('form', { name: 'Set up module access' });
  await form.getByLabel('GitHub connection').selectOption({ label });
  await form.getByLabel('Key name').fill('modules bot http');
  await form.getByLabel('Key type').selectOption('ed25519');
  await form.getByLabel(/An SSH key of a machine user/).check();
  await form.getByLabel('@octocat is a machine user that may only read the module repositories').check(WAIT);
  await emulator.fault({ method: 'POST', path: '/github/user/keys', fault: 'status=500' });
  await emulator.clearLog();
  await form.getByRole('button', { name: 'Create and connect' }).click();
  await form.getByRole('button', { name: 'Retry failed' }).waitFor(GENERATE);
  const steps = form.getByRole('list', { name: 'Steps' });
  await steps.locator('li[data-status="failed"]').filter({ hasText: '@octocat' }).getByText('HTTP 500').waitFor(WAIT);
  await form.getByRole('alert').filter({ hasText: 'The machine user did not get the key' }).waitFor(WAIT);
  await form.getByRole('button', { name: 'Retry failed' }).click();
  await steps.locator('li[data-status="done"]').filter({ hasText: /^@octocat — done: SSH key of the machine user \d+$/ }).waitFor(WAIT);
  await steps.getByText('and the key of @octocat').waitFor(WAIT);

  const log = await emulator.log();
  const posts = (path) => log.filter((e) => e.method === 'POST' && e.path === path).map((e) => Number(e.status));
  assert.deepEqual(posts('/github/user/keys'), [500, 201], 'one failure, then exactly one key');
  assert.deepEqual(posts('/tfe/api/v2/organizations/acme/ssh-keys'), [201], 'one Terraform key');
  const record = (await local(page, RECORDS)).find((r) => r.name === 'modules bot http');
  const onAccount = (await emulator.api('GET', '/github/user/keys')).find((k) => k.title === 'modules bot http');
  assert.equal(sshKeygenFingerprint(onAccount.key), record.fingerprint, 'the account holds the recorded key');
  assert.deepEqual(record.deploy_keys, [{ repository: '@octocat', key_id: onAccount.id, github_api: `${emulator.url}/github` }]);
  assert.deepEqual(errors.filter((e) => !/status of 500/.test(e)), []);
});

test('Sandbox: a rotation with no record can send the new public half to the machine user (confirmed first)', async () => {
  const { page, errors } = await openPage('/orgs/acme/keys');
  const OLD = 'deploy-key';
  await keyRow(page, OLD).getByRole('button', { name: 'Rotate', exact: true }).click();
  await step(page, OLD, 1).getByLabel('Key type').selectOption('ed25519');
  await proceed(page, OLD, 1);
  await proceed(page, OLD, 2);
  const three = step(page, OLD, 3);
  await three.getByRole('group', { name: 'Where the public half goes' }).getByLabel(/An SSH key of a machine user/).check();
  await three.getByText(/^@octocat reaches \d+ repositor/).waitFor(WAIT);
  await three.getByRole('button', { name: 'Continue', exact: true }).click();
  await three.getByRole('alert').filter({ hasText: 'Confirm that the account is a machine user' }).waitFor(WAIT);
  assert.equal((await local(page, PROGRESS)).repositories, null, 'nothing chosen, nothing sent');
  await three.getByLabel('@octocat is a machine user that may only read the module repositories').check();
  await proceed(page, OLD, 3);
  await three.getByText(/@octocat: SSH key of the machine user \d+/).waitFor(WAIT);
  const saved = await local(page, PROGRESS);
  assert.equal(saved.repositories[0].repository, '@octocat');
  const octocat = (await sandboxState(page)).github.users.find((u) => u.login === 'octocat');
  const added = octocat.keys.find((k) => k.fingerprint === saved.new_key.fingerprint);
  assert.equal(added?.id, saved.repositories[0].key_id, "the new public half is octocat's key");
  assert.deepEqual(errors, []);
});
