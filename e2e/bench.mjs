// Browser figures for the README (printed, never asserted):
// - the 10,000-line authorized_keys file parsed by the engine in WASM;
// - paste-to-fingerprint on the Inspect page for an RSA-16384 key;
// - key generation in the keygen worker: Ed25519, RSA 3072, RSA 4096, and
//   the main thread's longest pause meanwhile;
// - the size of the release build (raw, gzip -9, brotli 11; e2e/size.mjs).
// Run by scripts/bench.sh after `trunk build --release` and `cargo bench`.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { startServer } from './server.mjs';
import { sizes } from './size.mjs';
import { launch } from './browser.mjs';

const root = resolve(import.meta.dirname, '..');

// An RSA-16384 public key: parsing and fingerprinting need no primes, so a
// random odd modulus with its top bit set is as good as a generated one (a
// real 16384-bit key takes ssh-keygen many minutes to make).
function rsa16384Line() {
  const n = randomBytes(2048);
  n[0] |= 0x80; n[2047] |= 1;
  const str = (b) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(b.length);
    return Buffer.concat([len, b]);
  };
  const mpint = (b) => str(b[0] & 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b);
  const blob = Buffer.concat([str(Buffer.from('ssh-rsa')), mpint(Buffer.from([1, 0, 1])), mpint(n)]);
  const line = `ssh-rsa ${blob.toString('base64')} bench@16384`;
  const dir = mkdtempSync(join(tmpdir(), 'keyward-bench-'));
  writeFileSync(join(dir, 'k.pub'), line + '\n');
  const sha256 = execFileSync('ssh-keygen', ['-l', '-f', join(dir, 'k.pub')], { encoding: 'utf8' }).split(' ')[1];
  return { line, sha256 };
}

async function browserFigures() {
  const server = await startServer(process.env.DIST);
  const browser = await launch();
  try {
    const page = await browser.newPage();
    await page.goto(server.url + '/inspect');
    await page.getByLabel('Key', { exact: true }).waitFor();
    const text = readFileSync(join(root, 'target/bench/authorized_keys'), 'utf8');
    const runs = await page.evaluate((text) => {
      const times = [];
      let found = 0;
      for (let i = 0; i < 15; i++) {
        const t0 = performance.now();
        found = window.wasmBindings.bench_inspect(text);
        times.push(performance.now() - t0);
      }
      return { times: times.sort((a, b) => a - b), found };
    }, text);
    console.log(`WASM in Chromium, 10,000-line file: best ${runs.times[0].toFixed(1)} ms, median ${runs.times[7].toFixed(1)} ms (${runs.found} findings)`);

    const key = rsa16384Line();
    const results = [];
    for (let i = 0; i < 5; i++) {
      await page.getByLabel('Key', { exact: true }).fill('');
      const ms = await page.evaluate(({ line, sha256 }) => new Promise((done) => {
        const area = [...document.querySelectorAll('textarea')][0];
        const t0 = performance.now();
        const seen = () => document.body.innerText.includes(sha256);
        const observer = new MutationObserver(() => {
          if (seen()) { observer.disconnect(); done(performance.now() - t0); }
        });
        observer.observe(document.body, { subtree: true, childList: true, characterData: true });
        area.value = line;
        area.dispatchEvent(new Event('input', { bubbles: true }));
        if (seen()) { observer.disconnect(); done(performance.now() - t0); }
      }), key);
      results.push(ms);
    }
    results.sort((a, b) => a - b);
    console.log(`Inspect page, paste RSA-16384 → fingerprint in the DOM: best ${results[0].toFixed(1)} ms, median ${results[2].toFixed(1)} ms`);
  } finally {
    await browser.close();
    await server.close();
  }
}

/// Key generation as the page does it (src/ui/state/keygen.rs): one
/// worker per key. `millis` is the worker's own figure (generation only);
/// `wall` adds starting the worker and compiling its module. `pause` is the
/// main thread's longest gap between timer ticks meanwhile.
async function keygenFigures() {
  const server = await startServer(process.env.DIST);
  const browser = await launch();
  try {
    const page = await browser.newPage();
    await page.goto(server.url + '/inspect');
    await page.getByLabel('Key', { exact: true }).waitFor();
    for (const [kind, runs] of [['ed25519', 10], ['rsa-3072', 5], ['rsa-4096', 5]]) {
      const figures = [];
      for (let i = 0; i < runs; i++) {
        figures.push(await page.evaluate((kind) => new Promise((done, fail) => {
          let last = performance.now();
          let pause = 0;
          const tick = setInterval(() => {
            const now = performance.now();
            pause = Math.max(pause, now - last);
            last = now;
          }, 10);
          const t0 = performance.now();
          const worker = new Worker('/keygen-worker.js');
          worker.onmessage = (event) => {
            const wall = performance.now() - t0;
            clearInterval(tick);
            worker.terminate();
            const reply = JSON.parse(event.data);
            if (!reply.ok) fail(new Error(reply.error));
            done({ millis: reply.millis, wall, pause });
          };
          worker.postMessage(JSON.stringify({ kind, comment: 'bench' }));
        }), kind));
      }
      const sorted = (key) => figures.map((f) => f[key]).sort((a, b) => a - b);
      const [gen, wall, pause] = [sorted('millis'), sorted('wall'), sorted('pause')];
      const mid = Math.floor(runs / 2);
      console.log(`keygen worker, ${kind} (${runs} keys): generation best ${gen[0].toFixed(0)} ms, median ${gen[mid].toFixed(0)} ms, worst ${gen[runs - 1].toFixed(0)} ms; with the worker's start, median ${wall[mid].toFixed(0)} ms; main thread's longest pause ${pause[runs - 1].toFixed(0)} ms`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

if (process.argv.includes('--keygen')) {
  await keygenFigures();
} else {
  sizes();
  await browserFigures();
  await keygenFigures();
}
