//! What the server tests share: the real `keyward-server` binary as a child
//! process over a small built-app folder, an HTTP client that never follows
//! redirects, and a fake provider that echoes what reached it.

#![allow(dead_code)] // not every test uses every helper

use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;
use ureq::Agent;

/// The policy the server sends on every answer.
pub const CSP: &str = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; \
    style-src 'self'; img-src 'self' data:; \
    connect-src 'self' https: http://127.0.0.1:* http://localhost:*; font-src 'self'; \
    manifest-src 'self'; worker-src 'self'; base-uri 'none'; object-src 'none'; \
    form-action 'none'; frame-ancestors 'none'";

pub const WASM: &str = "keyward-0123456789abcdef_bg.wasm";
pub const JS: &str = "keyward-0123456789abcdef.js";

/// A folder shaped like `trunk build --release` output.
pub fn dist() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let write = |name: &str, data: &[u8]| {
        std::fs::write(dir.path().join(name), data).expect("a file written")
    };
    write(
        "index.html",
        b"<!DOCTYPE html><html><head><title>Keyward</title></head><body></body></html>",
    );
    write(
        JS,
        "export default function init() {}\n".repeat(200).as_bytes(),
    );
    // Compressible like a real module: repeated sections.
    let mut wasm = b"\0asm\x01\0\0\0".to_vec();
    for i in 0..4000u32 {
        wasm.extend_from_slice(&(i % 97).to_le_bytes());
    }
    write(WASM, &wasm);
    write("robots.txt", b"User-agent: *\n");
    dir
}

/// A running server, killed when dropped.
pub struct Server {
    child: Child,
    pub base: String,
}

impl Server {
    pub fn start(dist: &Path, extra: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_keyward-server"))
            .arg("--dist")
            .arg(dist)
            .args(["--listen", "127.0.0.1:0"])
            .args(extra)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the server starts");
        let stdout = child.stdout.take().expect("stdout is piped");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("the server prints its address");
        let base = line
            .trim()
            .rsplit(' ')
            .next()
            .unwrap_or_default()
            .to_string();
        assert!(
            base.starts_with("http://127.0.0.1:") && !base.ends_with(":0"),
            "printed: {line:?}"
        );
        Server { child, base }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Stops the server and returns everything it logged.
    pub fn stop(mut self) -> String {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let mut log = String::new();
        if let Some(mut stderr) = self.child.stderr.take() {
            let _ = stderr.read_to_string(&mut log);
        }
        log
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Redirects are answers to check, not to follow.
pub fn agent() -> Agent {
    Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_global(Some(Duration::from_secs(20)))
        .build()
        .into()
}

pub fn header(response: &ureq::http::Response<ureq::Body>, name: &str) -> Option<String> {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

/// What the fake provider received.
#[derive(Clone, Debug)]
pub struct Seen {
    pub method: String,
    pub path_and_query: String,
    pub headers: HeaderMap,
    pub body: Bytes,
}

/// A fake provider on 127.0.0.1 (its own thread and runtime): it records
/// every request and answers by path: `/slow…` after 5 s, `/redirect…`
/// with a 302 to `/landing`, anything else 200 with a cookie and the
/// request's path echoed.
pub struct Upstream {
    pub base: String,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl Upstream {
    pub fn start() -> Upstream {
        let seen: Arc<Mutex<Vec<Seen>>> = Arc::default();
        let (ready, address) = std::sync::mpsc::channel();
        let state = Arc::clone(&seen);
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a runtime");
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                    .await
                    .expect("a port");
                let _ = ready.send(listener.local_addr().expect("an address"));
                let app = axum::Router::new().fallback(answer).with_state(state);
                let _ = axum::serve(listener, app).await;
            });
        });
        let address = address.recv().expect("the upstream is listening");
        Upstream {
            base: format!("http://{address}"),
            seen,
        }
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.seen
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

async fn answer(State(seen): State<Arc<Mutex<Vec<Seen>>>>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let body = axum::body::to_bytes(body, 64 << 20)
        .await
        .unwrap_or_default();
    let path = parts.uri.path().to_string();
    seen.lock()
        .unwrap_or_else(PoisonError::into_inner)
        .push(Seen {
            method: parts.method.to_string(),
            path_and_query: parts
                .uri
                .path_and_query()
                .map(|p| p.to_string())
                .unwrap_or_default(),
            headers: parts.headers,
            body,
        });
    if path.contains("/slow") {
        tokio::time::sleep(Duration::from_secs(5)).await;
    }
    if path.contains("/redirect") {
        return (
            StatusCode::FOUND,
            [("location", "/landing"), ("set-cookie", "session=up")],
            "",
        )
            .into_response();
    }
    (
        StatusCode::OK,
        [
            ("content-type", "application/json"),
            ("set-cookie", "session=upstream; Path=/"),
            ("x-upstream", "yes"),
            ("content-security-policy", "default-src *"),
        ],
        format!("{{\"path\":\"{path}\"}}"),
    )
        .into_response()
}
