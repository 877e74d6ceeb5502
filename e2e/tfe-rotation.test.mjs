// End-to-end: the guided rotation of a TFE organization SSH key (issue 11
// §3) on the Organization keys page — a new Ed25519 pair, the new TFE key,
// its public half as a read-only deploy key, every workspace moved, the old
// deploy keys and the old TFE key deleted behind confirm dialogs — on the
// Sandbox (no record: a repository picked) and over real HTTP against
// keyward-emulator (a recorded key; a 500 on one workspace's PATCH, a
// reload, Resume, retry). The harness audits every request: the private key
// goes only to Terraform's SSH-key endpoint.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { usePages, addConnection, useConnection } from './harness.mjs';
import { PRIVATE_MARKERS } from './audit.mjs';
import { sandboxState } from './sandbox.mjs';
import { root } from './processes.mjs';
import { axeViolations } from './checks.mjs';

const WAIT = { timeout: 20_000 };
const OLD = 'deploy-key';
const PROGRESS = 'keyward.tfe-rotation';
const RECORDS = 'keyward.uploaded-tfe-keys';
const openPage = usePages();

const section = (page) => page.getByRole('region', { name: 'HCP Terraform / TFE SSH keys' });
const keyRow = (page, name) =>
  section(page).getByRole('list', { name: 'Terraform SSH keys' }).getByRole('listitem').filter({ hasText: name });
const panel = (page) => page.getByRole('region', { name: `Rotate “${OLD}”` });
const step = (page, n) => panel(page).getByRole('listitem', { name: `Step ${n}`, exact: true });
const local = (page, key) => page.evaluate((k) => JSON.parse(localStorage.getItem(k) ?? 'null'), key);

async function waitStatus(page, n, status) {
  await panel(page).locator(`li[aria-label="Step ${n}"][data-status="${status}"]`).waitFor(WAIT);
}

async function proceed(page, n) {
  await step(page, n).getByRole('button', { name: 'Continue', exact: true }).click();
  await waitStatus(page, n, 'done');
}

/// Steps 1 and 2: a new pair, then the new TFE key; returns its progress.
async function newKey(page) {
  await proceed(page, 1);
  assert.equal(JSON.stringify(await local(page, PROGRESS)).includes('PRIVATE'), false, 'no private key kept');
  await proceed(page, 2);
  const saved = await local(page, PROGRESS);
  assert.match(saved.new_key.id, /^sshkey-/);
  assert.match(saved.new_key.name, new RegExp(`^${OLD} \\(rotated \\d{4}-\\d{2}-\\d{2}\\)$`));
  assert.match(saved.new_key.fingerprint, /^SHA256:/);
  return saved;
}

/// Step 6 behind its dialog: nothing is deleted before the confirm click.
async function deleteOldKey(page, audit) {
  await step(page, 6).getByRole('button', { name: 'Delete old key…' }).click();
  const dialog = page.getByRole('dialog', { name: `Delete SSH key “${OLD}”?` });
  await dialog.waitFor(WAIT);
  assert.equal(audit.requests.filter((r) => r.method === 'DELETE' && r.url.includes('/ssh-keys/')).length, 0);
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
  await panel(page).getByText(`Rotation done: “${OLD}” is deleted`).waitFor(WAIT);
  assert.equal(await local(page, PROGRESS), null, 'the progress is cleared');
}

/// Only the TFE key creation carried a private key.
function assertPrivateKeyOnlyToTerraform(audit) {
  const carrying = audit.requests.filter((r) => PRIVATE_MARKERS.some((m) => (r.body ?? '').includes(m)));
  assert.equal(carrying.length, 1, carrying.map((r) => `${r.method} ${r.url}`).join(', '));
  assert.equal(carrying[0].method, 'POST');
  assert.match(carrying[0].url, /organizations\/acme\/ssh-keys$/);
}

