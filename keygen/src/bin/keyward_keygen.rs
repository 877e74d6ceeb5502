//! The key-generation worker, in WebAssembly. `keygen-worker.js` beside
//! this file is the worker itself: the page starts it when the user asks
//! for a key, posts one request, takes the answer and terminates it, so the
//! worker's memory (the private key's copies included) goes with it. RSA
//! takes seconds; here it never freezes the page.
//!
//! Never logs: the answer is a private key.

use wasm_bindgen::prelude::wasm_bindgen;

/// Bindgen calls `main` when the module starts; the worker calls [`generate`].
fn main() {}

/// One new pair, as the worker posts it back to the page.
#[wasm_bindgen(getter_with_clone)]
pub struct Pair {
    pub private_key: String,
    pub public_key: String,
}

/// Makes the pair `request` (JSON: `kind`, `comment`, `passphrase`) asks
/// for; an error is a sentence for the page.
#[wasm_bindgen]
pub fn generate(request: &str) -> Result<Pair, String> {
    let request: keyward_keygen::KeyRequest = serde_json::from_str(request)
        .map_err(|_| "The key request was not understood.".to_owned())?;
    let key =
        keyward_keygen::generate(&request, &mut rand_core::OsRng).map_err(|e| e.to_string())?;
    Ok(Pair {
        // JS strings cannot be wiped; the worker is terminated after one
        // answer instead.
        private_key: key.private_key.as_str().to_owned(),
        public_key: key.public_key,
    })
}
