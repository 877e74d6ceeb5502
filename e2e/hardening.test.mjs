// The browser side keeps its promises about tokens, over real HTTP: a
// token a browser cannot put in a header is refused in words (not a stuck
// page), a redirect is refused rather than followed with the token, a
// provider's error that echoes the token shows it masked, a token typed for
// one provider is cleared when another is chosen, and each page's footer
// says what that page sends. The providers here are small node servers on
// 127.0.0.1 started by each test, so the test knows exactly what reached
// them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { usePages } from './harness.mjs';

const WAIT = { timeout: 15_000 };
const openPage = usePages();

/// A fake GitHub API on 127.0.0.1 that answers every request with
/// `answer(request)` ({ status, headers, body }), CORS allowed (GitHub
/// allows it), and counts what it got.
async function fakeApi(answer) {
  const received = [];
  const server = createServer((request, response) => {
    received.push({ method: request.method, url: request.url, authorization: request.headers.authorization });
    const cors = {
      'access-control-allow-origin': '*',
      'access-control-allow-headers': 'authorization, accept, content-type',
      'access-control-allow-methods': 'GET, POST, DELETE',
    };
    if (request.method === 'OPTIONS') {
      response.writeHead(204, cors).end();
      return;
    }
    const { status, headers = {}, body = '' } = answer(request);
    response.writeHead(status, { ...cors, 'content-type': 'application/json', ...headers }).end(body);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${server.address().port}`;
  return {
    url,
    received,
    close: () => new Promise((ok) => server.close(ok)),
  };
}

/// Adds a GitHub connection through the form, then opens User keys with it.
async function userKeysWith(page, apiUrl, token, name) {
  await page.goto(`${openPage.origin()}/connections`);
  const form = page.getByRole('form', { name: 'Add a connection' });
  await form.getByLabel('Provider', { exact: true }).selectOption({ label: 'GitHub' });
  await form.getByLabel('API URL', { exact: true }).fill(apiUrl);
  await form.getByLabel('Token', { exact: true }).fill(token);
  await form.getByLabel('Name', { exact: true }).fill(name);
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('heading', { level: 3, name, exact: true }).waitFor(WAIT);
  await page.goto(`${openPage.origin()}/user/keys`);
  await page.getByLabel('Connection', { exact: true }).selectOption({ label: `${name} · GitHub` });
}

const notBusy = async (page) =>
  assert.equal(await page.locator('[aria-busy="true"]').count(), 0, 'the page is left busy');

test('A token with a zero-width space is refused in words, before sending and before saving', async () => {
  const { page, errors } = await openPage('/connections');
  // Typed in the form: said next to the field, on Check and on Save.
  const form = page.getByRole('form', { name: 'Add a connection' });
  await form.getByLabel('Provider', { exact: true }).selectOption({ label: 'CNB' });
  await form.getByLabel('Token', { exact: true }).fill('cnb_abcdefg\u200Bhij');
  await form.getByRole('button', { name: 'Check', exact: true }).click();
  await form
    .getByText('The token contains a character that cannot be sent in an HTTP header (a zero-width space at position 12)')
    .waitFor(WAIT);

  // Saved by an older version (or edited storage): the send path refuses
  // it as an error the page shows, and nothing reaches the API (port 9:
  // nothing listens there, and the audit would report the request).
  await page.evaluate(() => {
    const saved = [{
      id: 'github-zwsp', provider: 'GitHub', label: 'Pasted', api_url: 'http://127.0.0.1:9',
      via_proxy: false, remember: false, token: 'ghp_abcdefg\u200Bhij',
    }];
    sessionStorage.setItem('keyward.connections', JSON.stringify(saved));
  });
  await page.goto(`${openPage.origin()}/user/keys`);
  await page.getByLabel('Connection', { exact: true }).selectOption({ label: 'Pasted · GitHub' });
  await page
    .getByRole('alert')
    .filter({ hasText: 'The token contains a character that cannot be sent in an HTTP header (a zero-width space at position 12): paste it again without it.' })
    // Each list of the page (SSH keys, signing keys) says it.
    .first()
    .waitFor(WAIT);
  await notBusy(page);
  assert.deepEqual(errors, [], 'no exception escaped');
});

test('A redirect is refused, not followed: its target never gets the token', async () => {
  const target = await fakeApi(() => ({ status: 200, body: '[]' }));
  const api = await fakeApi(() => ({ status: 302, headers: { location: `${target.url}/user/keys` } }));
  try {
    const { page, audit } = await openPage('/connections');
    audit.allow(api.url);
    await userKeysWith(page, api.url, 'ghp_redirected_token', 'Moved');
    await page
      .getByRole('alert')
      .filter({ hasText: 'Keyward does not follow redirects so your token is never sent elsewhere' })
      .first()
      .waitFor(WAIT);
    await notBusy(page);
    assert.ok(api.received.some((r) => r.method === 'GET'), 'the API was asked');
    assert.deepEqual(target.received, [], 'the redirect target got no request');
  } finally {
    await api.close();
    await target.close();
  }
});

test('A provider error that echoes the token shows it masked on a list page', async () => {
  const token = 'ghp_echoed_by_the_server_1234';
  const api = await fakeApi((request) => ({
    status: 401,
    body: JSON.stringify({ message: `Bad credentials: ${request.headers.authorization}` }),
  }));
  try {
    const { page, audit } = await openPage('/connections');
    audit.allow(api.url);
    audit.secret(token);
    await userKeysWith(page, api.url, token, 'Echo');
    const alert = page.getByRole('alert').filter({ hasText: 'Bad credentials: Bearer [token]' });
    await alert.first().waitFor(WAIT);
    assert.ok(api.received.some((r) => r.authorization === `Bearer ${token}`), 'the token was sent to its API');
    assert.equal(await page.getByText(token).count(), 0, 'the token is not shown');
    assert.ok(!(await page.content()).includes(token), 'nor anywhere in the page');
  } finally {
    await api.close();
  }
});

test('Choosing another provider clears the typed token', async () => {
  const { page } = await openPage('/connections');
  const form = page.getByRole('form', { name: 'Add a connection' });
  const token = form.getByLabel('Token', { exact: true });
  await form.getByLabel('Provider', { exact: true }).selectOption({ label: 'GitHub' });
  await token.fill('ghp_typed_for_github');
  assert.equal(await token.inputValue(), 'ghp_typed_for_github');
  await form.getByLabel('Provider', { exact: true }).selectOption({ label: 'HCP Terraform' });
  assert.equal(await token.inputValue(), '');
});

test('Each page says what it sends and to whom; only Inspect says nothing is sent', async () => {
  const { page } = await openPage('/inspect');
  const pages = [
    ['/', /^Inspect runs in your browser: nothing you paste on this page is sent anywhere\.$/],
    ['/inspect', /^Inspect runs in your browser: nothing you paste on this page is sent anywhere\.$/],
    ['/user/keys', /^User keys sends the key line and title .* only to the API URL of the GitHub connection you choose\. With the Sandbox connection, nothing leaves your browser\.$/],
    ['/repos/octocat/hello-world/keys', /^Repository keys sends the repository name, the key line, title and read-only choice of a deploy key .*GitHub connection you choose\./],
    ['/orgs', /^Organization keys sends your token .* HCP Terraform or Terraform Enterprise the name and private key of an SSH key you add; to Astronomer token names, descriptions and roles; to CNB /],
    ['/connections', /^Connections keeps tokens in this browser\. A token is sent only to its connection's API URL/],
  ];
  for (const [path, expected] of pages) {
    await page.goto(openPage.origin() + path);
    const note = page.locator('footer .site-footer__data');
    await note.waitFor(WAIT);
    const text = (await note.textContent()).trim();
    assert.match(text, expected, path);
    const footer = await page.locator('footer').textContent();
    if (path !== '/' && path !== '/inspect') {
      assert.doesNotMatch(footer, /nothing you paste|Nothing you paste is sent anywhere/, `${path} promises nothing is sent`);
    }
  }
});
