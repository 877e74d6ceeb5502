//! The headers every response carries, and the cache policy of the files.

use axum::http::header::{self, HeaderName, HeaderValue};
use axum::http::{Response, StatusCode};
use tower_http::set_header::SetResponseHeaderLayer;

/// The page runs only its own files: scripts and the WebAssembly module
/// from this origin (`wasm-unsafe-eval` lets it compile, nothing lets it
/// `eval`), styles from files only, the inline icon as a data: URL. It may
/// call its own origin (the proxies, the Sandbox) and the providers over
/// https, or loopback over http (a local emulator or TFE). Its one worker,
/// the Sandbox's service worker, comes from this origin; the worker runs
/// under the policy of its own script's answer, this one too, which lets it
/// import its bindings, fetch and compile its module. `index.html` carries the
/// same policy as a meta tag, less `frame-ancestors`, which only a header
/// can set (a test keeps the two equal).
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; \
    script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; \
    connect-src 'self' https: http://127.0.0.1:* http://localhost:*; \
    font-src 'self'; manifest-src 'self'; worker-src 'self'; base-uri 'none'; \
    object-src 'none'; form-action 'none'; frame-ancestors 'none'";

/// Every powerful feature the page does not use, refused. Clipboard writing
/// stays (the Copy buttons); only names Chromium knows are listed, as it
/// logs an error for each unknown one.
pub const PERMISSIONS_POLICY: &str = "accelerometer=(), autoplay=(), \
    camera=(), display-capture=(), encrypted-media=(), fullscreen=(), geolocation=(), \
    gyroscope=(), hid=(), idle-detection=(), magnetometer=(), microphone=(), midi=(), \
    payment=(), picture-in-picture=(), publickey-credentials-get=(), screen-wake-lock=(), \
    serial=(), usb=(), xr-spatial-tracking=(), clipboard-read=()";

/// `(name, value)` of each security header, in the order they are set.
pub fn security_headers() -> [(HeaderName, &'static str); 6] {
    [
        (header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (
            HeaderName::from_static("permissions-policy"),
            PERMISSIONS_POLICY,
        ),
        (
            HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ),
        // Other sites may not embed the app's files (scripts, the module).
        (
            HeaderName::from_static("cross-origin-resource-policy"),
            "same-origin",
        ),
    ]
}

/// Layers that set (and override: a proxied provider's own headers do not
/// weaken them) each security header on every response.
pub fn security_layers() -> Vec<SetResponseHeaderLayer<HeaderValue>> {
    security_headers()
        .into_iter()
        .map(|(name, value)| {
            SetResponseHeaderLayer::overriding(name, HeaderValue::from_static(value))
        })
        .collect()
}

/// Trunk names built files `stem-<hash>.ext` (or `_bg.wasm`), the hash a
/// 64-bit number in hex without leading zeros (so up to 16 digits; fewer
/// than 8 is a one-in-four-billion case left uncached), so a changed file
/// gets a new name and an old name never changes content.
pub fn is_hashed(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    let Some(stem) = name.split('.').next() else {
        return false;
    };
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-').is_some_and(|(base, hash)| {
        !base.is_empty()
            && (8..=16).contains(&hash.len())
            && hash.bytes().all(|b| b.is_ascii_hexdigit())
    }) && name.contains('.')
}

/// Hashed files are kept for a year; everything else (index.html, the SPA
/// fallback, errors) is revalidated on every use, so a new release shows
/// at once. Proxied answers keep the provider's own policy, or `no-store`.
/// A file may come brotli- or gzip-encoded or plain, so caches must key it
/// on `Accept-Encoding` too (`ServeDir` does not say so).
pub fn set_cache_headers<B>(path: &str, response: &mut Response<B>) {
    let proxied = path.starts_with("/proxy/");
    if !proxied {
        response
            .headers_mut()
            .append(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    if proxied && response.headers().contains_key(header::CACHE_CONTROL) {
        return;
    }
    let value = if proxied {
        "no-store"
    } else if is_hashed(path)
        && matches!(
            response.status(),
            StatusCode::OK | StatusCode::NOT_MODIFIED | StatusCode::PARTIAL_CONTENT
        )
    {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names_are_trunks() {
        for hashed in [
            "/keyward-1a2b3c4d5e6f7081_bg.wasm",
            "/keyward-1a2b3c4d5e6f7081.js",
            "/main-0123456789abcdef.css",
            "/sub/loader-0123456789abcdef.js",
            "/connections-80c7d57c111a6d.css",
        ] {
            assert!(is_hashed(hashed), "{hashed}");
        }
        for plain in [
            "/",
            "/index.html",
            "/favicon.svg",
            "/user/keys",
            "/keyward-1a2b3c4.js",
            "/keyward-1a2b3c4d5e6f708g.js",
            "/keyward-1a2b3c4d5e6f70811.js",
            "/-1a2b3c4d5e6f7081.js",
            "/repos/octo/demo-1a2b3c4d5e6f7081",
        ] {
            assert!(!is_hashed(plain), "{plain}");
        }
    }

    #[test]
    fn the_header_values_are_valid() {
        for (_, value) in security_headers() {
            assert!(HeaderValue::from_str(value).is_ok(), "{value}");
        }
        assert!(!CONTENT_SECURITY_POLICY.contains("unsafe-inline"));
        assert!(!CONTENT_SECURITY_POLICY.contains("'unsafe-eval'"));
    }
}
