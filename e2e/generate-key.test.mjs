// "Generate a key" on User keys: an Ed25519 pair made in the browser, the
// private key downloaded once (checked with the real ssh-keygen, with and
// without a passphrase) and wiped, the public half added to GitHub — on
// the Sandbox and over HTTP against the emulator. The harness's request
// audit proves no private key was sent anywhere.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { usePages } from './harness.mjs';
import { root } from './processes.mjs';
import { sandboxState as sandbox } from './sandbox.mjs';
import { axeViolations } from './checks.mjs';

const WAIT = { timeout: 20_000 };
const openPage = usePages();

const panel = (page) => page.getByRole('region', { name: 'Generate a key' });
const authList = (page) => page.getByRole('list', { name: 'Your SSH keys' });
const signingList = (page) => page.getByRole('list', { name: 'Your signing keys' });
const openButton = (page) => page.getByRole('button', { name: 'Generate a key', exact: true });
/// "ssh-ed25519 AAAA…" without the comment.
const keyPart = (line) => line.trim().split(/\s+/).slice(0, 2).join(' ');

/// Reads a file the page offers as a download after `click`.
async function downloaded(page, click) {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8') };
}

/// What ssh-keygen says of a private key file: its public line (`-y -P`)
/// and that line's `ssh-keygen -l` fingerprint.
function sshKeygen(privateText, passphrase) {
  const dir = mkdtempSync(join(tmpdir(), 'keyward-generate-'));
  try {
    const file = join(dir, 'id_ed25519');
    writeFileSync(file, privateText, { mode: 0o600 });
    const line = execFileSync('ssh-keygen', ['-y', '-P', passphrase, '-f', file], { encoding: 'utf8', stdio: 'pipe' });
    writeFileSync(`${file}.pub`, line);
    const fingerprint = execFileSync('ssh-keygen', ['-l', '-f', `${file}.pub`], { encoding: 'utf8' }).split(' ')[1];
    return { line: line.trim(), fingerprint };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/// Opens the panel, fills it and generates; returns what the page shows.
async function generate(page, { title, passphrase = '', use }) {
  await openButton(page).click();
  await panel(page).getByLabel('Title', { exact: true }).fill(title);
  if (use) await panel(page).getByRole('group', { name: 'Key use' }).getByLabel(use, { exact: true }).check();
  await panel(page).getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await panel(page).getByLabel('Confirm passphrase', { exact: true }).fill(passphrase);
  await panel(page).getByRole('button', { name: 'Generate', exact: true }).click();
  const result = panel(page).getByRole('region', { name: 'Your new key' });
  await result.waitFor(WAIT);
  const shown = {
    line: (await result.locator('.key-line__text').innerText()).trim(),
    fingerprint: (await result.locator('code.fingerprint').innerText()).trim(),
    time: (await result.locator('.generate-key__time').innerText()).trim(),
  };
  console.log(`generate-key (${passphrase ? 'with' : 'without'} passphrase): ${shown.time}`);
  return shown;
}

/// No private key anywhere the page keeps text: the DOM, localStorage, sessionStorage.
async function assertNoPrivateKeyLeft(page) {
  const kept = await page.evaluate(() => {
    const all = (storage) => Object.keys(storage).map((k) => `${k}=${storage.getItem(k)}`).join('\n');
    return [document.documentElement.outerHTML, all(localStorage), all(sessionStorage)];
  });
  for (const text of kept) {
    assert.ok(!/PRIVATE KEY|b3BlbnNzaC1rZXktdjE/.test(text), 'no private key in the DOM or storage');
  }
}

test('Generate a key on the Sandbox: passphrase checked, id_ed25519 downloaded once and wiped, ssh-keygen agrees, added as Both', async () => {
  const { page, context, errors } = await openPage('/user/keys');
  await authList(page).getByRole('listitem').first().waitFor(WAIT);
  await openButton(page).click();
  await panel(page).getByText(/a passphrase is recommended for a laptop/).waitFor(WAIT);
  // A mismatch is said and nothing is generated.
  await panel(page).getByLabel('Passphrase', { exact: true }).fill('correct horse');
  await panel(page).getByLabel('Confirm passphrase', { exact: true }).fill('correct hose');
  await panel(page).getByRole('button', { name: 'Generate', exact: true }).click();
  await panel(page).getByRole('alert').filter({ hasText: 'The passphrases do not match' }).waitFor(WAIT);
  assert.equal(await panel(page).getByRole('region', { name: 'Your new key' }).count(), 0);
  await openButton(page).click(); // closes: nothing was made, nothing to say
  await panel(page).waitFor({ state: 'detached', ...WAIT });

  const passphrase = 'correct horse battery';
  const shown = await generate(page, { title: 'e2e laptop', passphrase, use: 'Both' });
  assert.match(shown.line, /^ssh-ed25519 AAAA\S+ e2e laptop$/);
  const add = panel(page).getByRole('button', { name: 'Add to GitHub', exact: true });
  assert.equal(await add.isDisabled(), true, 'no adding before the private key is saved');
  await panel(page).getByText(/Download the private key first/).waitFor();
  const screens = resolve(root, 'target', 'e2e-screens');
  mkdirSync(screens, { recursive: true });
  await page.screenshot({ path: resolve(screens, 'generate-key.png'), fullPage: true });
  assert.deepEqual(await axeViolations(page), [], 'axe on the open panel with its new key');

  const file = await downloaded(page, () => panel(page).getByRole('button', { name: 'Download id_ed25519', exact: true }).click());
  assert.equal(file.name, 'id_ed25519');
  assert.match(file.text, /^-----BEGIN OPENSSH PRIVATE KEY-----\n/);
  const derived = sshKeygen(file.text, passphrase);
  assert.equal(keyPart(derived.line), keyPart(shown.line), 'ssh-keygen -y -P gives the shown public key');
  assert.equal(derived.fingerprint, shown.fingerprint, 'ssh-keygen -l gives the shown fingerprint');
  assert.throws(() => sshKeygen(file.text, 'wrong passphrase'), 'a wrong passphrase fails');
  assert.throws(() => sshKeygen(file.text, ''), 'the key is encrypted');

  // Offered once: the button is gone, the page says the key was wiped.
  await panel(page).getByText('The private key was downloaded and wiped from this page; Keyward keeps no copy.').waitFor(WAIT);
  assert.equal(await panel(page).getByRole('button', { name: 'Download id_ed25519', exact: true }).count(), 0);
  await assertNoPrivateKeyLeft(page);
  const pub = await downloaded(page, () => panel(page).getByRole('button', { name: 'Download id_ed25519.pub', exact: true }).click());
  assert.equal(pub.name, 'id_ed25519.pub');
  assert.equal(pub.text.trim(), shown.line);

  await add.click();
  await panel(page).getByRole('status').filter({ hasText: 'Added as an authentication key and as a signing key.' }).waitFor(WAIT);
  await authList(page).getByRole('listitem', { name: 'e2e laptop' }).getByText(shown.fingerprint).waitFor(WAIT);
  await signingList(page).getByRole('listitem', { name: 'e2e laptop' }).getByText(shown.fingerprint).waitFor(WAIT);
  const octocat = (await sandbox(page)).github.users.find((u) => u.login === 'octocat');
  const stored = (keys) => keys.filter((k) => k.fingerprint === shown.fingerprint).length;
  assert.equal(stored(octocat.keys), 1);
  assert.equal(stored(octocat.signing_keys), 1);
  const added = panel(page).getByRole('button', { name: 'Added', exact: true });
  assert.equal(await added.isDisabled(), true, 'added once to each list');

  // A key closed before its download is discarded, and the page says so.
  await page.getByRole('button', { name: 'Close', exact: true }).click();
  await generate(page, { title: 'never saved' });
  await page.keyboard.press('Escape');
  await page.getByRole('status').filter({ hasText: /^The key was discarded/ }).waitFor(WAIT);
  await assertNoPrivateKeyLeft(page);
  assert.deepEqual(errors, []);
  await context.close();
});

test('Generate a key over HTTP: no passphrase (ssh-keygen -y -P "" works), added as an authentication key, the emulator has it', async () => {
  const { page, context, emulator, errors, audit } = await openPage.withConnection('/user/keys', 'GitHub', {
    url: `${openPage.emulator().url}/github`,
  });
  await authList(page).getByRole('listitem', { name: 'work laptop' }).waitFor(WAIT);
  const posts = await emulator.count('POST', '/github/user/keys');
  const shown = await generate(page, { title: 'ci runner' });
  const file = await downloaded(page, () => panel(page).getByRole('button', { name: 'Download id_ed25519', exact: true }).click());
  const derived = sshKeygen(file.text, '');
  assert.equal(keyPart(derived.line), keyPart(shown.line));
  assert.equal(derived.fingerprint, shown.fingerprint);

  await panel(page).getByRole('button', { name: 'Add to GitHub', exact: true }).click();
  await panel(page).getByRole('status').filter({ hasText: 'Added as an authentication key.' }).waitFor(WAIT);
  await authList(page).getByRole('listitem', { name: 'ci runner' }).getByText(shown.fingerprint).waitFor(WAIT);
  assert.equal(await emulator.count('POST', '/github/user/keys'), posts + 1, 'one POST reached GitHub');
  const stored = (await emulator.api('GET', '/github/user/keys?per_page=100')).filter((k) => k.title === 'ci runner');
  assert.equal(stored.length, 1);
  assert.equal(keyPart(stored[0].key), keyPart(shown.line));
  assert.ok(audit.requests.some((r) => r.method === 'POST' && r.body.includes(keyPart(shown.line))), 'the public half was sent');
  assert.ok(audit.requests.every((r) => !r.body.includes('PRIVATE KEY')), 'the private half was not');
  await assertNoPrivateKeyLeft(page);
  assert.deepEqual(errors, []);
  await context.close();
});

test('Closing the panel while a key is being made ends the key-generation worker: no key is kept, and the next one works', async () => {
  const { page, errors } = await openPage('/user/keys');
  // Hold the generator's WebAssembly so the worker is still at work when the panel closes.
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.context().route(/keyward_keygen_bg\.wasm/, async (route) => {
    await held;
    // The worker's end cancels its request: continuing it then fails.
    await route.continue().catch(() => {});
  });
  await openButton(page).click();
  await panel(page).getByLabel('Title', { exact: true }).fill('Stopped');
  const [worker] = await Promise.all([
    page.waitForEvent('worker', WAIT),
    panel(page).getByRole('button', { name: 'Generate', exact: true }).click(),
  ]);
  const ended = new Promise((resolve) => worker.once('close', () => resolve(true)));
  await page.getByRole('button', { name: 'Close', exact: true }).click();
  assert.equal(await Promise.race([ended, new Promise((r) => setTimeout(() => r(false), 10_000))]), true, 'the worker was terminated');
  await page.getByRole('status').filter({ hasText: /^Generation stopped: the key generator was ended/ }).waitFor(WAIT);
  assert.deepEqual(page.workers().filter((w) => w.url().includes('keygen-worker')), [], 'no generator left running');
  release();
  await page.context().unroute(/keyward_keygen_bg\.wasm/);

  // A stopped generation leaves nothing behind: the panel opens empty and makes a key.
  await openButton(page).click();
  assert.equal(await panel(page).getByRole('region', { name: 'Your new key' }).count(), 0);
  await panel(page).getByRole('button', { name: 'Generate', exact: true }).click();
  await panel(page).getByRole('region', { name: 'Your new key' }).waitFor(WAIT);
  await assertNoPrivateKeyLeft(page);
  assert.deepEqual(errors, []);
});
