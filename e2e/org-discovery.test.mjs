// End-to-end: organization discovery on the Organization keys page (the
// token's Terraform organizations, an Astro organization's Deployments)
// and the local record of TFE keys uploaded through Keyward — on the
// Sandbox and over real HTTP against keyward-emulator.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { usePages } from './harness.mjs';

const WAIT = { timeout: 15_000 };
const RECORDS = 'keyward.uploaded-tfe-keys';
const openPage = usePages();
const section = (page, name) => page.getByRole('region', { name });
const TFE = 'HCP Terraform / TFE SSH keys';
const ASTRO = 'Astronomer Deployment API tokens';

/** A PEM RSA key made now, and what `ssh-keygen -l` says of its public half. */
function pemKey() {
  const dir = mkdtempSync(join(tmpdir(), 'keyward-discovery-'));
  const file = join(dir, 'tfe_key');
  execFileSync('ssh-keygen', ['-q', '-t', 'rsa', '-b', '2048', '-m', 'PEM', '-N', '', '-C', 'e2e', '-f', file]);
  const fingerprint = (alg) =>
    execFileSync('ssh-keygen', ['-l', '-E', alg, '-f', `${file}.pub`], { encoding: 'utf8' }).split(' ')[1];
  const key = {
    privateText: readFileSync(file, 'utf8'),
    publicBlob: readFileSync(`${file}.pub`, 'utf8').trim().split(' ').slice(0, 2).join(' '),
    sha256: fingerprint('sha256'),
    md5: fingerprint('md5'),
  };
  rmSync(dir, { recursive: true, force: true });
  return key;
}

const storage = (page) => page.evaluate(() => Object.keys(localStorage).map((k) => `${k}=${localStorage.getItem(k)}`).join('\n'));
const records = async (page) => JSON.parse((await page.evaluate((k) => localStorage.getItem(k), RECORDS)) ?? '[]');

const optionTexts = (select) => select.locator('option').allTextContents();

/** Uploads `key` as `name` in the TFE section, then checks the record. */
async function uploadAndCheckRecord(page, key, name, organization) {
  const tfe = section(page, TFE);
  await tfe.getByLabel('Name', { exact: true }).fill(name);
  await tfe.getByLabel('Private key', { exact: true }).fill(key.privateText);
  await tfe.getByText('This private key belongs to').waitFor(WAIT);
  await tfe.getByRole('button', { name: 'Add SSH key' }).click();
  const row = tfe.getByRole('listitem').filter({ hasText: name });
  await row.getByText(`Fingerprint recorded: ${key.sha256}`).waitFor(WAIT);
  const [record, ...others] = (await records(page)).filter((r) => r.name === name);
  assert.equal(others.length, 0, 'one record per key');
  assert.equal(record.fingerprint, key.sha256, 'the fingerprint is ssh-keygen -l of the public half');
  assert.equal(record.md5, key.md5);
  assert.equal(record.key_type, 'ssh-rsa');
  assert.equal(record.bits, 2048);
  assert.equal(record.public_key, key.publicBlob);
  assert.equal(record.organization, organization);
  assert.match(record.tfe_key_id, /^sshkey-[A-Za-z0-9]{16}$/);
  assert.ok(record.api_origin && record.recorded_at, 'where and when');
  const body = key.privateText.split('\n')[1];
  const everything = await storage(page);
  assert.ok(!everything.includes('PRIVATE KEY'), 'no private key in localStorage');
  assert.ok(!everything.includes(body), "the private key's body is in no storage");
  return { row, record };
}

/** Deletes the key of `row` through the page; its record goes with it. */
async function deleteAndCheckRecord(page, row, record) {
  await row.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await row.waitFor({ state: 'detached', ...WAIT });
  const left = await records(page);
  assert.ok(!left.some((r) => r.tfe_key_id === record.tfe_key_id), 'deleting the key drops its record');
}

