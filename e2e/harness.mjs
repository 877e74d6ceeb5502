// The shared frame of every page test: per test file, keyward-server
// serving the release build ($DIST, default ../dist) with its proxies
// pointed at keyward-emulator, both on 127.0.0.1 and free ports, and one
// Debian Chromium; per page, a fresh browser context (empty storage: a
// new Sandbox). Every page gets, without asking:
// - the request audit (audit.mjs), checked after each test;
// - a `securitypolicyviolation` listener: zero violations, checked after
//   each test;
// - the server's security headers checked on the document response.
import { before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, distFolder } from './server.mjs';
import { startEmulator } from './emulator.mjs';
import { launch } from './browser.mjs';
import { Audit } from './audit.mjs';

export { distFolder };

/// `options.seedUserKeys`: extra generated keys for the emulator's octocat.
export function usePages(options = {}) {
  let server;
  let emulator;
  let browser;
  let opened = [];
  before(async () => {
    emulator = await startEmulator(options);
    server = await startServer(distFolder(), {
      tfe: `${emulator.url}/tfe`,
      astro: `${emulator.url}/astro`,
      cnb: `${emulator.url}/cnb`,
    });
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await emulator?.close();
  });
  afterEach(async () => {
    const pages = opened;
    opened = [];
    for (const { context } of pages) await context.close().catch(() => {});
    for (const { audit, violations } of pages) {
      audit.check();
      assert.deepEqual(violations, [], 'Content-Security-Policy violations');
    }
  });

  /// A fresh context on `path`. Returns { page, context, errors, audit }:
  /// `errors` collects page errors and console errors, `audit.requests`
  /// every request the page made. `contextOptions` go to newContext
  /// (colorScheme, permissions…).
  async function openPage(path, contextOptions = {}) {
    const context = await browser.newContext(contextOptions);
    const audit = new Audit([server.url, emulator.url], [emulator.token]);
    const violations = [];
    opened.push({ context, audit, violations });
    await context.exposeBinding('__keywardCspViolation', (_source, report) => violations.push(report));
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        window.__keywardCspViolation(`${e.violatedDirective} blocked ${e.blockedURI} (${e.sample})`);
      });
    });
    context.on('request', (request) => audit.record(request));
    context.on('requestfinished', (request) => audit.answered(request));
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && !sandboxRefusal(m) && errors.push(m.text()));
    const response = await page.goto(server.url + path);
    assertSecurityHeaders(response.headers());
    return { page, context, errors, audit, violations };
  }
  openPage.origin = () => server.url;
  openPage.emulator = () => emulator;
  /// `openPage` on `path` using a connection of `provider` to the
  /// emulator, added through the Connections form: `url` is the API URL to
  /// call directly (GitHub: `${emulator.url}/github`); without it the
  /// connection goes through keyward-server's proxy.
  openPage.withConnection = async (path, provider, { url, proxy, contextOptions } = {}) => {
    const opened = await openPage('/connections', contextOptions);
    const label = await addConnection(opened.page, server.url, {
      provider,
      url,
      proxy: proxy ?? (url ? undefined : true),
      token: emulator.token,
      name: `Emulated ${provider}`,
    });
    await useConnection(opened.page, server.url, path, label);
    return { ...opened, emulator, label };
  };
  return openPage;
}

/// Chromium logs every error status a `fetch` gets ("Failed to load
/// resource: … status of 404"). From the Sandbox (its service worker, under
/// /sandbox/) that is a provider's refusal the page shows in its own words,
/// as it does a real provider's: not an error of the app.
function sandboxRefusal(message) {
  const url = message.location()?.url ?? '';
  return message.text().startsWith('Failed to load resource: the server responded with a status of ')
    && URL.canParse(url) && new URL(url).pathname.startsWith('/sandbox/');
}

/// What keyward-server promises on every document.
export function assertSecurityHeaders(headers) {
  const csp = headers['content-security-policy'] ?? '';
  const directive = (name) => csp.split(';').map((d) => d.trim()).find((d) => d.startsWith(`${name} `)) ?? '';
  assert.match(directive('frame-ancestors'), /'none'/, `frame-ancestors in the CSP: ${csp}`);
  const scripts = directive('script-src') || directive('default-src');
  assert.ok(scripts && !/'unsafe-inline'|'unsafe-eval'/.test(scripts), `script-src is strict: ${scripts}`);
  for (const name of ['object-src', 'base-uri']) assert.match(directive(name), /'none'/, `${name}: ${csp}`);
  assert.equal(headers['x-content-type-options'], 'nosniff');
  assert.equal(headers['referrer-policy'], 'no-referrer');
  assert.equal(headers['cross-origin-opener-policy'], 'same-origin');
  assert.ok(headers['permissions-policy'], 'a Permissions-Policy');
}

/// The Connections page as a user fills it: returns the name the pages'
/// Connection select shows.
export async function addConnection(page, origin, { provider, url, token, name, proxy }) {
  await page.goto(`${origin}/connections`);
  const form = page.getByRole('form', { name: 'Add a connection' });
  await form.getByLabel('Provider', { exact: true }).selectOption({ label: provider });
  if (url !== undefined) await form.getByLabel('API URL', { exact: true }).fill(url);
  const viaProxy = form.getByLabel('Send through the same-origin proxy');
  if (proxy !== undefined && (await viaProxy.count())) await viaProxy.setChecked(proxy);
  await form.getByLabel('Token', { exact: true }).fill(token);
  await form.getByLabel('Name', { exact: true }).fill(name);
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('heading', { level: 3, name, exact: true }).waitFor({ timeout: 10_000 });
  return `${name} · ${provider}`;
}

/// Opens `path` (same tab: the connection lives in sessionStorage) and
/// picks the connection `label` in the page's Connection select.
export async function useConnection(page, origin, path, label) {
  await page.goto(origin + path);
  const select = page.getByLabel('Connection', { exact: true });
  await select.waitFor({ timeout: 10_000 });
  await select.selectOption({ label });
}
