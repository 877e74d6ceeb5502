// The shared frame of the page tests: one server for dist/ (or $DIST, a
// build of its own when other builds share dist/) and one Chromium per test
// file, and a fresh browser context per page (empty storage: a new sandbox).
import { before, after } from 'node:test';
import { startServer } from './server.mjs';
import { launch } from './browser.mjs';

export function usePages() {
  let server;
  let browser;
  before(async () => {
    server = await startServer(process.env.DIST || undefined);
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  /// A fresh context on `path`, collecting page errors and console errors;
  /// `openPage.origin()` is the server's address, for reloads and deep links.
  async function openPage(path) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(server.url + path);
    return { page, context, errors };
  }
  openPage.origin = () => server.url;
  return openPage;
}
