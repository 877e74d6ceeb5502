// End-to-end: "Set up module access" on the Organization keys page — a
// pair made in the browser, the private half only to Terraform, the public
// half a read-only deploy key, the record kept locally, the private key
// wiped — on the Sandbox and over real HTTP against keyward-emulator (a
// Terraform refusal sends nothing to GitHub; a GitHub 500 is retried once,
// nothing made twice).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { usePages, addConnection } from './harness.mjs';
import { sandboxState } from './sandbox.mjs';
import { sshKeygenFingerprint } from './checks.mjs';

const WAIT = { timeout: 20_000 };
// RSA 4096 in WebAssembly can take a while on a busy CI machine.
const GENERATE = { timeout: 120_000 };
const RECORDS = 'keyward.uploaded-tfe-keys';
const TFE = 'HCP Terraform / TFE SSH keys';
const REPO = 'octocat/hello-world';
const openPage = usePages();

const records = async (page) => JSON.parse((await page.evaluate((k) => localStorage.getItem(k), RECORDS)) ?? '[]');
const storage = (page) =>
  page.evaluate(() => [localStorage, sessionStorage].flatMap((s) => Object.keys(s).map((k) => `${k}=${s.getItem(k)}`)).join('\n'));

/** Opens the flow in the TFE section; returns the form and its parts. */
async function openFlow(page) {
  const tfe = page.getByRole('region', { name: TFE });
  await tfe.getByRole('button', { name: 'Set up module access' }).click();
  const form = page.getByRole('form', { name: 'Set up module access' });
  const repositories = form.getByRole('group', { name: 'Repositories' });
  const steps = form.getByRole('list', { name: 'Steps' });
  const line = (text) => steps.getByRole('listitem').filter({ hasText: text }).last();
  return { tfe, form, repositories, steps, line };
}

/** Waits until the step line holding `text` has `status`. */
async function waitStatus(form, text, status) {
  const steps = form.getByRole('list', { name: 'Steps' });
  await steps.locator(`li[data-status="${status}"]`).filter({ hasText: text }).last().waitFor(GENERATE);
}

/** No private key in the page's text, the flow's markup, any field or the
 * storages (the paste form's placeholder names the armour, so the whole
 * page's markup is not the test). */
async function assertNoPrivateKey(page, form) {
  assert.ok(!(await page.evaluate(() => document.body.innerText)).includes('PRIVATE KEY'), 'no private key in the text');
  assert.ok(!(await form.evaluate((f) => f.outerHTML)).includes('PRIVATE KEY'), "no private key in the flow's markup");
  const values = await page.evaluate(() => [...document.querySelectorAll('input, textarea')].map((e) => e.value).join('\n'));
  assert.ok(!values.includes('PRIVATE KEY'), 'no private key in a field');
  assert.ok(!(await storage(page)).includes('PRIVATE KEY'), 'no private key in storage');
}

test('Sandbox: one repository wired with an RSA 4096 pair; the record holds the fingerprint and the deploy key id; two repositories are refused up front', async () => {
  const { page, errors } = await openPage('/orgs');
  const { tfe, form, repositories, line } = await openFlow(page);
  assert.equal(await form.getByLabel('Key type').inputValue(), 'rsa-4096', 'RSA 4096, as Terraform documents, by default');
  await repositories.getByRole('checkbox', { name: REPO }).waitFor(WAIT);
  assert.equal(await repositories.getByRole('checkbox', { name: 'sandbox-org/website' }).isDisabled(), true, 'not an admin: disabled');
  await repositories.getByText('not an admin here').first().waitFor(WAIT);
  await form.getByLabel('Key name').fill('modules sandbox');

  // GitHub takes a key once: two repositories are refused before anything is made.
  await repositories.getByRole('checkbox', { name: REPO }).check();
  await repositories.getByRole('checkbox', { name: 'sandbox-org/deploy-tools' }).check();
  await form.getByRole('button', { name: 'Create and connect' }).click();
  await form.getByRole('alert').filter({ hasText: 'GitHub accepts a public key only once' }).waitFor(WAIT);
  assert.equal(await form.getByRole('list', { name: 'Steps' }).count(), 0, 'nothing started');

  await repositories.getByRole('checkbox', { name: 'sandbox-org/deploy-tools' }).uncheck();
  await form.getByRole('button', { name: 'Create and connect' }).click();
  await waitStatus(form, '4. Record', 'done');
  await line('4. Record').getByText('and 1 deploy key').waitFor(GENERATE);
  const generated = await line('1. Generate').textContent();
  console.log(`# module access (Sandbox): ${generated}`);
  assert.match(generated, /RSA 4096 pair made in [\d.]+ m?s/);
  for (const step of ['2. Create the Terraform', REPO, '5. Wipe']) await waitStatus(form, step, 'done');
  await line('5. Wipe').getByText('wiped from this page').waitFor(WAIT);
  await tfe.getByRole('list', { name: 'Terraform SSH keys' }).getByText('modules sandbox').waitFor(WAIT);

  const [record, ...others] = (await records(page)).filter((r) => r.name === 'modules sandbox');
  assert.equal(others.length, 0, 'one record');
  assert.equal(record.fingerprint, sshKeygenFingerprint(record.public_key), 'the recorded fingerprint is ssh-keygen -l of the public half');
  assert.equal(record.key_type, 'ssh-rsa');
  assert.equal(record.bits, 4096);
  assert.equal(record.organization, 'acme');
  const github = (await sandboxState(page)).github;
  const repo = github.repos.find((r) => `${r.owner}/${r.name}` === REPO);
  const deployKey = repo.deploy_keys.find((k) => k.title === 'modules sandbox');
  assert.ok(deployKey, 'the deploy key is on the repository');
  assert.equal(deployKey.read_only, true, 'read-only');
  assert.equal(deployKey.fingerprint, record.fingerprint, 'the same key as the one Terraform holds');
  assert.deepEqual(record.deploy_keys.map((d) => [d.repository, d.key_id]), [[REPO, deployKey.id]]);
  await assertNoPrivateKey(page, form);
  assert.deepEqual(errors, []);
});

