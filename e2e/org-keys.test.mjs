// End-to-end: the Organization keys page against the Sandbox (answered by
// its service worker) — Terraform SSH keys, Astro Deployment tokens with
// the one-time secret panel, CNB deploy keys. Each test gets a fresh
// browser context, so a fresh Sandbox (its state lives in the context's
// Cache API).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { usePages } from './harness.mjs';
import { sandboxRequests, sandboxState } from './sandbox.mjs';

const openPage = usePages();

/** A PEM RSA key made now with ssh-keygen, and the fingerprint of its .pub. */
function pemRsaKey(passphrase = '') {
  const dir = mkdtempSync(join(tmpdir(), 'keyward-org-e2e-'));
  const file = join(dir, 'tfe_key');
  execFileSync('ssh-keygen', ['-q', '-t', 'rsa', '-b', '2048', '-m', 'PEM', '-N', passphrase, '-C', 'e2e', '-f', file]);
  const key = {
    privateText: readFileSync(file, 'utf8'),
    publicLine: readFileSync(`${file}.pub`, 'utf8').trim(),
    sha256: execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${file}.pub`], { encoding: 'utf8' }).split(' ')[1],
  };
  rmSync(dir, { recursive: true, force: true });
  return key;
}

const section = (page, name) => page.getByRole('region', { name });
const TFE = 'HCP Terraform / TFE SSH keys';
const ASTRO = 'Astronomer Deployment API tokens';
const CNB = 'CNB organization and artifact deploy keys';

/** Everything the page could still hold: the text, every field's value
 *  (markup misses those), attributes, both storages, and the Sandbox's
 *  saved state. */
async function everything(page) {
  const inPage = await page.evaluate(() => {
    const dump = (s) => Object.keys(s).map((k) => `${k}=${s.getItem(k)}`).join('\n');
    const fields = [...document.querySelectorAll('input, textarea, select')].map((f) => f.value).join('\n');
    return [document.documentElement.outerHTML, document.body.innerText, fields, dump(localStorage), dump(sessionStorage)].join('\n');
  });
  return `${inPage}\n${JSON.stringify(await sandboxState(page))}`;
}

test('TFE: the seeded key is listed by name and id', async () => {
  const { context, page, errors } = await openPage('/orgs/acme/keys');
  const tfe = section(page, TFE);
  const list = tfe.getByRole('list', { name: 'Terraform SSH keys' });
  await list.getByText('deploy-key', { exact: true }).waitFor({ timeout: 15_000 });
  assert.match(await list.textContent(), /sshkey-[A-Za-z0-9]{16}/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('TFE: a PEM RSA private key shows whose it is, is added, and leaves the page', async () => {
  const key = pemRsaKey();
  const { context, page, errors } = await openPage('/orgs');
  const tfe = section(page, TFE);
  await tfe.getByText('deploy-key', { exact: true }).waitFor({ timeout: 15_000 });
  await tfe.getByLabel('Name', { exact: true }).fill('e2e modules key');
  const field = tfe.getByLabel('Private key', { exact: true });
  await field.fill(key.privateText);
  await tfe.getByText('This private key belongs to').waitFor();
  await tfe.getByText(key.sha256, { exact: true }).first().waitFor();
  await tfe.getByRole('button', { name: 'Add SSH key' }).click();
  const list = tfe.getByRole('list', { name: 'Terraform SSH keys' });
  await list.getByText('e2e modules key', { exact: true }).waitFor({ timeout: 10_000 });
  assert.equal(await field.inputValue(), '');
  await tfe.getByText(`belongs to ${key.sha256}`).waitFor();
  // The key is nowhere on the page or in storage (the sandbox drops it, as TFE never returns it).
  const body = key.privateText.split('\n')[1];
  assert.ok(!(await everything(page)).includes(body), 'the private key must not linger');
  assert.deepEqual(errors, []);
  await context.close();
});

test('TFE: a refused upload keeps the name, clears the key and says why', async () => {
  const key = pemRsaKey();
  const { context, page } = await openPage('/orgs/acme/keys');
  const tfe = section(page, TFE);
  await tfe.getByText('deploy-key', { exact: true }).waitFor({ timeout: 15_000 });
  // The seeded key's name is taken: Terraform answers 422.
  await tfe.getByLabel('Name', { exact: true }).fill('deploy-key');
  await tfe.getByLabel('Private key', { exact: true }).fill(key.privateText);
  await tfe.getByRole('button', { name: 'Add SSH key' }).click();
  await tfe.getByText(/Name has already been taken/).first().waitFor({ timeout: 10_000 });
  await tfe.getByText(/private key was cleared from the page/).waitFor();
  assert.equal(await tfe.getByLabel('Name', { exact: true }).inputValue(), 'deploy-key');
  assert.equal(await tfe.getByLabel('Private key', { exact: true }).inputValue(), '');
  await context.close();
});

test('TFE: an encrypted private key is refused before sending', async () => {
  const key = pemRsaKey('correct horse');
  const { context, page } = await openPage('/orgs/acme/keys');
  const tfe = section(page, TFE);
  await tfe.getByText('deploy-key', { exact: true }).waitFor({ timeout: 15_000 });
  await tfe.getByLabel('Name', { exact: true }).fill('locked key');
  await tfe.getByLabel('Private key', { exact: true }).fill(key.privateText);
  await tfe.getByText(/protected by a passphrase/).first().waitFor();
  const before = await sandboxRequests(page);
  await tfe.getByRole('button', { name: 'Add SSH key' }).click();
  await tfe.getByText('Not sent:').waitFor();
  await page.waitForTimeout(300);
  assert.equal(await sandboxRequests(page), before, 'the Sandbox was asked nothing');
  assert.equal(await tfe.getByText('locked key', { exact: true }).count(), 0);
  await context.close();
});

test('TFE: a public key in the private-key field is refused with the reason', async () => {
  const key = pemRsaKey();
  const { context, page } = await openPage('/orgs/acme/keys');
  const tfe = section(page, TFE);
  await tfe.getByText('deploy-key', { exact: true }).waitFor({ timeout: 15_000 });
  await tfe.getByLabel('Name', { exact: true }).fill('wrong half');
  await tfe.getByLabel('Private key', { exact: true }).fill(key.publicLine);
  await tfe.getByText(/This is a public key, but Terraform needs the private half/).first().waitFor();
  const before = await sandboxRequests(page);
  await tfe.getByRole('button', { name: 'Add SSH key' }).click();
  await tfe.getByText('Not sent:').waitFor();
  await page.waitForTimeout(300);
  assert.equal(await sandboxRequests(page), before, 'the Sandbox was asked nothing');
  assert.equal(await tfe.getByText('wrong half', { exact: true }).count(), 0);
  await context.close();
});

test('TFE: rename, and replace the key text with the safe route explained', async () => {
  const key = pemRsaKey();
  const { context, page, errors } = await openPage('/orgs/acme/keys');
  const tfe = section(page, TFE);
  const item = tfe.getByRole('listitem').filter({ hasText: 'deploy-key' });
  await item.waitFor({ timeout: 15_000 });
  await item.getByRole('button', { name: 'Rename' }).click();
  await item.getByLabel('New name').fill('modules-key');
  await item.getByRole('button', { name: 'Save' }).click();
  await tfe.getByText('Renamed to “modules-key”.').waitFor({ timeout: 10_000 });
  const renamed = tfe.getByRole('listitem').filter({ hasText: 'modules-key' });
  await renamed.getByRole('button', { name: 'Replace key text' }).click();
  const field = renamed.getByLabel('New private key', { exact: true });
  await field.fill(key.privateText);
  await renamed.getByText(key.sha256, { exact: true }).waitFor();
  await renamed.getByRole('button', { name: 'Replace key text' }).last().click();
  await tfe.getByText(/cannot confirm the new key was stored/).waitFor({ timeout: 10_000 });
  assert.equal(await renamed.getByLabel('New private key', { exact: true }).count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('TFE: delete goes through the confirm dialog', async () => {
  const { context, page, errors } = await openPage('/orgs/acme/keys');
  const tfe = section(page, TFE);
  const list = tfe.getByRole('list', { name: 'Terraform SSH keys' });
  const item = list.getByRole('listitem').filter({ hasText: 'deploy-key' });
  await item.waitFor({ timeout: 15_000 });
  await item.getByRole('button', { name: 'Delete' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete SSH key “deploy-key”?' });
  await dialog.waitFor();
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await tfe.getByText('This organization has no SSH keys yet').waitFor({ timeout: 10_000 });
  assert.equal(await dialog.count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('Astro: a new token is shown once, copied, and gone after Done; rotate and delete', async () => {
  const { context, page, errors } = await openPage('/orgs', {
    permissions: ['clipboard-write'],
  });
  await context.addInitScript(() => {
    const write = navigator.clipboard.writeText.bind(navigator.clipboard);
    navigator.clipboard.writeText = (text) => {
      window.__copied = text;
      return write(text);
    };
  });
  await page.reload();
  const astro = section(page, ASTRO);
  await astro.getByLabel('Organization ID').waitFor({ timeout: 15_000 });
  assert.equal(await astro.getByLabel('Organization ID').inputValue(), 'org-sandbox');
  assert.equal(await astro.getByLabel('Deployment ID').inputValue(), 'dep-sandbox');

  await astro.getByLabel('Name', { exact: true }).fill('ci deploy');
  await astro.getByLabel('Description', { exact: true }).fill('from e2e');
  await astro.getByLabel('Role').selectOption('DEPLOYMENT_ADMIN');
  await astro.getByLabel('Expires after (days, 1–365)').fill('30');
  await astro.getByRole('button', { name: 'Create token' }).dblclick();

  const panel = page.getByRole('region', { name: 'One-time secret' });
  await panel.waitFor({ timeout: 10_000 });
  await panel.getByText('You will not see this again.').waitFor();
  const value = (await panel.locator('code').textContent()).trim();
  assert.ok(value.length > 20, `a token value is shown: ${value.length} chars`);
  // A double click made one token, not two.
  const rows = astro.getByRole('row').filter({ hasText: 'ci deploy' });
  await rows.first().waitFor();
  assert.equal(await rows.count(), 1);
  assert.match(await rows.first().textContent(), /DEPLOYMENT_ADMIN/);

  await panel.getByRole('button', { name: 'Copy' }).click();
  await panel.getByText('Copied to the clipboard.').waitFor();
  // keyward-server's Permissions-Policy denies clipboard-read to the page
  // (it only ever writes), so the test reads what the page wrote.
  assert.equal(await page.evaluate(() => window.__copied), value);
  await panel.getByRole('button', { name: 'Done, I have stored it' }).click();
  await panel.waitFor({ state: 'detached' });
  assert.ok(!(await everything(page)).includes(value), 'the value is gone from DOM and storage');
  await page.reload();
  await astro.getByRole('row').filter({ hasText: 'ci deploy' }).waitFor({ timeout: 15_000 });
  assert.equal(await page.getByRole('region', { name: 'One-time secret' }).count(), 0);
  assert.ok(!(await everything(page)).includes(value), 'a reload does not bring it back');

  // Rotate: confirm, then a new value, different from the old.
  const row = astro.getByRole('row').filter({ hasText: 'ci deploy' });
  await row.getByRole('button', { name: 'Rotate', exact: true }).click();
  const rotate = page.getByRole('dialog', { name: 'Rotate token “ci deploy”?' });
  await rotate.getByText(/old value stops working at once/).waitFor();
  await rotate.getByRole('button', { name: 'Rotate' }).click();
  await panel.waitFor({ timeout: 10_000 });
  const rotated = (await panel.locator('code').textContent()).trim();
  assert.ok(rotated.length > 20);
  assert.notEqual(rotated, value);
  // Closing without copying asks first.
  await panel.getByRole('button', { name: 'Done, I have stored it' }).click();
  const leave = page.getByRole('dialog', { name: 'Close without copying?' });
  await leave.getByRole('button', { name: 'Close' }).click();
  await panel.waitFor({ state: 'detached' });
  assert.ok(!(await everything(page)).includes(rotated));

  // Edit the name and description.
  await row.getByRole('button', { name: 'Edit' }).click();
  const editName = astro.locator('input[id^="astro-edit-name-"]');
  await editName.fill('ci deploy renamed');
  await astro.getByRole('button', { name: 'Save' }).click();
  const renamed = astro.getByRole('row').filter({ hasText: 'ci deploy renamed' });
  await renamed.waitFor({ timeout: 10_000 });

  // Delete.
  await renamed.getByRole('button', { name: 'Delete' }).click();
  const del = page.getByRole('dialog', { name: 'Delete token “ci deploy renamed”?' });
  await del.getByRole('button', { name: 'Delete' }).click();
  await astro.getByText('Deleted “ci deploy renamed”.').waitFor({ timeout: 10_000 });
  assert.equal(await astro.getByRole('row').filter({ hasText: 'ci deploy renamed' }).count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('CNB: no public API is said plainly; a memo warns before expiry, survives reload, holds no key', async () => {
  const { context, page, errors } = await openPage('/orgs');
  const cnb = section(page, CNB);
  await cnb.getByText('CNB has no public API for deploy keys.').waitFor({ timeout: 15_000 });

  // A check of a pasted key: the key leaves the field and is stored nowhere.
  const deployKey = 'cnbdk_e2e_0123456789abcdefSECRET';
  await cnb.getByLabel('Deploy key').fill(deployKey);
  await cnb.getByRole('button', { name: 'Check key' }).click();
  await cnb.getByRole('list', { name: 'What the key reaches' }).waitFor({ timeout: 10_000 });
  assert.equal(await cnb.getByLabel('Deploy key').inputValue(), '');

  const soon = new Date();
  soon.setDate(soon.getDate() + 3);
  const pad = (n) => String(n).padStart(2, '0');
  const date = `${soon.getFullYear()}-${pad(soon.getMonth() + 1)}-${pad(soon.getDate())}`;
  await cnb.getByLabel('Key name').fill('registry pull');
  await cnb.getByLabel('Expires on').fill(date);
  await cnb.getByRole('button', { name: 'Add to my list' }).click();
  await cnb.getByText(`Expires in 3 days (${date})`, { exact: false }).waitFor();
  await cnb.getByText('1 deploy key has expired or expires soon.').waitFor();

  await page.reload();
  await cnb.getByText(`Expires in 3 days (${date})`, { exact: false }).waitFor({ timeout: 15_000 });
  const stored = await page.evaluate(() => localStorage.getItem('keyward.cnb-deploy-keys'));
  assert.match(stored, /registry pull/);
  assert.ok(!stored.includes(deployKey));
  assert.ok(!(await everything(page)).includes(deployKey), 'the checked key is nowhere');
  assert.deepEqual(errors, []);
  await context.close();
});
