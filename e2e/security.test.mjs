// The harness's own promises checked against a page made to break them:
// the CSP listener sees a violation, the audit refuses private-key
// material and tokens where they must not go. And the flattened private
// key (newlines turned into spaces, after a public key on one line) is
// refused by the User keys form with nothing sent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { usePages } from './harness.mjs';
import { Audit } from './audit.mjs';
import { makeKey } from './keygen.mjs';

const WAIT = { timeout: 15_000 };
const openPage = usePages();

test('the CSP blocks an inline script and the listener reports it', async () => {
  const { page, context, violations } = await openPage('/inspect');
  await page.getByLabel('Key', { exact: true }).waitFor(WAIT);
  const ran = await page.evaluate(async () => {
    window.__inlineRan = false;
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true';
    document.body.append(script);
    await new Promise((ok) => setTimeout(ok, 200));
    return window.__inlineRan;
  });
  assert.equal(ran, false, 'the inline script did not run');
  assert.ok(violations.some((v) => v.startsWith('script-src')), JSON.stringify(violations));
  violations.length = 0; // seen and expected: the after-test check stays for the rest
  await context.close();
});

test('the audit refuses keys, tokens and strange origins, and allows the TFE key upload', () => {
  const request = (method, url, body = '', from = null) => ({
    method: () => method,
    url: () => url,
    postData: () => body,
    resourceType: () => 'fetch',
    redirectedFrom: () => from,
  });
  const app = 'http://127.0.0.1:1';
  const pem = '-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----';
  const cases = [
    [request('POST', `${app}/github/user/keys`, JSON.stringify({ key: pem })), /private-key material/],
    [request('POST', `${app}/github/user/keys`, '{"key":"ssh-ed25519 AAAA x b3BlbnNzaC1rZXktdjEAAAA"}'), /private-key material/],
    [request('GET', `${app}/github/user?x=tok123`), /token in a URL/],
    [request('GET', `${app}/x?access_token=abc`), /credential parameter/],
    [request('GET', 'https://example.com/'), /unexpected origin/],
  ];
  for (const [req, problem] of cases) {
    const audit = new Audit([app], ['tok123']);
    audit.record(req);
    assert.throws(() => audit.check(), problem);
  }
  const audit = new Audit([app], ['tok123']);
  audit.record(request('POST', `${app}/proxy/tfe/api/v2/organizations/acme/ssh-keys`, JSON.stringify({ value: pem })));
  audit.record(request('PATCH', `${app}/proxy/tfe/api/v2/ssh-keys/sshkey-1`, JSON.stringify({ value: pem })));
  // A redirect the page refused is reported but never sent: allowed; a
  // followed one (answered) to a foreign origin is not.
  const refused = request('GET', 'https://elsewhere.example/user/keys', '', {});
  audit.record(refused);
  audit.check();
  audit.answered(refused);
  assert.throws(() => audit.check(), /unexpected origin/);
});

test('a private key flattened onto a public key line is refused and nothing is sent', async () => {
  const pub = makeKey('ed25519', null, 'joined@keyward');
  const secret = makeKey('ed25519', null, 'joined@keyward');
  const flattened = `${pub.publicLine} ${secret.privateText.trim().split('\n').join(' ')}`;
  assert.match(flattened, /^ssh-ed25519 AAAA\S+ joined@keyward -----BEGIN OPENSSH PRIVATE KEY----- b3Blbn/);
  const emulator = openPage.emulator();
  const { page, context, audit } = await openPage.withConnection('/user/keys', 'GitHub', { url: `${emulator.url}/github` });
  const form = page.getByRole('form', { name: 'Add an SSH key' });
  await page.getByRole('list', { name: 'Your SSH keys' }).getByRole('listitem', { name: 'work laptop' }).waitFor(WAIT);
  const posts = await emulator.count('POST', '/github/user/keys');
  await form.getByLabel('Key', { exact: true }).fill(flattened);
  await form.getByText('Private key: not sent').waitFor(WAIT);
  await form.getByRole('button', { name: 'Add key', exact: true }).click();
  await form.getByRole('alert').filter({ hasText: 'Nothing was sent' }).waitFor(WAIT);
  await page.waitForTimeout(300);
  assert.equal(await emulator.count('POST', '/github/user/keys'), posts, 'no POST reached the provider');
  assert.ok(!audit.requests.some((r) => r.body.includes('PRIVATE KEY')), 'no request carried it');
  await context.close();
});
