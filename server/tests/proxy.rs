//! The same-origin proxy of the real binary against a fake provider on
//! 127.0.0.1 that records what reached it.

mod support;

use support::{agent, dist, header, Server, Upstream};

const TOKEN: &str = "proxy-test-token-93ab";
const SECRET_BODY: &str = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPROXYBODYSECRET";

/// The server with every provider pointed at `upstream` under its own path
/// prefix, the way tests point it at the emulator.
fn server_for(dist: &std::path::Path, upstream: &Upstream, extra: &[&str]) -> Server {
    let tfe = format!("{}/tfe", upstream.base);
    let astro = format!("{}/astro", upstream.base);
    let cnb = format!("{}/cnb/", upstream.base);
    let mut args = vec!["--tfe-url", &tfe, "--astro-url", &astro, "--cnb-url", &cnb];
    args.extend_from_slice(extra);
    Server::start(dist, &args)
}

#[test]
fn forwards_only_the_api_paths_with_their_prefix() {
    let (dist, upstream) = (dist(), Upstream::start());
    let server = server_for(dist.path(), &upstream, &[]);
    let agent = agent();
    for (path, arrived) in [
        (
            "/proxy/tfe/api/v2/organizations/acme/ssh-keys?page%5Bnumber%5D=2",
            "/tfe/api/v2/organizations/acme/ssh-keys?page%5Bnumber%5D=2",
        ),
        (
            "/proxy/astro/v1/organizations/o1/tokens",
            "/astro/v1/organizations/o1/tokens",
        ),
        ("/proxy/cnb/user", "/cnb/user"),
    ] {
        let mut response = agent
            .get(server.url(path))
            .header("authorization", format!("Bearer {TOKEN}"))
            .header("accept", "application/vnd.api+json")
            .call()
            .expect("an answer");
        assert_eq!(response.status(), 200, "{path}");
        assert_eq!(header(&response, "x-upstream").as_deref(), Some("yes"));
        let body = response.body_mut().read_to_string().unwrap();
        let arrived_path = arrived.split('?').next().unwrap();
        assert_eq!(body, format!("{{\"path\":\"{arrived_path}\"}}"));
        let seen = upstream.seen().pop().expect("the request arrived");
        assert_eq!(seen.path_and_query, arrived);
        assert_eq!(
            seen.headers.get("authorization").unwrap(),
            &format!("Bearer {TOKEN}")
        );
        assert_eq!(
            seen.headers.get("accept").unwrap(),
            "application/vnd.api+json"
        );
    }
    let before = upstream.seen().len();
    for path in [
        "/proxy/tfe/other",
        "/proxy/tfe/api/v1/organizations",
        "/proxy/unknown/x",
        "/proxy/github/user/keys",
        "/proxy/cnb/a/%2e%2e/%2e%2e/admin",
        "/proxy/",
        "/proxy",
    ] {
        let response = agent.get(server.url(path)).call().expect("an answer");
        assert_eq!(response.status(), 404, "{path}");
    }
    assert_eq!(upstream.seen().len(), before, "nothing else went upstream");
}

#[test]
fn sends_no_cookies_or_origin_and_keeps_the_provider_s_cookies_out() {
    let (dist, upstream) = (dist(), Upstream::start());
    let server = server_for(dist.path(), &upstream, &[]);
    let response = agent()
        .post(server.url("/proxy/tfe/api/v2/organizations/acme/ssh-keys"))
        .header("authorization", format!("Bearer {TOKEN}"))
        .header("content-type", "application/vnd.api+json")
        .header("cookie", "app-session=browser-cookie")
        .header("origin", "http://127.0.0.1:8080")
        .header("referer", "http://127.0.0.1:8080/orgs/acme/keys")
        .send(format!("{{\"value\":\"{SECRET_BODY}\"}}"))
        .expect("an answer");
    assert_eq!(response.status(), 200);
    assert_eq!(header(&response, "set-cookie"), None);
    // The provider's own policy does not replace the app's.
    assert!(header(&response, "content-security-policy")
        .unwrap_or_default()
        .starts_with("default-src 'none'"));
    assert_eq!(
        header(&response, "referrer-policy").as_deref(),
        Some("no-referrer")
    );
    assert_eq!(
        header(&response, "cache-control").as_deref(),
        Some("no-store")
    );

    let seen = upstream.seen().pop().expect("the request arrived");
    assert_eq!(seen.method, "POST");
    assert_eq!(
        seen.body,
        format!("{{\"value\":\"{SECRET_BODY}\"}}").as_bytes()
    );
    assert_eq!(
        seen.headers.get("content-type").unwrap(),
        "application/vnd.api+json"
    );
    for dropped in ["cookie", "origin", "referer"] {
        assert!(!seen.headers.contains_key(dropped), "{dropped} went up");
    }
    let host = seen.headers.get("host").unwrap().to_str().unwrap();
    assert_eq!(
        format!("http://{host}"),
        upstream.base,
        "the provider's host"
    );
}

