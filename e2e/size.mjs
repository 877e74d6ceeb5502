// The release build's sizes for the README (printed, never asserted): every
// file raw, gzip -9 and brotli 11, then the totals that matter:
// - first load: what `/inspect` fetches before the page is interactive
//   (index.html and what it links, the loader, the Inspect build);
// - later: what only other pages fetch (the whole app), and anything else
//   (a worker) with its own figure.
// `node e2e/size.mjs [dist]` (default: $DIST or dist/); scripts/size.sh.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const root = resolve(import.meta.dirname, '..');
const kb = (n) => (n / 1024).toFixed(1).padStart(8) + ' KB';

/// Sizes of one file: raw, gzip -9, brotli 11.
function measure(file) {
  const data = readFileSync(file);
  return {
    raw: data.length,
    gz: gzipSync(data, { level: 9 }).length,
    br: brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

/// The files index.html makes the browser fetch on `/inspect`: its
/// stylesheets and scripts, and the build loader.js starts there (named in
/// the keyward-js / keyward-wasm meta tags).
function firstLoadNames(html) {
  const names = new Set(['index.html']);
  const attr = /<(?:link|script|meta)\b[^>]*>/g;
  for (const tag of html.match(attr) ?? []) {
    const rel = /rel="([^"]+)"/.exec(tag)?.[1];
    const href = /(?:href|src)="\/?([^"#?:]+)"/.exec(tag)?.[1];
    if (href && (rel === 'stylesheet' || tag.startsWith('<script'))) names.add(href);
    if (/name="keyward-(js|wasm)"/.test(tag)) names.add(/content="\/?([^"]+)"/.exec(tag)[1]);
  }
  return names;
}

export function sizes(dist = process.env.DIST ?? process.argv[2] ?? join(root, 'dist')) {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const first = firstLoadNames(html);
  const groups = { first: [], app: [], other: [] };
  for (const name of readdirSync(dist).sort()) {
    const file = join(dist, name);
    if (!statSync(file).isFile() || /\.(br|gz)$/.test(name)) continue;
    const group = first.has(name) ? 'first' : /^keyward(\.js|_bg\.wasm)$/.test(name) ? 'app' : 'other';
    groups[group].push({ name, ...measure(file) });
  }
  const header = `${'file'.padEnd(44)} ${'raw'.padStart(11)} ${'gzip'.padStart(11)} ${'brotli'.padStart(11)}`;
  const line = (name, s) => `${name.padEnd(44)} ${kb(s.raw)} ${kb(s.gz)} ${kb(s.br)}`;
  const sum = (rows) => rows.reduce((t, r) => ({ raw: t.raw + r.raw, gz: t.gz + r.gz, br: t.br + r.br }), { raw: 0, gz: 0, br: 0 });
  const titles = {
    first: 'First load of /inspect (before the page is interactive)',
    app: 'Later: the whole app (every other page)',
    other: 'Later: other files (workers, assets)',
  };
  const totals = {};
  for (const [group, rows] of Object.entries(groups)) {
    if (rows.length === 0) continue;
    console.log(`\n${titles[group]}\n${header}`);
    rows.forEach((r) => console.log(line(r.name, r)));
    totals[group] = sum(rows);
    console.log(line('total', totals[group]));
  }
  return totals;
}

if (import.meta.url === `file://${process.argv[1]}`) sizes();
