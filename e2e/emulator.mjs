// keyward-emulator for the page tests, with its test-only control API:
// queued one-shot faults (a page cannot send the fault header), the request
// log (method, path, status: counts what reached the "provider"), and the
// providers' own APIs for seeding data from node.
import { randomBytes } from 'node:crypto';
import { startBinary } from './processes.mjs';

// seedRepos: N generated GitHub repositories for octocat (--seed-repos).
// A one-shot GitHub rate limit resetting in 2 s, for a scan's pause:
// emulator.fault({ path: '/github/repos/', fault: 'rate-limit=2' }).
export async function startEmulator({ seedUserKeys = 0, seedRepos = 0 } = {}) {
  const token = `kwe2e_${randomBytes(12).toString('hex')}`;
  const args = ['--listen', '127.0.0.1:0', '--token', token, '--control'];
  if (seedUserKeys) args.push('--seed-user-keys', String(seedUserKeys));
  if (seedRepos) args.push('--seed-repos', String(seedRepos));
  const child = await startBinary('keyward-emulator', args);
  const url = child.url;

  async function call(method, path, body, headers = {}) {
    const response = await fetch(url + path, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      redirect: 'manual',
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return text ? JSON.parse(text) : null;
  }

  return {
    url,
    token,
    close: child.close,
    stderr: child.stderr,
    /// A provider call from node, with the emulator's token.
    api: call,
    /// Queues `fault` (`status=500`, `retry-after=2`, `rate-limit=2`, `delay=3000`,
    /// `drop`, `drop-after`, `redirect`) for the next `times` requests under `path`.
    /// `body` (JSON) replaces the response body of a `status=` fault.
    async fault({ path, fault, method, times = 1, body }) {
      const query = new URLSearchParams({ path, fault, times: String(times) });
      if (method) query.set('method', method);
      await call('POST', `/_emulator/faults?${query}`, body === undefined ? undefined : JSON.stringify(body));
    },
    clearFaults: () => call('DELETE', '/_emulator/faults'),
    /// [{ method, path, status }] of every provider request handled so far.
    log: () => call('GET', '/_emulator/log'),
    clearLog: () => call('DELETE', '/_emulator/log'),
    /// How many logged requests match `method` and `path` (a string prefix or a RegExp).
    async count(method, path) {
      const matches = (p) => (path instanceof RegExp ? path.test(p) : p.startsWith(path));
      return (await this.log()).filter((e) => e.method === method && matches(e.path)).length;
    },
  };
}