#[test]
fn passes_redirects_back_without_following_them() {
    let (dist, upstream) = (dist(), Upstream::start());
    let server = server_for(dist.path(), &upstream, &[]);
    let response = agent()
        .get(server.url("/proxy/astro/v1/redirect"))
        .header("authorization", format!("Bearer {TOKEN}"))
        .call()
        .expect("an answer");
    assert_eq!(response.status(), 302);
    assert_eq!(header(&response, "location").as_deref(), Some("/landing"));
    assert_eq!(header(&response, "set-cookie"), None);
    let paths: Vec<String> = upstream
        .seen()
        .into_iter()
        .map(|s| s.path_and_query)
        .collect();
    assert_eq!(paths, ["/astro/v1/redirect"], "the target got nothing");
}

#[test]
fn caps_body_size_and_upstream_time() {
    let (dist, upstream) = (dist(), Upstream::start());
    let server = server_for(dist.path(), &upstream, &["--upstream-timeout", "1"]);
    let agent = agent();
    let too_big = "x".repeat((1 << 20) + 1);
    let refused = agent
        .post(server.url("/proxy/cnb/repos"))
        .send(too_big.as_str())
        .expect("an answer");
    assert_eq!(refused.status(), 413);
    assert!(upstream.seen().is_empty(), "nothing went upstream");

    let fits = agent
        .post(server.url("/proxy/cnb/repos"))
        .send("x".repeat(1 << 20).as_str())
        .expect("an answer");
    assert_eq!(fits.status(), 200);

    let started = std::time::Instant::now();
    let slow = agent
        .get(server.url("/proxy/tfe/api/v2/slow"))
        .call()
        .expect("an answer");
    assert_eq!(slow.status(), 504);
    assert!(started.elapsed() < std::time::Duration::from_secs(4));
    assert!(header(&slow, "content-security-policy").is_some());

    let gone = Server::start(
        dist.path(),
        &["--tfe-url", "http://127.0.0.1:9", "--upstream-timeout", "2"],
    );
    let unreachable = agent
        .get(gone.url("/proxy/tfe/api/v2/account/details"))
        .call()
        .expect("an answer");
    assert_eq!(unreachable.status(), 502);
}

#[test]
fn logs_one_line_per_request_without_secrets() {
    let (dist, upstream) = (dist(), Upstream::start());
    let server = server_for(dist.path(), &upstream, &[]);
    let agent = agent();
    agent
        .post(server.url("/proxy/tfe/api/v2/organizations/acme/ssh-keys?secret-query=1"))
        .header("authorization", format!("Bearer {TOKEN}"))
        .send(SECRET_BODY)
        .expect("an answer");
    agent
        .get(server.url("/user/keys?token=in-query"))
        .header("authorization", format!("Bearer {TOKEN}"))
        .call()
        .expect("an answer");
    agent
        .get(server.url("/proxy/unknown/x"))
        .call()
        .expect("an answer");
    let log = server.stop();
    let lines: Vec<&str> = log.lines().collect();
    assert_eq!(lines.len(), 3, "{log}");
    let shape = |line: &str, start: &str| {
        line.starts_with(start)
            && line
                .rsplit(' ')
                .next()
                .and_then(|ms| ms.strip_suffix("ms"))
                .is_some_and(|ms| ms.parse::<u64>().is_ok())
    };
    assert!(
        shape(
            lines[0],
            "POST /proxy/tfe/api/v2/organizations/acme/ssh-keys 200 "
        ),
        "{log}"
    );
    assert!(shape(lines[1], "GET /user/keys 200 "), "{log}");
    assert!(shape(lines[2], "GET /proxy/unknown/x 404 "), "{log}");
    for secret in [
        TOKEN,
        "Bearer",
        SECRET_BODY,
        "AAAAC3Nza",
        "secret-query",
        "in-query",
    ] {
        assert!(!log.contains(secret), "the log shows {secret:?}: {log}");
    }
}