test('Sandbox: the token\'s organizations and Deployments are offered; an uploaded key\'s fingerprint is recorded, renamed and forgotten', async () => {
  const { page, errors } = await openPage('/orgs');
  const organizations = page.getByLabel('Your Terraform organizations');
  await organizations.waitFor(WAIT);
  const offered = await optionTexts(organizations);
  assert.ok(offered.includes('acme') && offered.includes('initech'), offered.join(', '));
  assert.ok(!offered.some((o) => o.includes('globex')), 'an organization the user is not a member of is not offered');
  await organizations.selectOption('initech');
  await page.waitForURL(/\/orgs\/initech\/keys$/, WAIT);
  const tfe = section(page, TFE);
  await tfe.getByText('This organization has no SSH keys yet.').waitFor(WAIT);
  assert.equal(await page.getByLabel('Organization', { exact: true }).inputValue(), 'initech', 'the typed field follows');

  // Astro: the organization's Deployments by name and id; choosing one shows its tokens.
  const astro = section(page, ASTRO);
  const deployments = astro.getByLabel('Deployments of this organization');
  await deployments.waitFor(WAIT);
  const listed = await optionTexts(deployments);
  assert.ok(listed.some((d) => d.startsWith('sandbox-deployment (dep-sandbox)')), listed.join(', '));
  assert.ok(listed.some((d) => d.startsWith('sandbox-staging (dep-sandbox-staging)')), listed.join(', '));
  await deployments.selectOption('dep-sandbox-staging');
  await astro.getByText('This Deployment has no API tokens yet.').waitFor(WAIT);
  assert.equal(await astro.getByLabel('Deployment ID').inputValue(), 'dep-sandbox-staging');
  // An organization the token cannot list: one sentence, and typing still works.
  await astro.getByLabel('Organization ID').fill('org-nope');
  await astro.getByRole('button', { name: 'Show tokens' }).click();
  await astro.getByText(/could not be listed \(HTTP 404\).*type the Deployment ID instead/).waitFor(WAIT);
  assert.equal(await astro.getByLabel('Deployment ID').isEditable(), true);

  const key = pemKey();
  const { record } = await uploadAndCheckRecord(page, key, 'discovery key', 'initech');
  const row = tfe.getByRole('listitem').filter({ hasText: 'discovery key' });
  await row.getByRole('button', { name: 'Rename' }).click();
  await row.getByLabel('New name').fill('discovery renamed');
  await row.getByRole('button', { name: 'Save' }).click();
  await tfe.getByText('Renamed to “discovery renamed”.').waitFor(WAIT);
  const renamed = (await records(page)).find((r) => r.tfe_key_id === record.tfe_key_id);
  assert.equal(renamed?.name, 'discovery renamed', 'a rename through Keyward follows');
  // The seeded key was uploaded elsewhere: no fingerprint to show.
  await page.getByLabel('Your Terraform organizations').selectOption('acme');
  const seeded = tfe.getByRole('listitem').filter({ hasText: 'deploy-key' });
  await seeded.waitFor(WAIT);
  assert.equal(await seeded.getByText('Fingerprint recorded').count(), 0);
  await page.getByLabel('Your Terraform organizations').selectOption('initech');
  await deleteAndCheckRecord(page, tfe.getByRole('listitem').filter({ hasText: 'discovery renamed' }), record);
  assert.deepEqual(errors, []);
});

test('HCP Terraform through the proxy: the token\'s organizations listed, one chosen, a key recorded then forgotten', async () => {
  const { page, emulator, errors } = await openPage.withConnection('/orgs', 'HCP Terraform');
  const organizations = page.getByLabel('Your Terraform organizations');
  await organizations.waitFor(WAIT);
  const offered = await optionTexts(organizations);
  assert.ok(offered.includes('acme') && offered.includes('initech') && !offered.includes('globex'), offered.join(', '));
  assert.ok((await emulator.count('GET', /^\/tfe\/api\/v2\/organizations(\?|$)/)) > 0, 'listed by the emulator');
  await organizations.selectOption('acme');
  const tfe = section(page, TFE);
  await tfe.getByRole('list', { name: 'Terraform SSH keys' }).getByText('deploy-key', { exact: true }).waitFor(WAIT);

  const key = pemKey();
  const { row, record } = await uploadAndCheckRecord(page, key, 'emulated key', 'acme');
  assert.ok(!record.api_origin.includes(emulator.token), 'no token in the record');
  assert.ok(!JSON.stringify(record).includes(emulator.token));
  await deleteAndCheckRecord(page, row, record);
  assert.equal(await emulator.count('DELETE', '/tfe/api/v2/ssh-keys/'), 1);
  assert.deepEqual(errors, []);
});

test('Astro through the proxy: the organization\'s Deployments are listed and one is chosen', async () => {
  const { page, emulator, errors } = await openPage.withConnection('/orgs/org-sandbox/keys', 'Astronomer');
  const astro = section(page, ASTRO);
  const deployments = astro.getByLabel('Deployments of this organization');
  await deployments.waitFor(WAIT);
  assert.ok((await emulator.count('GET', '/astro/v1/organizations/org-sandbox/deployments')) > 0);
  await deployments.selectOption('dep-sandbox');
  await astro.getByRole('row').filter({ hasText: 'ci-deploy' }).waitFor(WAIT);
  assert.equal(await astro.getByLabel('Deployment ID').inputValue(), 'dep-sandbox');
  assert.deepEqual(errors, []);
});
