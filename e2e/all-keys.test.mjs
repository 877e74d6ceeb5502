// The All keys page (/keys): the inventory of every connection, Find a
// key, Findings and export — on the Sandbox, and over real HTTP on the
// emulator seeded with many repositories (progress, a 404, a rate-limit
// pause, Cancel, conditional requests).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { usePages } from './harness.mjs';
import { makeKey, makePemKey } from './keygen.mjs';
import { execFileSync } from 'node:child_process';

const REPOS = 200;
const WAIT = { timeout: 20_000 };
const SCAN = { timeout: 120_000 };
const openPage = usePages({ seedRepos: REPOS });

const status = (page) => page.locator('.inventory-progress__text');
const done = (page) => status(page).filter({ hasText: /^Done:/ }).waitFor(SCAN);
const table = (page) => page.getByRole('region', { name: /^Keys and tokens/ });
const findings = (page) => page.getByRole('region', { name: 'Findings' });

/// `ssh-keygen -l` of the public half of a private key, via files.
function publicFingerprint(privateText) {
  const dir = mkdtempSync(join(tmpdir(), 'keyward-all-keys-'));
  try {
    writeFileSync(join(dir, 'key'), privateText, { mode: 0o600 });
    writeFileSync(join(dir, 'key.pub'), execFileSync('ssh-keygen', ['-y', '-f', join(dir, 'key')]));
    return execFileSync('ssh-keygen', ['-l', '-f', join(dir, 'key.pub')], { encoding: 'utf8' }).split(' ')[1];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/// Reads a file the page offers as a download after `click`.
async function downloaded(page, click) {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8') };
}

test('All keys on the Sandbox: every seeded place, the known-compromised key flagged, Find a key, CSV', async () => {
  const { page, context, errors } = await openPage('/keys');
  await page.getByRole('heading', { level: 1, name: 'All keys' }).waitFor(WAIT);
  await done(page);
  const rows = table(page).locator('tbody tr');
  assert.ok((await rows.count()) >= 4, 'user, signing, deploy keys, TFE keys and Astro tokens are listed');
  for (const where of [/SSH key of user /, /signing key of user /, /deploy key on /, /SSH key of organization acme/, /token of deployment /]) {
    assert.ok(await table(page).getByText(where).count(), `a row for ${where}`);
  }
  // Vagrant's insecure key, seeded as a deploy key: a Critical finding naming its source.
  const critical = findings(page).locator('.finding--critical').filter({ hasText: /Vagrant/ });
  await critical.first().waitFor(WAIT);
  assert.ok(await findings(page).getByText(/can push to the repository/).count(), 'a read-write deploy key finding');

  // Find a key by fingerprint: the fingerprint of the first row with one.
  const fingerprint = (await table(page).locator('code.fingerprint').filter({ hasText: 'SHA256:' }).first().innerText()).trim();
  await page.getByLabel('Find a key', { exact: true }).fill(fingerprint);
  await page.getByRole('status').filter({ hasText: /is in \d+ places?:/ }).waitFor(WAIT);
  await page.getByLabel('Find a key', { exact: true }).fill('SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
  await page.getByText(/^Not found: /).waitFor(WAIT);

  const csv = await downloaded(page, () => page.getByRole('button', { name: 'Export CSV' }).click());
  assert.equal(csv.name, 'keyward-inventory.csv');
  const lines = csv.text.trim().split(/\r?\n/);
  assert.match(lines[0], /^provider,/i, 'a header row');
  assert.ok(lines.length >= (await rows.count()) + 1, 'one row per key or token, after the header');
  assert.ok(lines.some((l) => l.includes(fingerprint)), 'fingerprints are exported');
  assert.ok(!/sandbox-token|BEGIN .*PRIVATE/.test(csv.text), 'no token, no private key');
  assert.deepEqual(errors, []);
  await context.close();
});

test('All keys: a TFE key uploaded through Keyward is found, the same key in two places is grouped, the policy changes findings and add-form warnings, JSON and authorized_keys exports', async () => {
  const { page, context, errors } = await openPage('/orgs/acme/keys');
  // Upload a TFE key: Keyward records its public half's fingerprint.
  const pem = makePemKey();
  const sha256 = publicFingerprint(pem);
  const tfe = page.getByRole('region', { name: 'HCP Terraform / TFE SSH keys' });
  await tfe.getByLabel('Name', { exact: true }).fill('module access');
  await tfe.getByLabel('Private key', { exact: true }).fill(pem);
  await tfe.getByText('This private key belongs to').waitFor(WAIT);
  await tfe.getByRole('button', { name: 'Add SSH key' }).click();
  await tfe.getByText(`Fingerprint recorded: ${sha256}`).waitFor(WAIT);

  await page.goto(`${openPage.origin()}/keys`);
  await done(page);
  await page.getByLabel('Find a key', { exact: true }).fill(sha256);
  await page.locator('.inventory-find__results').getByText('SSH key of organization acme').waitFor(WAIT);
  // The Sandbox's work laptop key is also its signing key: one finding, both places.
  await findings(page).getByText(/is in 2 places/).first().waitFor(WAIT);
  await table(page).getByLabel('Group by fingerprint').check();

  // The policy: read-write deploy keys allowed, the finding goes, and stays gone after a reload.
  const readWrite = () => findings(page).getByText(/can push to the repository/).count();
  assert.ok((await readWrite()) > 0);
  await page.getByText('Policy', { exact: true }).click();
  await page.getByLabel('Allow read-write deploy keys').check();
  assert.equal(await readWrite(), 0, 'allowed by the policy');
  await page.getByLabel('Minimum RSA bits').fill('4096');
  await page.getByLabel('Minimum RSA bits').press('Tab');
  await page.reload();
  await done(page);
  assert.equal(await readWrite(), 0, 'the policy is kept on this device');

  const json = await downloaded(page, () => page.getByRole('button', { name: 'Export JSON' }).click());
  const parsed = JSON.parse(json.text);
  assert.ok(JSON.stringify(parsed).includes(sha256), 'the TFE key by its recorded fingerprint');
  assert.ok(!/"(token|secret|private_key|value)"\s*:/.test(json.text), 'no secret-like field');
  assert.ok(!json.text.includes('PRIVATE KEY'));

  await table(page).getByRole('checkbox', { name: 'Select module access' }).check();
  const authorized = await downloaded(page, () => page.getByRole('button', { name: 'Download authorized_keys' }).click());
  assert.equal(authorized.name, 'authorized_keys', 'saved under its own name, no .txt');
  const lines = authorized.text.trim().split('\n');
  assert.equal(lines.length, 1);
  assert.match(lines[0], /^ssh-rsa AAAA\S+ module access$/);

  // The add form warns with the same policy: a 3072-bit RSA key is below 4096.
  await page.goto(`${openPage.origin()}/user/keys`);
  const rsa = makeKey('rsa', 3072, 'policy@keyward');
  const form = page.getByRole('form', { name: 'Add an SSH key' });
  await form.getByLabel('Key', { exact: true }).fill(rsa.publicLine);
  await form.getByRole('list', { name: 'Key policy' }).getByText('your policy asks for at least 4096').waitFor(WAIT);
  assert.deepEqual(errors, []);
  await context.close();
});

test('A known-compromised key pasted in an add form is named and not sent', async () => {
  const vagrant = readFileSync(new URL('../tests/fixtures/known_bad/vagrant-insecure-ed25519.pub', import.meta.url), 'utf8').trim();
  const { page, context, audit } = await openPage('/user/keys');
  const form = page.getByRole('form', { name: 'Add an SSH key' });
  await form.getByLabel('Title', { exact: true }).fill('vagrant');
  await form.getByLabel('Key', { exact: true }).fill(vagrant);
  await form.getByText(/known-compromised key: the Vagrant/).first().waitFor(WAIT);
  await page.getByRole('button', { name: 'Add key', exact: true }).click();
  await form.getByRole('alert').filter({ hasText: 'Nothing was sent' }).waitFor(WAIT);
  const posts = audit.requests.filter((r) => r.method === 'POST' && /\/user\/(keys|ssh_signing_keys)/.test(r.url));
  assert.deepEqual(posts, [], 'nothing was sent');
  await context.close();
});

test(`All keys over HTTP: ${REPOS} repositories with progress, a 404, a rate-limit pause, Find a key by pasted key, conditional requests`, async () => {
  const key = makeKey('ed25519', null, 'find-me@keyward');
  const { page, context, emulator, errors } = await openPage.withConnection('/user/keys', 'GitHub', {
    url: `${openPage.emulator().url}/github`,
  });
  await emulator.api('POST', '/github/user/keys', { title: 'find me', key: key.publicLine });
  await emulator.fault({ path: '/github/repos/octocat/repo-005/keys', fault: 'status=404' });
  await emulator.fault({ path: '/github/repos/octocat/repo-051/keys', fault: 'retry-after=2' });
  await emulator.clearLog();

  const started = Date.now();
  await page.goto(`${openPage.origin()}/keys`);
  await status(page).filter({ hasText: /Paused: .*resuming at \d\d:\d\d:\d\d/ }).waitFor(SCAN);
  await done(page);
  const seconds = (Date.now() - started) / 1000;
  console.log(`# scanned ${REPOS} repositories on the emulator in ${seconds.toFixed(1)} s`);
  const text = await status(page).innerText();
  const [, scanned, total] = text.match(/(\d+) of (\d+) repositories/);
  assert.equal(scanned, total, 'every repository was read or reported');
  assert.ok(Number(total) >= REPOS * 0.85, `most of the ${REPOS} repositories are admin ones: ${total}`);

  // The 404 is listed, with why; the rate-limited one was read after the pause.
  const notRead = page.getByRole('region', { name: 'Not read' });
  await notRead.getByText('octocat/repo-005').waitFor(WAIT);
  const log = await emulator.log();
  const hits = log.filter((e) => e.path.startsWith('/github/repos/octocat/repo-051/keys'));
  assert.ok(hits.length >= 2 && hits.at(-1).status === 200, 'refused once, then read');

  // Find a key by the pasted public key: the account's key is found.
  await page.getByLabel('Find a key', { exact: true }).fill(key.publicLine);
  const found = page.getByRole('status').filter({ hasText: /is in 1 place:/ });
  await found.waitFor(WAIT);
  await page.locator('.inventory-find__results').getByText('find me').waitFor(WAIT);

  // A second scan asks with If-None-Match: unchanged lists come back 304.
  await emulator.clearLog();
  await page.getByRole('button', { name: 'Scan again' }).click();
  await done(page);
  const again = await emulator.log();
  assert.ok(again.filter((e) => e.status === 304).length >= REPOS * 0.8, 'most answers were 304');
  await status(page).filter({ hasText: /answers were unchanged/ }).waitFor(WAIT);
  // Chromium logs the 404 and the 429 this test asked for; nothing else.
  const unexpected = errors.filter((e) => !/^Failed to load resource: .* (404|429) /.test(e));
  assert.deepEqual(unexpected, []);
  await context.close();
});

test('All keys: Cancel stops a scan half-way and keeps what was found', async () => {
  const { page, context, emulator } = await openPage.withConnection('/user/keys', 'GitHub', {
    url: `${openPage.emulator().url}/github`,
  });
  // Slow answers, so the scan is surely mid-way when Cancel is pressed.
  await emulator.fault({ path: '/github/repos/', fault: 'delay=150', times: 1000 });
  await page.goto(`${openPage.origin()}/keys`);
  await status(page).filter({ hasText: /Scanning… ([2-9]\d|\d{3}) of / }).waitFor(SCAN);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await status(page).filter({ hasText: /^Cancelled after \d+ of \d+ repositories/ }).waitFor(WAIT);
  const [, scanned, total] = (await status(page).innerText()).match(/(\d+) of (\d+)/);
  assert.ok(Number(scanned) < Number(total), `stopped before the end: ${scanned} of ${total}`);
  assert.ok((await table(page).locator('tbody tr').count()) > 0, 'what was found stays');
  const before = (await emulator.log()).length;
  await new Promise((r) => setTimeout(r, 1000));
  assert.ok((await emulator.log()).length - before <= 3, 'no new requests after Cancel');
  await emulator.clearFaults();
  await context.close();
});
