// The Sandbox as its service worker keeps it (src/bin/keyward_sandbox/):
// its state is saved in the Cache API before each answer, so a test reads
// what the worker answered from, as the page's own origin can.

/// The Sandbox's saved state (parsed), or null before its first request.
export async function sandboxState(page) {
  return page.evaluate(async () => {
    const saved = await (await caches.open('keyward-sandbox')).match('/sandbox/state');
    return saved ? saved.json() : null;
  });
}

/// How many requests the Sandbox has answered (it counts them).
export async function sandboxRequests(page) {
  return (await sandboxState(page))?.requests ?? 0;
}

/// Stops every service worker of the page's browser context, as Chromium
/// does to an idle one after about 30 seconds.
export async function stopServiceWorkers(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
}