test('Sandbox: a seeded key used by two workspaces is rotated step by step (repository picked, no record)', async () => {
  const { page, audit, errors } = await openPage('/orgs/acme/keys');
  await keyRow(page, OLD).getByRole('button', { name: 'Rotate', exact: true }).click();
  await panel(page).waitFor(WAIT);
  await waitStatus(page, 1, 'to do');
  await step(page, 1).getByLabel('Key type').selectOption('ed25519');
  const saved = await newKey(page);
  // No record: the repository is picked from discovery.
  await step(page, 3).getByLabel('sandbox-org/deploy-tools').check();
  await proceed(page, 3);
  await proceed(page, 4);
  const lines = step(page, 4).getByRole('list', { name: 'Workspaces' });
  for (const name of ['networking', 'app-production']) await lines.getByText(new RegExp(`^${name} .* moved$`)).waitFor(WAIT);
  assert.equal(await lines.getByRole('listitem').count(), 2, 'scratch uses no key');
  assert.deepEqual(await axeViolations(page), [], 'the open rotation panel');
  await panel(page).screenshot({ path: resolve(root, 'target', 'e2e-screens', 'tfe-rotation.png') });
  await step(page, 5).getByText('No old deploy key is known').waitFor(WAIT);
  await step(page, 5).getByRole('button', { name: 'Skip', exact: true }).click();
  await waitStatus(page, 5, 'done');
  await deleteOldKey(page, audit);

  const acme = (await sandboxState(page)).tfe.organizations.find((o) => o.name === 'acme');
  assert.ok(!acme.ssh_keys.some((k) => k.name === OLD), 'the old key is gone');
  const moved = acme.workspaces.filter((w) => ['networking', 'app-production'].includes(w.name));
  assert.deepEqual(moved.map((w) => w.ssh_key_id), [saved.new_key.id, saved.new_key.id]);
  const record = (await local(page, RECORDS)).find((r) => r.tfe_key_id === saved.new_key.id);
  assert.equal(record.fingerprint, saved.new_key.fingerprint);
  assert.equal(record.deploy_keys[0].repository, 'sandbox-org/deploy-tools');
  await keyRow(page, saved.new_key.name).waitFor(WAIT);
  assertPrivateKeyOnlyToTerraform(audit);
  assert.deepEqual(errors, []);
});

