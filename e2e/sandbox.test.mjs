// End-to-end: the Sandbox is answered by its service worker
// (src/bin/keyward_sandbox/), over the same real `fetch` as every provider:
// on a first visit, after a reload, after the browser stopped the worker,
// and after "Reset sandbox data". Each test gets a fresh browser context,
// so a first visit with no worker installed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { usePages } from './harness.mjs';
import { makeKey } from './keygen.mjs';
import { sandboxState, stopServiceWorkers } from './sandbox.mjs';

const WAIT = { timeout: 15_000 };
const openPage = usePages();

const list = (page) => page.getByRole('list', { name: 'Your SSH keys' });
const userKeys = (state) => state.github.users.find((u) => u.login === 'octocat').keys;

/// The answer to the page's first request for `path`, on its way.
function answerTo(page, path) {
  return page.waitForResponse((response) => new URL(response.url()).pathname === path, WAIT);
}

async function addKey(page, key, title) {
  await page.getByLabel('Title', { exact: true }).fill(title);
  await page.getByLabel('Key', { exact: true }).fill(key.publicLine);
  await page.getByRole('button', { name: 'Add key', exact: true }).click();
  await list(page).getByRole('listitem', { name: title }).waitFor(WAIT);
}

test('on a first visit the service worker answers the Sandbox over real fetch, on the page origin', async () => {
  const { page, context, errors, audit } = await openPage('/connections');
  const origin = new URL(page.url()).origin;
  // Where the Sandbox kept its data when it ran inside the page.
  await page.evaluate(() => localStorage.setItem('keyward.sandbox', '{"requests":7}'));
  const answered = answerTo(page, '/sandbox/github/user/keys');
  await page.goto(`${origin}/user/keys`);
  const response = await answered;
  assert.equal(response.status(), 200);
  assert.ok(response.fromServiceWorker(), 'answered by the service worker');
  assert.equal(response.request().resourceType(), 'fetch');
  assert.match(response.headers()['content-type'], /application\/json/);
  await list(page).getByRole('listitem', { name: 'work laptop' }).waitFor(WAIT);
  const worker = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL);
  assert.equal(worker, `${origin}/sandbox-sw.js`);
  assert.equal(await page.evaluate(() => localStorage.getItem('keyward.sandbox')), null, 'the old copy is gone');
  // Every Sandbox request went to the page's own origin, as a fetch the
  // audit saw (the harness checks them after the test).
  const sandbox = audit.sent((r) => new URL(r.url).pathname.startsWith('/sandbox/'));
  assert.ok(sandbox.length >= 1, 'the Sandbox requests are real requests');
  for (const request of sandbox) {
    assert.equal(new URL(request.url).origin, origin);
    assert.equal(request.type, 'fetch');
  }
  // The app's own files are not the worker's: they come from the server.
  const document = await page.goto(`${origin}/user/keys`);
  assert.equal(document.fromServiceWorker(), false);
  assert.ok(document.headers()['content-security-policy'], 'the server answered');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the Sandbox keeps its data across a reload and a stopped worker', async () => {
  const key = makeKey('ed25519', null, 'kept');
  const { page, context, errors } = await openPage('/user/keys');
  await list(page).getByRole('listitem', { name: 'work laptop' }).waitFor(WAIT);
  await addKey(page, key, 'kept across restarts');

  await page.reload();
  await list(page).getByRole('listitem', { name: 'kept across restarts' }).waitFor(WAIT);

  // Chromium stops an idle worker after about 30 seconds; the next
  // request starts it again, from the saved state.
  await stopServiceWorkers(context, page);
  const answered = answerTo(page, '/sandbox/github/user/keys');
  await page.reload();
  assert.ok((await answered).fromServiceWorker());
  await list(page).getByRole('listitem', { name: 'kept across restarts' }).getByText(key.sha256, { exact: true }).waitFor(WAIT);
  assert.equal(userKeys(await sandboxState(page)).filter((k) => k.fingerprint === key.sha256).length, 1);

  // A hard reload leaves the page uncontrolled; the page asks the active
  // worker to take it before its first Sandbox request.
  await page.addInitScript(() => {
    window.controlledAtStart = Boolean(navigator.serviceWorker.controller);
  });
  const cdp = await context.newCDPSession(page);
  const loaded = page.waitForEvent('load');
  await cdp.send('Page.reload', { ignoreCache: true });
  await loaded;
  await cdp.detach();
  await list(page).getByRole('listitem', { name: 'kept across restarts' }).waitFor(WAIT);
  assert.equal(await page.evaluate(() => window.controlledAtStart), false, 'the page started uncontrolled');
  assert.equal(await page.evaluate(() => Boolean(navigator.serviceWorker.controller)), true);
  assert.deepEqual(errors, []);
  await context.close();
});

test('Reset sandbox data brings back the first visit, in every tab', async () => {
  const key = makeKey('ed25519', null, 'reset me');
  const { page, context, errors } = await openPage('/user/keys');
  await list(page).getByRole('listitem', { name: 'work laptop' }).waitFor(WAIT);
  await addKey(page, key, 'gone after reset');

  const other = await context.newPage();
  await other.goto(page.url().replace('/user/keys', '/connections'));
  const row = other.getByRole('listitem').filter({ has: other.getByRole('heading', { level: 3, name: 'Sandbox (no account needed)', exact: true }) });
  await row.getByRole('button', { name: 'Reset sandbox data' }).click();
  await other.getByRole('dialog', { name: 'Reset the Sandbox?' }).getByRole('button', { name: 'Reset', exact: true }).click();
  await other.getByText('The Sandbox is back to its first-visit data.').waitFor(WAIT);
  const state = await sandboxState(other);
  assert.equal(state.requests, 0);
  assert.equal(userKeys(state).some((k) => k.title === 'gone after reset'), false);

  // The first tab's next request sees the reset (one worker, one state).
  await page.reload();
  await list(page).getByRole('listitem', { name: 'work laptop' }).waitFor(WAIT);
  assert.equal(await list(page).getByRole('listitem', { name: 'gone after reset' }).count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a Sandbox request that reaches the server gets a JSON error, not the app', async () => {
  const { page, context } = await openPage('/inspect');
  const origin = new URL(page.url()).origin;
  // Straight to the server, as when no worker runs (a navigation is never
  // the worker's).
  const response = await page.goto(`${origin}/sandbox/github/user`);
  assert.equal(response.status(), 404);
  assert.equal(response.fromServiceWorker(), false);
  assert.match(response.headers()['content-type'], /application\/json/);
  assert.match(await response.text(), /service worker/);
  await context.close();
});
