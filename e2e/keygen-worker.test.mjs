// The key-generation worker as the page runs it (keygen-worker.js and the
// keyward_keygen WebAssembly module of the release build), checked with the
// real tools: ssh-keygen derives the same public key from each private key
// (with its passphrase when encrypted), openssl accepts the RSA key, and
// ssh-keygen's fingerprint is the one the page's engine shows on Inspect.
// The main thread keeps running while RSA is made.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { usePages } from './harness.mjs';

const openPage = usePages();

/// One key from the page's worker; `ticks` counts the main thread's timer
/// callbacks that ran before the answer came.
const generate = (page, request) =>
  page.evaluate((request) => new Promise((done) => {
    let ticks = 0;
    const timer = setInterval(() => { ticks += 1; }, 5);
    const worker = new Worker('/keygen-worker.js');
    worker.onmessage = (event) => {
      clearInterval(timer);
      worker.terminate();
      done({ ...JSON.parse(event.data), ticks });
    };
    worker.postMessage(JSON.stringify(request));
  }), request);

function withFiles(privateKey, publicKey, check) {
  const dir = mkdtempSync(join(tmpdir(), 'keyward-keygen-'));
  try {
    const file = join(dir, 'id');
    writeFileSync(file, privateKey, { mode: 0o600 });
    chmodSync(file, 0o600);
    writeFileSync(`${file}.pub`, `${publicKey}\n`);
    return check(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const keyPart = (line) => line.trim().split(/\s+/).slice(0, 2).join(' ');
const fingerprint = (file) => execFileSync('ssh-keygen', ['-l', '-f', file], { encoding: 'utf8' }).split(' ')[1];

/// The fingerprint the page's engine shows for `publicKey` on Inspect.
async function pageShows(page, publicKey, expected) {
  await page.getByLabel('Key', { exact: true }).fill(publicKey);
  await page.getByText(expected, { exact: true }).first().waitFor({ timeout: 10_000 });
}

test('Ed25519 from the worker: OpenSSH, encrypted with its passphrase, and the page fingerprints it as ssh-keygen does', async () => {
  const { page, errors } = await openPage('/inspect');
  await page.getByLabel('Key', { exact: true }).waitFor({ timeout: 10_000 });
  const plain = await generate(page, { kind: 'ed25519', comment: 'ci@runner' });
  assert.ok(plain.ok, plain.error);
  assert.match(plain.private_key, /^-----BEGIN OPENSSH PRIVATE KEY-----\n/);
  assert.match(plain.public_key, /^ssh-ed25519 AAAA\S+ ci@runner$/);
  const sha256 = withFiles(plain.private_key, plain.public_key, (file) => {
    assert.equal(keyPart(execFileSync('ssh-keygen', ['-y', '-P', '', '-f', file], { encoding: 'utf8' })), keyPart(plain.public_key));
    return fingerprint(`${file}.pub`);
  });
  await pageShows(page, plain.public_key, sha256);

  const locked = await generate(page, { kind: 'ed25519', comment: 'laptop', passphrase: 'correct horse' });
  assert.ok(locked.ok, locked.error);
  withFiles(locked.private_key, locked.public_key, (file) => {
    assert.equal(keyPart(execFileSync('ssh-keygen', ['-y', '-P', 'correct horse', '-f', file], { encoding: 'utf8' })), keyPart(locked.public_key));
    assert.notEqual(spawnSync('ssh-keygen', ['-y', '-P', 'wrong', '-f', file]).status, 0, 'a wrong passphrase opens nothing');
  });
  assert.notEqual(keyPart(locked.public_key), keyPart(plain.public_key));

  const refused = await generate(page, { kind: 'rsa-3072', comment: 'x', passphrase: 'nope' });
  assert.equal(refused.ok, false);
  assert.match(refused.error, /Ed25519 keys only/);
  assert.deepEqual(errors, []);
});

test('RSA 3072 from the worker: PEM RSA PRIVATE KEY that openssl accepts, made while the page keeps running', async () => {
  const { page, errors } = await openPage('/inspect');
  await page.getByLabel('Key', { exact: true }).waitFor({ timeout: 10_000 });
  const key = await generate(page, { kind: 'rsa-3072', comment: 'module access' });
  assert.ok(key.ok, key.error);
  assert.match(key.private_key, /^-----BEGIN RSA PRIVATE KEY-----\n[\s\S]+-----END RSA PRIVATE KEY-----\n?$/);
  // Timer callbacks ran on the main thread while the worker made the key.
  assert.ok(key.ticks > 0, `the main thread ran ${key.ticks} timer callbacks during generation`);
  console.log(`RSA 3072 in the worker: ${key.millis.toFixed(0)} ms`);
  const sha256 = withFiles(key.private_key, key.public_key, (file) => {
    assert.match(execFileSync('openssl', ['rsa', '-check', '-noout', '-in', file], { encoding: 'utf8' }), /RSA key ok/);
    assert.equal(keyPart(execFileSync('ssh-keygen', ['-y', '-f', file], { encoding: 'utf8' })), keyPart(key.public_key));
    const listed = execFileSync('ssh-keygen', ['-l', '-f', `${file}.pub`], { encoding: 'utf8' });
    assert.match(listed, /^3072 SHA256:/);
    return fingerprint(`${file}.pub`);
  });
  await pageShows(page, key.public_key, sha256);
  assert.deepEqual(errors, []);
});