test('emulator over HTTP: a 500 on one workspace PATCH, a reload, Resume, retry; old deploy key and TFE key deleted once', async () => {
  const { page, audit, emulator, label } = await openPage.withConnection('/orgs/acme/keys', 'HCP Terraform');
  const origin = openPage.origin();
  await addConnection(page, origin, { provider: 'GitHub', url: `${emulator.url}/github`, token: emulator.token, name: 'Emulated GitHub' });
  // The old key as "Set up module access" would have recorded it.
  const oldKey = (await emulator.api('GET', '/tfe/api/v2/organizations/acme/ssh-keys')).data.find((k) => k.attributes.name === OLD);
  const deployKeys = '/github/repos/octocat/hello-world/keys';
  const oldDeploy = (await emulator.api('GET', deployKeys))[0];
  const apis = await page.evaluate(() => JSON.parse(sessionStorage.getItem('keyward.connections')).map((c) => [c.label, c.api_url]));
  const api = (name) => apis.find(([l]) => l === name)[1].replace(/\/+$/, '');
  await page.evaluate(([k, v]) => localStorage.setItem(k, JSON.stringify(v)), [RECORDS, [{
    fingerprint: 'SHA256:old', key_type: 'ssh-ed25519', bits: 256, public_key: oldDeploy.key,
    organization: 'acme', tfe_key_id: oldKey.id, name: OLD, api_origin: api('Emulated HCP Terraform'), recorded_at: '',
    deploy_keys: [{ repository: 'octocat/hello-world', key_id: oldDeploy.id, github_api: api('Emulated GitHub') }],
  }]]);
  await useConnection(page, origin, '/orgs/acme/keys', label);
  await keyRow(page, OLD).getByRole('button', { name: 'Rotate', exact: true }).click();
  await step(page, 1).getByText('Type: Ed25519 (as the old key)').waitFor(WAIT);
  const saved = await newKey(page);
  await proceed(page, 3);
  const added = (await emulator.api('GET', deployKeys)).find((k) => k.title === saved.new_key.name);
  assert.equal(added?.read_only, true, 'the new deploy key is read-only');

  const workspaces = (await emulator.api('GET', '/tfe/api/v2/organizations/acme/workspaces')).data
    .filter((w) => w.relationships['ssh-key'].data?.id === oldKey.id);
  assert.equal(workspaces.length, 2);
  const patch = (w) => `/tfe/api/v2/workspaces/${w.id}/relationships/ssh-key`;
  await emulator.fault({ path: patch(workspaces[1]), method: 'PATCH', fault: 'status=500' });
  await step(page, 4).getByRole('button', { name: 'Continue', exact: true }).click();
  await waitStatus(page, 4, 'failed');
  await step(page, 4).getByText(/failed: HTTP 500/).waitFor(WAIT);
  await step(page, 4).getByText('1 workspace could not be moved').waitFor(WAIT);

  await page.reload();
  await section(page).getByText(`A rotation of “${OLD}” is in progress.`).waitFor(WAIT);
  await section(page).getByRole('button', { name: 'Resume', exact: true }).click();
  await step(page, 4).getByText(/ moved$/).waitFor(WAIT);
  await proceed(page, 4);

  await step(page, 5).getByRole('button', { name: 'Delete old deploy keys…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete the old deploy keys?' });
  await dialog.getByText(`octocat/hello-world (key ${oldDeploy.id})`).waitFor(WAIT);
  assert.equal(audit.requests.filter((r) => r.method === 'DELETE').length, 0, 'nothing deleted before the confirm');
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
  await waitStatus(page, 5, 'done');
  await deleteOldKey(page, audit);

  const log = await emulator.log();
  for (const w of workspaces) {
    assert.equal(log.filter((e) => e.method === 'PATCH' && e.path === patch(w) && e.status === 200).length, 1, w.id);
    const now = await emulator.api('GET', `/tfe/api/v2/workspaces/${w.id}`);
    assert.equal(now.data.relationships['ssh-key'].data.id, saved.new_key.id);
  }
  assert.equal(log.filter((e) => e.method === 'DELETE' && e.path === `/tfe/api/v2/ssh-keys/${oldKey.id}`).length, 1);
  assert.equal(log.filter((e) => e.method === 'DELETE' && e.path === `${deployKeys}/${oldDeploy.id}`).length, 1);
  assert.ok(!(await emulator.api('GET', deployKeys)).some((k) => k.id === oldDeploy.id), 'old deploy key gone');
  const record = (await local(page, RECORDS)).find((r) => r.tfe_key_id === saved.new_key.id);
  assert.deepEqual(record.deploy_keys.map((d) => d.key_id), [added.id]);
  assert.ok(!(await local(page, RECORDS)).some((r) => r.tfe_key_id === oldKey.id), 'the old record is forgotten');
  assertPrivateKeyOnlyToTerraform(audit);
});

test('Sandbox: a rotation under way in one organization is shown in another, with the way back and Abandon', async () => {
  const { page } = await openPage('/orgs/acme/keys');
  await keyRow(page, OLD).getByRole('button', { name: 'Rotate', exact: true }).click();
  await step(page, 1).getByLabel('Key type').selectOption('ed25519');
  await proceed(page, 1);
  assert.equal((await local(page, PROGRESS)).organization, 'acme', 'the progress is saved');

  await page.goto(`${openPage.origin()}/orgs/globex/keys`);
  const banner = section(page).getByRole('status').filter({ hasText: `A rotation of “${OLD}” in organization “acme” is in progress` });
  await banner.waitFor(WAIT);
  await banner.getByRole('link', { name: 'Go to acme' }).click();
  await page.waitForURL(/\/orgs\/acme\/keys$/, WAIT);
  await section(page).getByRole('button', { name: 'Resume', exact: true }).click();
  await waitStatus(page, 1, 'to do');

  await page.goto(`${openPage.origin()}/orgs/globex/keys`);
  await banner.getByRole('button', { name: 'Abandon', exact: true }).click();
  await banner.waitFor({ state: 'detached', timeout: 20_000 });
  assert.equal(await local(page, PROGRESS), null, 'abandoned: the progress is gone');
});
