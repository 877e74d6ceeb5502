// Starts the app. Trunk's default loader is an inline <script>, which a
// Content-Security-Policy of `script-src 'self'` (no 'unsafe-inline')
// refuses; this file does the same from the app's own origin.
//
// Two builds (index.html): `/` and `/inspect` start the Inspect page alone
// (Trunk's main build, its hashed names in two meta tags: Trunk.toml,
// `pattern_script`), a fraction of the whole app; every other path starts
// the whole app, built beside it under fixed names.
const named = (name) => document.querySelector(`meta[name="${name}"]`).content;
const path = location.pathname.replace(/\/+$/, "");
const inspectOnly = path === "" || path === "/inspect";
const base = named("keyward-js").replace(/[^/]*$/, "");
const [js, wasmPath] = inspectOnly
  ? [named("keyward-js"), named("keyward-wasm")]
  : [`${base}keyward.js`, `${base}keyward_bg.wasm`];
const bindings = await import(js);
const wasm = await bindings.default({ module_or_path: wasmPath });
// As Trunk's own loader does: the exports (the engine's `bench_inspect`,
// for scripts/bench.sh) are reachable from the console and benchmarks.
window.wasmBindings = bindings;
dispatchEvent(new CustomEvent("TrunkApplicationStarted", { detail: { wasm } }));
