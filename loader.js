// Starts the app. Trunk's default loader is an inline <script>, which a
// Content-Security-Policy of `script-src 'self'` (no 'unsafe-inline')
// refuses; this file does the same from the app's own origin. Trunk hashes
// it and writes the names of the wasm-bindgen module and of the WebAssembly
// file into two meta tags (Trunk.toml, `pattern_script`).
const named = (name) => document.querySelector(`meta[name="${name}"]`).content;
const { default: init } = await import(named("keyward-js"));
const wasm = await init({ module_or_path: named("keyward-wasm") });
dispatchEvent(new CustomEvent("TrunkApplicationStarted", { detail: { wasm } }));
