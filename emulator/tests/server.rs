//! Starts the real `keyward-emulator` binary on 127.0.0.1:0, talks to it
//! over HTTP, and checks what only a server can get wrong: the printed
//! address, CORS, delays, dropped connections, and logs that never hold a
//! token.

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use ureq::Agent;

const TOKEN: &str = "emulator-test-token-5f1c";
const KEY: &str =
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAkL3WV86EUI0N9AflfPCV7f1UeYM6o0X/KzodiBZ34V";

/// A running emulator, killed when dropped.
struct Emulator {
    child: Child,
    base: String,
}

impl Emulator {
    fn start(extra: &[&str]) -> Emulator {
        let mut child = Command::new(env!("CARGO_BIN_EXE_keyward-emulator"))
            .args(["--listen", "127.0.0.1:0", "--token", TOKEN])
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the emulator starts");
        let stdout = child.stdout.take().expect("stdout is piped");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("the emulator prints its address");
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
        Emulator { child, base }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Stops the server and returns everything it logged.
    fn stop(mut self) -> String {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let mut log = String::new();
        if let Some(mut stderr) = self.child.stderr.take() {
            let _ = stderr.read_to_string(&mut log);
        }
        log
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn agent() -> Agent {
    Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(10)))
        .build()
        .into()
}

fn header(response: &ureq::http::Response<ureq::Body>, name: &str) -> Option<String> {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

#[test]
fn serves_the_sandbox_and_logs_without_secrets() {
    let emulator = Emulator::start(&["--seed-user-keys", "40"]);
    let agent = agent();
    let bearer = format!("Bearer {TOKEN}");

    let mut keys = agent
        .get(emulator.url("/github/user/keys"))
        .header("Authorization", &bearer)
        .header("Origin", "http://localhost:5173")
        .call()
        .expect("an answer");
    assert_eq!(keys.status(), 200);
    let link = header(&keys, "link").expect("a Link header");
    assert!(link.contains(&format!(
        "<{}/github/user/keys?per_page=30&page=2>; rel=\"next\"",
        emulator.base
    )));
    assert_eq!(
        header(&keys, "access-control-allow-origin").as_deref(),
        Some("http://localhost:5173")
    );
    let exposed = header(&keys, "access-control-expose-headers").unwrap_or_default();
    for name in [
        "ETag",
        "Link",
        "Location",
        "Retry-After",
        "X-OAuth-Scopes",
        "X-RateLimit-Remaining",
    ] {
        assert!(exposed.contains(name), "{name} not exposed: {exposed}");
    }
    let body = keys.body_mut().read_to_string().expect("a body");
    assert!(body.starts_with("[{"));

    let created = agent
        .post(emulator.url("/github/user/keys?source=test"))
        .header("Authorization", &bearer)
        .header("Content-Type", "application/json")
        .send(format!(r#"{{"title":"test","key":"{KEY} me@example"}}"#))
        .expect("an answer");
    assert_eq!(created.status(), 201);
    let location = header(&created, "location").unwrap_or_default();
    assert!(
        location.starts_with(&emulator.url("/github/user/keys/")),
        "{location}"
    );

    let refused = agent
        .get(emulator.url("/tfe/api/v2/account/details"))
        .header("Authorization", "Bearer not-the-token")
        .call()
        .expect("an answer");
    assert_eq!(refused.status(), 401);

    let log = emulator.stop();
    assert!(log.contains("GET /github/user/keys 200"), "{log}");
    assert!(log.contains("POST /github/user/keys 201"), "{log}");
    assert!(log.contains("GET /tfe/api/v2/account/details 401"), "{log}");
    for secret in [
        TOKEN,
        "not-the-token",
        "Bearer",
        "AAAAC3Nza",
        "source=test",
        "me@example",
    ] {
        assert!(!log.contains(secret), "the log shows {secret:?}: {log}");
    }
}

#[test]
fn answers_preflights_for_local_origins_only() {
    let emulator = Emulator::start(&[]);
    let agent = agent();
    let preflight = |origin: &str| {
        agent
            .options(emulator.url("/astro/v1/organizations/org-sandbox/tokens"))
            .header("Origin", origin)
            .header("Access-Control-Request-Method", "POST")
            .header(
                "Access-Control-Request-Headers",
                "authorization, content-type",
            )
            .call()
            .expect("an answer")
    };
    let local = preflight("http://127.0.0.1:8080");
    assert_eq!(local.status(), 204);
    assert_eq!(
        header(&local, "access-control-allow-origin").as_deref(),
        Some("http://127.0.0.1:8080")
    );
    let allowed = header(&local, "access-control-allow-headers")
        .unwrap_or_default()
        .to_ascii_lowercase();
    for name in ["authorization", "content-type", "accept", "if-none-match"] {
        assert!(allowed.contains(name), "{allowed}");
    }
    let methods = header(&local, "access-control-allow-methods").unwrap_or_default();
    for method in ["GET", "POST", "PATCH", "DELETE"] {
        assert!(methods.contains(method), "{methods}");
    }
    let foreign = preflight("https://evil.example");
    assert_eq!(header(&foreign, "access-control-allow-origin"), None);
    let log = emulator.stop();
    assert!(
        log.contains("OPTIONS /astro/v1/organizations/org-sandbox/tokens 204"),
        "{log}"
    );
}

#[test]
fn applies_delays_drops_and_run_faults() {
    let emulator = Emulator::start(&["--fail-every", "3", "--fail-status", "502"]);
    let agent = agent();
    let bearer = format!("Bearer {TOKEN}");
    let get = |fault: Option<&str>| {
        let mut request = agent
            .get(emulator.url("/cnb/user"))
            .header("Authorization", &bearer);
        if let Some(fault) = fault {
            request = request.header("x-emulator-fault", fault);
        }
        request.call()
    };

    let started = Instant::now();
    let slow = get(Some("delay=300")).expect("an answer");
    assert_eq!(slow.status(), 200);
    assert!(started.elapsed() >= Duration::from_millis(300));

    assert!(
        get(Some("drop")).is_err(),
        "a dropped connection has no answer"
    );
    // Requests 1 and 2 were the delay and the drop; the third fails.
    assert_eq!(get(None).expect("an answer").status(), 502);
    assert_eq!(get(None).expect("an answer").status(), 200);

    let limited = get(Some("retry-after=9")).expect("an answer");
    assert_eq!(limited.status(), 429);
    assert_eq!(header(&limited, "retry-after").as_deref(), Some("9"));

    let log = emulator.stop();
    assert!(log.contains("GET /cnb/user dropped"), "{log}");
    assert!(!log.contains(TOKEN));
}

#[test]
fn refuses_bad_arguments() {
    let output = Command::new(env!("CARGO_BIN_EXE_keyward-emulator"))
        .args(["--listen", "127.0.0.1:0"])
        .output()
        .expect("the emulator runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--token is required"));
}
