// The key-generation worker (a dedicated worker). The page starts one per
// key (src/ui/state/keygen.rs), posts one request (JSON), gets one answer
// (JSON) and terminates it. The work is keyward_keygen, in WebAssembly
// (keygen/src/bin/keyward_keygen.rs), built from keygen/.
//
// Never logs: the answer holds a private key.
//
// scripts/trunk-post-build.sh writes the build's hash below, so a new build
// never pairs this file with an older cached module.
'use strict';

const BUILD = 'development';

importScripts(`keyward_keygen.js?build=${BUILD}`);

const ready = wasm_bindgen({ module_or_path: `keyward_keygen_bg.wasm?build=${BUILD}` });

self.onmessage = async (event) => {
  let reply;
  try {
    await ready;
    const started = performance.now();
    const pair = wasm_bindgen.generate(event.data);
    reply = {
      ok: true,
      private_key: pair.private_key,
      public_key: pair.public_key,
      millis: performance.now() - started,
    };
    pair.free();
  } catch (error) {
    reply = {
      ok: false,
      error: typeof error === 'string' ? error : 'The key could not be made in this browser.',
    };
  }
  self.postMessage(JSON.stringify(reply));
};
