// The request audit every page test gets from the harness: what the
// browser sent, checked after each test. Keyward's promise is that keys
// and tokens go only where the user sends them.
import assert from 'node:assert/strict';

/// Private-key material in any form the engine refuses (PEM/OpenSSH
/// armour, PuTTY, SSH.com, and the base64 of "openssh-key-v1" when the
/// armour was lost or the lines were joined).
export const PRIVATE_MARKERS = [
  'PRIVATE KEY-----',
  'PuTTY-User-Key-File',
  'b3BlbnNzaC1rZXktdjE',
  'SSH2 ENCRYPTED PRIVATE KEY',
];

/// The one endpoint that must carry a private key: Terraform's SSH keys
/// (create and replace), direct or through the server's proxy.
const TFE_SSH_KEYS = /\/organizations\/[^/]+\/ssh-keys(\/[^/]+)?$|\/ssh-keys\/[^/]+$/;

/// Query parameters that would put a credential in a URL.
const TOKEN_PARAMS = /[?&](access_token|token|private_token|api_key|key)=/i;

export class Audit {
  constructor(origins, secrets) {
    this.origins = new Set(origins);
    this.secrets = new Set(secrets);
    this.requests = [];
  }

  /// Also allow requests to `url`'s origin (a test's deliberately
  /// unreachable provider, say).
  allow(url) {
    this.origins.add(new URL(url).origin);
  }

  /// A value that must never appear in a URL (a token the test typed).
  secret(value) {
    this.secrets.add(value);
  }

  record(request) {
    const entry = {
      method: request.method(),
      url: request.url(),
      body: request.postData() ?? '',
      type: request.resourceType(),
      redirect: Boolean(request.redirectedFrom?.()),
      answered: false,
    };
    this.requests.push(entry);
    this.#entries.set(request, entry);
  }

  /// A response came back for `request` (the requestfinished event).
  answered(request) {
    const entry = this.#entries.get(request);
    if (entry) entry.answered = true;
  }

  #entries = new WeakMap();

  /// Requests sent to `origin` (default: anywhere but the app's own files).
  sent(filter = () => true) {
    return this.requests.filter(filter);
  }

  check() {
    for (const { method, url, body, redirect, answered } of this.requests) {
      const parsed = new URL(url);
      if (parsed.protocol === 'data:' || parsed.protocol === 'blob:') continue;
      // Chromium reports the target of a redirect the page refused
      // (`redirect: manual`) as a request that is never sent or answered;
      // one that was followed gets an answer, and is held to the rule.
      const neverSent = redirect && !answered;
      assert.ok(neverSent || this.origins.has(parsed.origin), `request to an unexpected origin: ${method} ${parsed.origin}${parsed.pathname}`);
      for (const secret of this.secrets) {
        assert.ok(!url.includes(secret), `a token in a URL: ${method} ${parsed.pathname}`);
      }
      assert.ok(!TOKEN_PARAMS.test(parsed.search), `a credential parameter in a URL: ${parsed.pathname}${parsed.search}`);
      const mayCarryKey = (method === 'POST' || method === 'PATCH') && TFE_SSH_KEYS.test(parsed.pathname);
      for (const marker of PRIVATE_MARKERS) {
        assert.ok(!decoded(url).includes(marker), `private-key material in a URL: ${method} ${parsed.pathname}`);
        if (!mayCarryKey) {
          assert.ok(!body.includes(marker), `private-key material in the body of ${method} ${parsed.pathname}`);
        }
      }
    }
  }
}

function decoded(url) {
  try {
    return decodeURIComponent(url);
  } catch {
    return url;
  }
}
