//! The page's source (index.html) agrees with the server: the same policy
//! as a meta tag, and no inline script for it to refuse.

mod support;

use support::CSP;

/// `index.html` carries the same policy as a meta tag, for static hosts,
/// less `frame-ancestors` (ignored in a meta tag).
#[test]
fn the_page_s_meta_policy_matches_the_header() {
    let index = include_str!("../../index.html");
    let meta = index
        .split("http-equiv=\"Content-Security-Policy\"")
        .nth(1)
        .and_then(|rest| rest.split("content=\"").nth(1))
        .and_then(|rest| rest.split('"').next())
        .expect("index.html has a CSP meta tag");
    let without_frames = CSP.replace("; frame-ancestors 'none'", "");
    assert_eq!(meta, without_frames);
    assert!(index.contains(r#"<meta name="referrer" content="no-referrer""#));
}

/// Trunk's inline loader is replaced (Trunk.toml's `pattern_script`) by
/// loader.js: every script of the page is a file.
#[test]
fn the_page_has_no_inline_script() {
    let index = include_str!("../../index.html");
    let scripts: Vec<&str> = index.split("<script").skip(1).collect();
    assert!(!scripts.is_empty());
    for script in scripts {
        let tag = script.split('>').next().unwrap_or_default();
        assert!(tag.contains(" src=\""), "an inline script: <script{tag}>");
    }
    let trunk = include_str!("../../Trunk.toml");
    assert!(trunk.contains("pattern_script = '<meta name=\"keyward-js\""));
    let loader = include_str!("../../loader.js");
    assert!(
        loader.contains(r#"named("keyward-js")"#) && loader.contains(r#"named("keyward-wasm")"#)
    );
}
