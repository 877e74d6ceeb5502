//! The test-only control API over real HTTP: off by default, one-shot
//! faults a browser page cannot ask for, and a request log that counts
//! what reached the provider without holding a token or a body.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;
use ureq::Agent;

const TOKEN: &str = "control-test-token-91ab";

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
            .stderr(Stdio::null())
            .spawn()
            .expect("the emulator starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout is piped"))
            .read_line(&mut line)
            .expect("the emulator prints its address");
        let base = line
            .trim()
            .rsplit(' ')
            .next()
            .unwrap_or_default()
            .to_string();
        Emulator { child, base }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
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
        .max_redirects(0)
        .timeout_global(Some(Duration::from_secs(10)))
        .build()
        .into()
}

fn add_key(agent: &Agent, emulator: &Emulator, title: &str) -> ureq::http::Response<ureq::Body> {
    let body = format!(
        r#"{{"title":"{title}","key":"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAkL3WV86EUI0N9AflfPCV7f1UeYM6o0X/KzodiBZ34V"}}"#
    );
    agent
        .post(emulator.url("/github/user/keys"))
        .header("Authorization", &format!("Bearer {TOKEN}"))
        .header("Content-Type", "application/json")
        .send(body.as_str())
        .expect("an answer")
}

fn log(agent: &Agent, emulator: &Emulator) -> String {
    agent
        .get(emulator.url("/_emulator/log"))
        .call()
        .expect("an answer")
        .body_mut()
        .read_to_string()
        .expect("a body")
}

#[test]
fn the_control_api_is_off_by_default() {
    let emulator = Emulator::start(&[]);
    let agent = agent();
    let response = agent.get(emulator.url("/_emulator/log")).call().unwrap();
    assert_eq!(response.status(), 404);
    let queued = agent
        .post(emulator.url("/_emulator/faults?path=/github&fault=status%3D500"))
        .send("")
        .unwrap();
    assert_eq!(queued.status(), 404);
    assert_eq!(add_key(&agent, &emulator, "a").status(), 201);
}

#[test]
fn queued_faults_fire_once_and_the_log_counts_requests() {
    let emulator = Emulator::start(&["--control"]);
    let agent = agent();
    let queued =
        agent
            .post(emulator.url(
                "/_emulator/faults?method=POST&path=%2Fgithub%2Fuser%2Fkeys&fault=status%3D500",
            ))
            .send("")
            .unwrap();
    assert_eq!(queued.status(), 201);
    assert_eq!(add_key(&agent, &emulator, "first").status(), 500);
    assert_eq!(add_key(&agent, &emulator, "first").status(), 201);

    let mut with_body = agent
        .post(emulator.url("/_emulator/faults?path=/github/user/keys&fault=status%3D422"))
        .send(r#"{"message":"<img src=x onerror=alert(1)>"}"#)
        .unwrap();
    assert_eq!(
        with_body.status(),
        201,
        "{}",
        with_body.body_mut().read_to_string().unwrap()
    );
    let mut refused = add_key(&agent, &emulator, "second");
    assert_eq!(refused.status(), 422);
    assert_eq!(
        refused.body_mut().read_to_string().unwrap(),
        r#"{"message":"<img src=x onerror=alert(1)>"}"#
    );

    agent
        .post(emulator.url("/_emulator/faults?path=/github/user&fault=redirect"))
        .send("")
        .unwrap();
    let redirected = add_key(&agent, &emulator, "third");
    assert_eq!(redirected.status(), 302);
    let location = redirected
        .headers()
        .get("location")
        .unwrap()
        .to_str()
        .unwrap();
    assert_eq!(location, emulator.url("/_emulator/redirected"));

    agent
        .post(emulator.url("/_emulator/faults?path=/github&fault=retry-after%3D7"))
        .send("")
        .unwrap();
    let limited = agent
        .get(emulator.url("/github/user/keys"))
        .header("Authorization", &format!("Bearer {TOKEN}"))
        .call()
        .unwrap();
    assert_eq!(limited.status(), 429);
    assert_eq!(limited.headers().get("retry-after").unwrap(), "7");

    let log = log(&agent, &emulator);
    assert_eq!(
        log.matches(r#""method":"POST","path":"/github/user/keys""#)
            .count(),
        4,
        "{log}"
    );
    assert!(
        log.contains(r#""status":500"#) && log.contains(r#""status":302"#),
        "{log}"
    );
    assert!(
        !log.contains("_emulator/faults"),
        "control calls stay out of the log: {log}"
    );
    assert!(!log.contains(TOKEN) && !log.contains("ssh-ed25519") && !log.contains("first"));

    let bad = agent
        .post(emulator.url("/_emulator/faults?path=github&fault=drop"))
        .send("")
        .unwrap();
    assert_eq!(bad.status(), 400);
    assert_eq!(
        agent
            .delete(emulator.url("/_emulator/log"))
            .call()
            .unwrap()
            .status(),
        204
    );
    assert_eq!(self::log(&agent, &emulator), "[]");
}

#[test]
fn a_queued_drop_closes_the_connection_without_an_answer() {
    let emulator = Emulator::start(&["--control"]);
    let agent = agent();
    agent
        .post(emulator.url("/_emulator/faults?method=POST&path=/github/user/keys&fault=drop-after"))
        .send("")
        .unwrap();
    let body = r#"{"title":"t","key":"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAkL3WV86EUI0N9AflfPCV7f1UeYM6o0X/KzodiBZ34V"}"#;
    let dropped = agent
        .post(emulator.url("/github/user/keys"))
        .header("Authorization", &format!("Bearer {TOKEN}"))
        .header("Content-Type", "application/json")
        .send(body);
    assert!(
        dropped.is_err(),
        "no answer: {:?}",
        dropped.map(|r| r.status())
    );
    let log = log(&agent, &emulator);
    assert!(log.contains(r#""status":"dropped""#), "{log}");
    // drop-after: the key was created although no answer came back.
    assert_eq!(add_key(&agent, &emulator, "t").status(), 422);
}

#[test]
fn a_key_marked_used_shows_its_last_use() {
    let emulator = Emulator::start(&["--control"]);
    let agent = agent();
    let keys = || {
        agent
            .get(emulator.url("/github/repos/octocat/hello-world/keys"))
            .header("Authorization", &format!("Bearer {TOKEN}"))
            .call()
            .unwrap()
            .body_mut()
            .read_to_string()
            .unwrap()
    };
    let before = keys();
    assert!(before.contains(r#""last_used":null"#), "{before}");
    let id = before
        .split(r#""id":"#)
        .nth(1)
        .and_then(|rest| rest.split(',').next())
        .expect("the seeded deploy key's id")
        .to_string();
    let used = agent
        .post(emulator.url(&format!("/_emulator/github/keys/{id}/use")))
        .send("")
        .unwrap();
    assert_eq!(used.status(), 200);
    let after = keys();
    assert!(!after.contains(r#""last_used":null"#), "{after}");
    assert!(after.contains(r#""last_used":"20"#), "{after}");
    let unknown = agent
        .post(emulator.url("/_emulator/github/keys/999999/use"))
        .send("")
        .unwrap();
    assert_eq!(unknown.status(), 404);
    assert!(
        !log(&agent, &emulator).contains("/use"),
        "control calls stay out of the log"
    );
}
