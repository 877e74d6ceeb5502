//! The built app as served by the real binary: security headers on every
//! answer, the single-page-app fallback, precompressed copies, caching.

mod support;

use support::{agent, dist, header, Server, CSP, JS, WASM};

fn assert_security_headers(response: &ureq::http::Response<ureq::Body>, what: &str) {
    assert_eq!(
        header(response, "content-security-policy").as_deref(),
        Some(CSP),
        "{what}"
    );
    assert_eq!(
        header(response, "x-content-type-options").as_deref(),
        Some("nosniff"),
        "{what}"
    );
    assert_eq!(
        header(response, "referrer-policy").as_deref(),
        Some("no-referrer"),
        "{what}"
    );
    assert_eq!(
        header(response, "cross-origin-opener-policy").as_deref(),
        Some("same-origin"),
        "{what}"
    );
    let permissions = header(response, "permissions-policy").unwrap_or_default();
    for denied in [
        "camera=()",
        "microphone=()",
        "geolocation=()",
        "usb=()",
        "payment=()",
    ] {
        assert!(permissions.contains(denied), "{what}: {permissions}");
    }
    assert!(
        !permissions.contains("clipboard-write"),
        "{what}: the Copy buttons"
    );
}

#[test]
fn every_answer_carries_the_security_headers() {
    let dist = dist();
    let server = Server::start(dist.path(), &[]);
    let agent = agent();
    for (path, status) in [
        ("/", 200),
        ("/index.html", 200),
        ("/user/keys", 200),
        (&format!("/{JS}") as &str, 200),
        ("/missing.js", 404),
        ("/proxy/nothing/here", 404),
    ] {
        let response = agent.get(server.url(path)).call().expect("an answer");
        assert_eq!(response.status(), status, "{path}");
        assert_security_headers(&response, path);
    }
    let posted = agent.post(server.url("/")).send("x").expect("an answer");
    assert_eq!(posted.status(), 405);
    assert_security_headers(&posted, "POST /");
}

#[test]
fn deep_links_get_the_app_and_missing_files_a_404() {
    let dist = dist();
    let server = Server::start(dist.path(), &[]);
    let agent = agent();
    let index = std::fs::read_to_string(dist.path().join("index.html")).unwrap();
    for path in [
        "/",
        "/user/keys",
        "/repos/octo/demo/keys",
        "/orgs/acme/keys?x=1",
    ] {
        let mut response = agent.get(server.url(path)).call().expect("an answer");
        assert_eq!(response.status(), 200, "{path}");
        assert_eq!(
            header(&response, "content-type").as_deref(),
            Some("text/html"),
            "{path}"
        );
        assert_eq!(
            header(&response, "cache-control").as_deref(),
            Some("no-cache")
        );
        assert_eq!(
            response.body_mut().read_to_string().unwrap(),
            index,
            "{path}"
        );
    }
    for path in [
        "/missing.js",
        "/keyward-0123456789abcdee_bg.wasm",
        "/user/keys.json",
    ] {
        let mut response = agent.get(server.url(path)).call().expect("an answer");
        assert_eq!(response.status(), 404, "{path}");
        let body = response.body_mut().read_to_string().unwrap();
        assert!(!body.contains("<html"), "{path}: {body}");
    }
}

#[test]
fn sandbox_paths_the_worker_did_not_answer_get_a_json_error() {
    let dist = dist();
    std::fs::write(
        dist.path().join("sandbox-sw.js"),
        "importScripts('x.js');\n",
    )
    .unwrap();
    let server = Server::start(dist.path(), &[]);
    let agent = agent();
    for path in [
        "/sandbox",
        "/sandbox/github/user/keys?page=2",
        "/sandbox/reset",
    ] {
        let mut response = agent.get(server.url(path)).call().expect("an answer");
        assert_eq!(response.status(), 404, "{path}");
        assert_eq!(
            header(&response, "content-type").as_deref(),
            Some("application/json"),
            "{path}"
        );
        assert_security_headers(&response, path);
        let body = response.body_mut().read_to_string().unwrap();
        assert!(body.contains("service worker"), "{path}: {body}");
    }
    let posted = agent.post(server.url("/sandbox/reset")).send("").unwrap();
    assert_eq!(posted.status(), 404);
    // The worker's script is revalidated on every use, so a new release
    // replaces the worker at once.
    let script = agent.get(server.url("/sandbox-sw.js")).call().unwrap();
    assert_eq!(script.status(), 200);
    assert_eq!(
        header(&script, "cache-control").as_deref(),
        Some("no-cache")
    );
    assert_security_headers(&script, "/sandbox-sw.js");
}

#[test]
fn hashed_files_are_cached_for_a_year_and_precompressed() {
    let dist = dist();
    let server = Server::start(dist.path(), &[]);
    let agent = agent();
    let wasm = std::fs::read(dist.path().join(WASM)).unwrap();

    let mut plain = agent.get(server.url(&format!("/{WASM}"))).call().unwrap();
    assert_eq!(plain.status(), 200);
    assert_eq!(header(&plain, "content-encoding"), None);
    assert_eq!(
        header(&plain, "content-type").as_deref(),
        Some("application/wasm")
    );
    assert_eq!(
        header(&plain, "cache-control").as_deref(),
        Some("public, max-age=31536000, immutable")
    );
    assert_eq!(plain.body_mut().read_to_vec().unwrap(), wasm);

    let mut br = agent
        .get(server.url(&format!("/{WASM}")))
        .header("accept-encoding", "gzip, br")
        .call()
        .unwrap();
    assert_eq!(header(&br, "content-encoding").as_deref(), Some("br"));
    assert_eq!(
        header(&br, "content-type").as_deref(),
        Some("application/wasm")
    );
    assert!(header(&br, "vary")
        .unwrap_or_default()
        .to_ascii_lowercase()
        .contains("accept-encoding"));
    let packed = br.body_mut().read_to_vec().unwrap();
    assert!(packed.len() < wasm.len() / 2, "{} bytes", packed.len());
    let mut unpacked = Vec::new();
    brotli::BrotliDecompress(&mut packed.as_slice(), &mut unpacked).unwrap();
    assert_eq!(unpacked, wasm);

    let gz = agent
        .get(server.url(&format!("/{JS}")))
        .header("accept-encoding", "gzip")
        .call()
        .unwrap();
    assert_eq!(header(&gz, "content-encoding").as_deref(), Some("gzip"));
    assert_eq!(
        header(&gz, "cache-control").as_deref(),
        Some("public, max-age=31536000, immutable")
    );

    let robots = agent.get(server.url("/robots.txt")).call().unwrap();
    assert_eq!(robots.status(), 200);
    assert_eq!(
        header(&robots, "cache-control").as_deref(),
        Some("no-cache")
    );
    assert!(dist.path().join(format!("{WASM}.br")).is_file());
    let log = server.stop();
    assert!(log.contains(&format!("GET /{WASM} 200 ")), "{log}");
}

#[test]
fn a_missing_index_is_refused_at_startup() {
    let empty = tempfile::tempdir().unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_keyward-server"))
        .arg("--dist")
        .arg(empty.path())
        .args(["--listen", "127.0.0.1:0"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("index.html"));
}
