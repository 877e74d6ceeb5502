// The Sandbox's service worker. The page sends Sandbox requests with the
// same `fetch` as real ones, to its own origin under /sandbox/ (the
// Sandbox connection's API URL); this worker answers them with the
// sandbox's rules, compiled to WebAssembly (keyward_sandbox, main.rs
// beside this file). Nothing leaves the browser.
//
// Its scope is the whole site, because a worker answers only the requests
// of pages it controls, and a page is controlled by the worker whose scope
// covers the page's own URL. It answers nothing but fetches under
// /sandbox/: in Chromium a static route sends everything else straight to
// the network without starting the worker; elsewhere the fetch handler
// leaves it alone. Navigations are left alone too, so another site cannot
// drive the Sandbox by posting a form to it.
//
// State: kept in memory by the WebAssembly module, saved to the Cache API
// before each answer (a service worker has no localStorage and is stopped
// when idle), loaded once when the worker starts.
//
// scripts/trunk-post-build.sh writes the build's hash below, so every new
// build changes this file's bytes and the browser installs the new worker
// (with the WebAssembly module of the same build).
'use strict';

const BUILD = 'development';
const CACHE = 'keyward-sandbox';
const SAVED = new URL('sandbox/state', self.registration.scope).href;
const MOUNT = new URL('sandbox/', self.registration.scope).pathname;
// Statuses whose Response may not have a body.
const NO_BODY = [204, 205, 304];

importScripts('keyward_sandbox.js');

let booted = null;

/// Compiles the module and loads the saved state, once per worker start;
/// a failure is tried again on the next request.
function boot() {
  booted ??= (async () => {
    await wasm_bindgen({ module_or_path: `keyward_sandbox_bg.wasm?build=${BUILD}` });
    const saved = await (await caches.open(CACHE)).match(SAVED);
    wasm_bindgen.load(saved ? await saved.text() : undefined);
  })().catch((error) => {
    booted = null;
    throw error;
  });
  return booted;
}

self.addEventListener('install', (event) => {
  self.skipWaiting();
  if (!event.addRoutes) return;
  // Only an optimisation (without it the fetch handler filters): every
  // request but the Sandbox's goes to the network without this worker.
  try {
    const sandbox = { urlPattern: new URLPattern({ pathname: `${MOUNT}*`, baseURL: self.location.href }) };
    event.waitUntil(event.addRoutes([{ condition: { not: sandbox }, source: 'network' }]).catch(() => undefined));
  } catch {
    // An older router: the fetch handler does the same.
  }
});

self.addEventListener('activate', (event) => {
  // Take over pages already open (the first visit), so their Sandbox
  // requests reach this worker without a reload.
  event.waitUntil(self.clients.claim());
});

// A page that is not controlled (after a hard reload) asks to be.
self.addEventListener('message', (event) => {
  if (event.data === 'claim') event.waitUntil(self.clients.claim());
});

// One request at a time: they share the state.
let queue = Promise.resolve();

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !url.pathname.startsWith(MOUNT) || request.mode === 'navigate') {
    return;
  }
  const answered = queue.then(() => serve(request));
  queue = answered.catch(() => undefined);
  event.respondWith(answered.catch(() => failure()));
});

async function serve(request) {
  await boot();
  const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.text();
  const headers = [...request.headers].flat();
  const answer = wasm_bindgen.answer(request.method, request.url, headers, body, Date.now() / 1000);
  try {
    if (answer.state) {
      const saved = new Response(answer.state, { headers: { 'content-type': 'application/json' } });
      await (await caches.open(CACHE)).put(SAVED, saved);
    }
    const pairs = [];
    for (let i = 0; i + 1 < answer.headers.length; i += 2) pairs.push([answer.headers[i], answer.headers[i + 1]]);
    const status = answer.status;
    return new Response(NO_BODY.includes(status) ? null : answer.body, { status, headers: pairs });
  } finally {
    answer.free();
  }
}

function failure() {
  const body = JSON.stringify({ message: 'The Sandbox could not answer: its service worker failed. Reload the page to try again.' });
  return new Response(body, { status: 500, headers: { 'content-type': 'application/json' } });
}