test('over HTTP: a Terraform refusal sends nothing to GitHub; Try again; a GitHub 500 is listed and Retry failed adds the key once; only the TFE request carries the private key', async () => {
  const { page, emulator, audit, errors } = await openPage.withConnection('/orgs/acme/keys', 'HCP Terraform');
  const label = await addConnection(page, openPage.origin(), {
    provider: 'GitHub',
    url: `${emulator.url}/github`,
    token: emulator.token,
    name: 'Emulated GitHub',
  });
  await page.goto(`${openPage.origin()}/orgs/acme/keys`);
  const { tfe, form, repositories, line } = await openFlow(page);
  await form.getByLabel('GitHub connection').selectOption({ label });
  await repositories.getByRole('checkbox', { name: REPO }).check(WAIT);
  await form.getByLabel('Key name').fill('modules http');
  await form.getByLabel('Key type').selectOption('ed25519');

  const TFE_KEYS = '/tfe/api/v2/organizations/acme/ssh-keys';
  const GITHUB_KEYS = `/github/repos/${REPO}/keys`;
  await emulator.fault({ method: 'POST', path: TFE_KEYS, fault: 'status=422' });
  await emulator.clearLog();
  await form.getByRole('button', { name: 'Create and connect' }).click();
  await form.getByRole('button', { name: 'Try again' }).waitFor(GENERATE);
  await waitStatus(form, '2. Create the Terraform', 'failed');
  await line('2. Create the Terraform').getByText('HTTP 422').waitFor(WAIT);
  await waitStatus(form, REPO, 'failed');
  await line(REPO).getByText('nothing went to GitHub').waitFor(WAIT);
  await waitStatus(form, '5. Wipe', 'done');
  assert.equal(await emulator.count('POST', '/github/'), 0, 'nothing sent to GitHub');
  assert.equal((await emulator.log()).filter((e) => e.path.includes('/keys')).length, 0, "no request to GitHub's keys endpoints");

  await emulator.fault({ method: 'POST', path: GITHUB_KEYS, fault: 'status=500' });
  await emulator.clearLog();
  const before = audit.requests.length;
  await form.getByRole('button', { name: 'Try again' }).click();
  await form.getByRole('button', { name: 'Retry failed' }).waitFor(GENERATE);
  await waitStatus(form, REPO, 'failed');
  await line(REPO).getByText('HTTP 500').waitFor(WAIT);
  await form.getByRole('alert').filter({ hasText: 'What succeeded stays' }).waitFor(WAIT);
  await tfe.getByRole('list', { name: 'Terraform SSH keys' }).getByText('modules http').waitFor(WAIT);
  const kept = (await records(page)).find((r) => r.name === 'modules http');
  assert.ok(kept && (kept.deploy_keys ?? []).length === 0, 'the Terraform key is recorded at once, without a deploy key yet');

  await form.getByRole('button', { name: 'Retry failed' }).click();
  await waitStatus(form, REPO, 'done');
  await line('4. Record').getByText('and 1 deploy key').waitFor(WAIT);
  assert.equal(await form.getByRole('button', { name: 'Retry failed' }).count(), 0);

  const log = await emulator.log();
  const posts = (path) => log.filter((e) => e.method === 'POST' && e.path === path);
  assert.deepEqual(posts(GITHUB_KEYS).map((e) => Number(e.status)), [500, 201], 'one failure, then exactly one key made');
  assert.deepEqual(posts(TFE_KEYS).map((e) => Number(e.status)), [201], 'one Terraform key');
  const carrying = audit.requests.slice(before).filter((r) => r.body.includes('PRIVATE KEY'));
  assert.equal(carrying.length, 1, 'exactly one request carried the private key');
  assert.equal(carrying[0].method, 'POST');
  assert.match(new URL(carrying[0].url).pathname, /\/organizations\/acme\/ssh-keys$/);

  const listed = await emulator.api('GET', GITHUB_KEYS);
  const deployKey = listed.find((k) => k.title === 'modules http');
  assert.equal(deployKey?.read_only, true, 'read-only on GitHub');
  const record = (await records(page)).find((r) => r.name === 'modules http');
  assert.equal(record.key_type, 'ssh-ed25519');
  assert.equal(record.fingerprint, sshKeygenFingerprint(deployKey.key), 'the deploy key is the recorded key');
  assert.deepEqual(record.deploy_keys, [{ repository: REPO, key_id: deployKey.id, github_api: `${emulator.url}/github` }]);
  assert.ok(!JSON.stringify(record).includes(emulator.token), 'no token in the record');
  await assertNoPrivateKey(page, form);
  const unexpected = errors.filter((e) => !/status of (422|500)/.test(e));
  assert.deepEqual(unexpected, []);
});
