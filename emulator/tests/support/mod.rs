//! What the client tests share: the real `keyward-emulator` binary as a
//! child process, and a small native executor that sends the provider
//! modules' plain-data requests over HTTP the way the browser's executor
//! (`keyward::providers::executor`) does, with a real timeout and the real
//! retry policy.

#![allow(dead_code)] // not every test uses every helper

use keyward::providers::http::{HttpRequest, HttpResponse};
use keyward::providers::retry::{Outcome, RetryPolicy};
use keyward::providers::ApiError;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// The one token every emulated provider accepts.
pub const TOKEN: &str = "clients-test-token-7d2e";

/// A running emulator, killed when dropped. Its stderr (one line per
/// request: method, path, status) is collected as it comes.
pub struct Emulator {
    child: Child,
    /// `http://127.0.0.1:PORT`
    pub base: String,
    log: Arc<Mutex<Vec<String>>>,
}

impl Emulator {
    pub fn start(extra: &[&str]) -> Emulator {
        let mut child = Command::new(env!("CARGO_BIN_EXE_keyward-emulator"))
            .args(["--listen", "127.0.0.1:0", "--token", TOKEN])
            .args(extra)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the emulator starts");
        let mut stdout = BufReader::new(child.stdout.take().expect("stdout is piped"));
        let mut line = String::new();
        stdout
            .read_line(&mut line)
            .expect("the emulator prints its address");
        let base = line
            .trim()
            .strip_prefix("keyward-emulator listening on ")
            .unwrap_or_else(|| panic!("unexpected first line: {line:?}"))
            .to_string();
        assert!(
            base.starts_with("http://127.0.0.1:") && !base.ends_with(":0"),
            "printed: {line:?}"
        );
        let log = Arc::new(Mutex::new(Vec::new()));
        let stderr = child.stderr.take().expect("stderr is piped");
        let sink = Arc::clone(&log);
        thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                sink.lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .push(line);
            }
        });
        Emulator { child, base, log }
    }

    /// The API root of one emulated provider: `github`, `tfe/api/v2`,
    /// `astro/v1` or `cnb`.
    pub fn api(&self, prefix: &str) -> String {
        format!("{}/{prefix}", self.base)
    }

    /// Every log line so far.
    pub fn log(&self) -> Vec<String> {
        self.log
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// How many log lines so far are exactly `line` (e.g.
    /// `POST /github/user/keys 502`). Waits up to a second for at least
    /// `at_least` of them (the log arrives through a pipe), then a little
    /// longer so that a line that should not be there has time to show.
    pub fn count(&self, line: &str, at_least: usize) -> usize {
        let deadline = Instant::now() + Duration::from_secs(1);
        let count = || self.log().iter().filter(|l| l.as_str() == line).count();
        while count() < at_least && Instant::now() < deadline {
            thread::sleep(Duration::from_millis(10));
        }
        thread::sleep(Duration::from_millis(100));
        count()
    }

    /// How many log lines so far start with `prefix` (method and path).
    pub fn count_prefix(&self, prefix: &str) -> usize {
        thread::sleep(Duration::from_millis(100));
        self.log().iter().filter(|l| l.starts_with(prefix)).count()
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

// ------------------------------------------------------------ the executor

fn http_method(method: keyward::providers::Method) -> ureq::http::Method {
    use keyward::providers::Method;
    match method {
        Method::Get => ureq::http::Method::GET,
        Method::Post => ureq::http::Method::POST,
        Method::Patch => ureq::http::Method::PATCH,
        Method::Put => ureq::http::Method::PUT,
        Method::Delete => ureq::http::Method::DELETE,
    }
}

/// Sends `request` once, within `timeout` (connecting, sending, waiting and
/// reading the body all count). `Err` only when there is no answer; any
/// HTTP status is `Ok`, for the provider's parser to judge. Header names
/// are lower-cased. A fresh connection each time, as the emulator's `drop`
/// faults close connections.
pub fn send(request: &HttpRequest, timeout: Duration) -> Result<HttpResponse, ApiError> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_global(Some(timeout))
        .build()
        .into();
    let mut builder = ureq::http::Request::builder()
        .method(http_method(request.method))
        .uri(&request.url);
    for (name, value) in &request.headers {
        builder = builder.header(name, value);
    }
    let failure = |error: ureq::Error| match error {
        ureq::Error::Timeout(_) => {
            let seconds = timeout.as_millis().div_ceil(1_000);
            ApiError::network(&format!("no answer within {seconds} seconds"))
        }
        other => ApiError::network(&format!("the request failed: {other}")),
    };
    let sent = match &request.body {
        Some(body) => builder.body(body.clone()).map(|r| agent.run(r)),
        None => builder.body(()).map(|r| agent.run(r)),
    };
    let mut response = sent
        .map_err(|e| ApiError::network(&format!("the request could not be prepared: {e}")))?
        .map_err(failure)?;
    let status = response.status().as_u16();
    let headers = response
        .headers()
        .iter()
        .filter_map(|(name, value)| {
            let value = value.to_str().ok()?;
            Some((name.as_str().to_ascii_lowercase(), value.to_string()))
        })
        .collect();
    let body = response.body_mut().read_to_string().map_err(failure)?;
    Ok(HttpResponse {
        status,
        headers,
        body,
    })
}

/// Sends `request`, trying again as `policy` decides (only `GET`s are ever
/// retried), with real sleeps. Returns the last answer or network error.
pub fn send_with_retry(
    request: &HttpRequest,
    policy: &RetryPolicy,
    timeout: Duration,
) -> Result<HttpResponse, ApiError> {
    retry_with(request, policy, |request, _attempt| send(request, timeout))
}

/// The retry loop of [`send_with_retry`] around any way of sending; the
/// closure gets the attempt number (1 for the first), so a test can make a
/// fault transient (the emulator's fault header applies to every request
/// that carries it).
pub fn retry_with(
    request: &HttpRequest,
    policy: &RetryPolicy,
    mut attempt_once: impl FnMut(&HttpRequest, u32) -> Result<HttpResponse, ApiError>,
) -> Result<HttpResponse, ApiError> {
    let mut attempt = 1;
    loop {
        let result = attempt_once(request, attempt);
        let outcome = match &result {
            Ok(response) => Outcome::from(response),
            Err(_) => Outcome::NetworkError,
        };
        match policy.decide(request.method, attempt, outcome, jitter(), now_epoch()) {
            Some(delay_ms) => {
                thread::sleep(Duration::from_millis(delay_ms));
                attempt += 1;
            }
            None => return result,
        }
    }
}

pub fn now_epoch() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// A number in `0..1` from the clock: enough jitter for tests.
fn jitter() -> f64 {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    f64::from(nanos % 1_000) / 1_000.0
}

// ------------------------------------------------------------------- keys

/// Runs `ssh-keygen` to make a key pair in `dir` named `name`, with the
/// extra arguments given (type, format, passphrase).
fn keygen(dir: &Path, name: &str, args: &[&str]) -> std::path::PathBuf {
    let path = dir.join(name);
    let output = Command::new("ssh-keygen")
        .args(args)
        .args(["-q", "-C", "clients-test", "-f"])
        .arg(&path)
        .output()
        .expect("ssh-keygen runs (scripts/setup.sh installs openssh-client)");
    assert!(
        output.status.success(),
        "ssh-keygen failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    path
}

/// A fresh ed25519 public key line (with its comment).
pub fn ed25519_public(dir: &Path, name: &str) -> String {
    let path = keygen(dir, name, &["-t", "ed25519", "-N", ""]);
    std::fs::read_to_string(path.with_extension("pub")).expect("the public key is written")
}

/// A fresh PEM (PKCS#1) RSA private key, unencrypted unless `passphrase`
/// is given: what TFE's docs ask for (`ssh-keygen -t rsa -m PEM -N ''`).
pub fn rsa_pem_private(dir: &Path, name: &str, passphrase: &str) -> String {
    let path = keygen(
        dir,
        name,
        &["-t", "rsa", "-b", "2048", "-m", "PEM", "-N", passphrase],
    );
    std::fs::read_to_string(path).expect("the private key is written")
}

/// `type base64` without comment, as GitHub stores and returns a key.
pub fn canonical(line: &str) -> String {
    let findings = keyward::keys::inspect(line);
    assert_eq!(findings.len(), 1, "one key in {line:?}");
    findings[0]
        .key
        .as_ref()
        .expect("a usable public key")
        .openssh()
}
