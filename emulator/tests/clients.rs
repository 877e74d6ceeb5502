//! The real provider clients (`keyward::providers::{github, tfe, astro,
//! cnb}`) against the real `keyward-emulator` binary over HTTP, through a
//! native executor (tests/support) that sends with a real timeout and
//! retries as `RetryPolicy::decide` says, with real sleeps.
//!
//! Each test starts its own emulator, so request counters (which drive the
//! per-run faults) and state are its own. Error statuses covered, each with
//! its ErrorKind: 400 and 422 (Invalid), 401 (BadToken), 403 (Forbidden
//! from Astro, RateLimited from GitHub's primary limit), 404 (NotFound),
//! 429 (RateLimited), 502/503 (ServerError), no answer (Network).

mod support;

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use keyward::providers::astro::{self, Astro, NewDeploymentToken, DEPLOYMENT_ADMIN};
use keyward::providers::cnb::{self, Cnb};
use keyward::providers::github::{self, GitHub, Operation};
use keyward::providers::http::{HttpRequest, HttpResponse};
use keyward::providers::retry::RetryPolicy;
use keyward::providers::sandbox::FAULT_HEADER;
use keyward::providers::tfe::{self, PageRequest, Tfe, TokenOwner};
use keyward::providers::{ApiError, ErrorKind, KeyRecord};
use support::{
    canonical, ed25519_public, now_epoch, retry_with, rsa_pem_private, send, send_with_retry,
    Emulator, TOKEN,
};

/// Small waits so the tests stay fast; a server may ask for up to 2 s.
const POLICY: RetryPolicy = RetryPolicy {
    max_attempts: 3,
    base_delay_ms: 50,
    max_delay_ms: 2_000,
};
const TIMEOUT: Duration = Duration::from_secs(10);

/// A throwaway DSA key (tests/corpus/keys/dsa.pub): GitHub refuses DSA.
const DSA_PUB: &str = "ssh-dss AAAAB3NzaC1kc3MAAACBAP9S630hfSlnmGOJVyFKUoOKmPnxZZmIOjQY+qWDvn11qCagMeYvavvikMw6aKTfI/HxGDglV/HrJRUutAnr/ijIXHf36erh9pbT/OHltzVlOQgqaqQczfVGRiizD3KOrGfrhUPUMqzrQHEc9riqD8ulDVIVh5amp47hr1lD43VRAAAAFQDXZNxrEx8Thq0L2tcsLn5HCwVzUQAAAIA3VKnvrw43eB3CSQ4ttuAP4+fWLLUR/5s4IiWJhLy8EcUfLaVexasE9phH/drRr7iRsSrvvufN/H+Ap//izh054luhhP+l5qB8nqcu93a8vM8V+jlHSbV1UMWTEovxIYJ6ElSjVYUZjU5EuSCOST53dFJdntkuAlvs1r8KvftQGAAAAIEA3zfRkYP0mhTeoFlw46iMpc8rXfJlKQagbRxzobHmbk0lwp9DRHrola0UsHX74mYdiAfMStQ+PQ6TbXIyPAIH1h+vFXCQZvZuqCSDxueKgJ21kHeu9ZqtG+yYw23zDNL9WXcbXgU16UmAJONWvtYgOBz8HssxNbYWpHgXaMIAXMw= legacy-dsa";

/// Sends with retries; every test request here gets an answer.
fn call(request: &HttpRequest) -> HttpResponse {
    send_with_retry(request, &POLICY, TIMEOUT)
        .unwrap_or_else(|error| panic!("no answer to {request:?}: {error}"))
}

fn with_fault(request: HttpRequest, fault: &str) -> HttpRequest {
    request.header(FAULT_HEADER, fault)
}

fn without_fault(request: &HttpRequest) -> HttpRequest {
    let mut request = request.clone();
    request
        .headers
        .retain(|(name, _)| !name.eq_ignore_ascii_case(FAULT_HEADER));
    request
}

fn assert_error(error: &ApiError, kind: ErrorKind, status: u16) {
    assert_eq!(
        (error.kind, error.status),
        (kind, status),
        "unexpected error: {error:?}"
    );
}

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary directory")
}

// ------------------------------------------------------------------ GitHub

/// Every page of a GitHub list, following `Link: rel="next"`.
fn github_all(
    gh: &GitHub,
    token: Option<&str>,
    first: HttpRequest,
    operation: Operation,
) -> (Vec<KeyRecord>, usize) {
    let mut records = Vec::new();
    let mut pages = 0;
    let mut request = first;
    loop {
        let page = github::parse_key_list(&call(&request), operation)
            .unwrap_or_else(|e| panic!("{operation:?} page {}: {e}", pages + 1));
        pages += 1;
        records.extend(page.items);
        match page.next {
            Some(next) => {
                request = gh
                    .next_page(token, &next)
                    .expect("the next page is on the same origin")
            }
            None => return (records, pages),
        }
        assert!(pages < 20, "the pages never end");
    }
}

#[test]
fn github_token_keys_pages_and_errors() {
    let emulator = Emulator::start(&["--seed-user-keys", "250"]);
    let gh = GitHub::new(&emulator.api("github"));
    let dir = tempdir();

    // The token check: who, and the classic scopes from X-OAuth-Scopes.
    let info = github::parse_token_check(&call(&gh.check_token(TOKEN))).expect("token check");
    assert_eq!(info.login, "octocat");
    assert_eq!(info.name.as_deref(), Some("The Octocat"));
    assert_eq!(
        info.scopes,
        Some(vec![
            "admin:public_key".to_string(),
            "read:user".to_string(),
            "repo".to_string()
        ])
    );

    // 2 seeded + 250 generated keys over pages of 100, by Link rel="next".
    let (keys, pages) = github_all(
        &gh,
        Some(TOKEN),
        gh.list_user_keys(TOKEN, 1),
        Operation::ListUserKeys,
    );
    assert_eq!(pages, 3);
    assert!(keys.len() >= 250, "{} keys", keys.len());
    assert_eq!(keys.len(), 252);
    let ids: BTreeSet<&str> = keys.iter().map(|k| k.id.as_str()).collect();
    assert_eq!(ids.len(), keys.len(), "ids are distinct");
    for key in &keys {
        let text = key.public_key.as_deref().unwrap_or("");
        assert!(text.starts_with("ssh-ed25519 "), "{key:?}");
        assert_eq!(key.verified, Some(true));
        assert_eq!(key.read_only, Some(false));
    }

    // Create a user key; GitHub stores and returns the canonical line.
    let line = ed25519_public(dir.path(), "user");
    let created = github::parse_key(
        &call(&gh.create_user_key(TOKEN, "clients test", &line)),
        Operation::CreateUserKey,
    )
    .expect("created");
    assert_eq!(
        created.public_key.as_deref(),
        Some(canonical(&line).as_str())
    );
    assert_eq!(created.title, "clients test");
    assert_eq!(created.verified, Some(true));
    assert_eq!(created.read_only, Some(false));
    assert_eq!(
        created.url.as_deref(),
        Some(format!("{}/github/user/keys/{}", emulator.base, created.id).as_str())
    );
    let fetched = github::parse_key(
        &call(&gh.get_user_key(TOKEN, &created.id).expect("a valid path")),
        Operation::GetUserKey,
    )
    .expect("read back");
    assert_eq!(fetched, created);

    // The same key again, as a deploy key or a user key: 422, in use.
    for request in [
        gh.create_deploy_key(TOKEN, "octocat", "hello-world", "reuse", &line, true)
            .expect("a valid path"),
        gh.create_user_key(TOKEN, "again", &line),
    ] {
        let operation = if request.url.contains("/repos/") {
            Operation::CreateDeployKey
        } else {
            Operation::CreateUserKey
        };
        let error = github::parse_key(&call(&request), operation).expect_err("in use");
        assert_error(&error, ErrorKind::Invalid, 422);
        assert!(
            error
                .field_errors
                .iter()
                .any(|(field, message)| field == "key" && message == "key is already in use"),
            "{error:?}"
        );
        assert!(
            error
                .explanation
                .starts_with("GitHub accepts each public key only once across all of GitHub"),
            "{}",
            error.explanation
        );
    }

    // DSA: refused.
    let error = github::parse_key(
        &call(&gh.create_user_key(TOKEN, "old", DSA_PUB)),
        Operation::CreateUserKey,
    )
    .expect_err("DSA is refused");
    assert_error(&error, ErrorKind::Invalid, 422);
    assert!(
        error
            .explanation
            .contains("DSA keys (ssh-dss) are no longer accepted"),
        "{}",
        error.explanation
    );

    // Delete: 204; then it is gone (404), and deleting again is 404 too.
    let deleted = call(
        &gh.delete_user_key(TOKEN, &created.id)
            .expect("a valid path"),
    );
    assert_eq!(deleted.status, 204);
    github::parse_deleted(&deleted, Operation::DeleteUserKey).expect("deleted");
    let error = github::parse_key(
        &call(&gh.get_user_key(TOKEN, &created.id).expect("a valid path")),
        Operation::GetUserKey,
    )
    .expect_err("gone");
    assert_error(&error, ErrorKind::NotFound, 404);
    assert!(error
        .explanation
        .starts_with("GitHub did not find this key"));
    let error = github::parse_deleted(
        &call(
            &gh.delete_user_key(TOKEN, &created.id)
                .expect("a valid path"),
        ),
        Operation::DeleteUserKey,
    )
    .expect_err("already gone");
    assert_error(&error, ErrorKind::NotFound, 404);

    // Deploy keys: the seeded read-only one, then one of each kind. The
    // deleted user key is free again, so it may become a deploy key.
    let (seeded, _) = github_all(
        &gh,
        Some(TOKEN),
        gh.list_deploy_keys(TOKEN, "octocat", "hello-world", 1)
            .expect("a valid path"),
        Operation::ListDeployKeys,
    );
    assert_eq!(seeded.len(), 1);
    assert_eq!(seeded[0].title, "ci read-only");
    assert_eq!(seeded[0].read_only, Some(true));
    assert_eq!(seeded[0].added_by.as_deref(), Some("octocat"));
    let read_only_line = ed25519_public(dir.path(), "deploy-ro");
    let read_only = github::parse_key(
        &call(
            &gh.create_deploy_key(
                TOKEN,
                "octocat",
                "hello-world",
                "ci ro",
                &read_only_line,
                true,
            )
            .expect("a valid path"),
        ),
        Operation::CreateDeployKey,
    )
    .expect("read-only deploy key");
    assert_eq!(read_only.read_only, Some(true));
    assert_eq!(read_only.added_by.as_deref(), Some("octocat"));
    assert_eq!(read_only.enabled, Some(true));
    let writable = github::parse_key(
        &call(
            &gh.create_deploy_key(TOKEN, "octocat", "hello-world", "ci rw", &line, false)
                .expect("a valid path"),
        ),
        Operation::CreateDeployKey,
    )
    .expect("writable deploy key");
    assert_eq!(writable.read_only, Some(false));
    assert_eq!(
        writable.public_key.as_deref(),
        Some(canonical(&line).as_str())
    );
    let (listed, _) = github_all(
        &gh,
        Some(TOKEN),
        gh.list_deploy_keys(TOKEN, "octocat", "hello-world", 1)
            .expect("a valid path"),
        Operation::ListDeployKeys,
    );
    assert_eq!(listed.len(), 3);
    assert!(listed.contains(&read_only) && listed.contains(&writable));
    let fetched = github::parse_key(
        &call(
            &gh.get_deploy_key(TOKEN, "octocat", "hello-world", &writable.id)
                .expect("a valid path"),
        ),
        Operation::GetDeployKey,
    )
    .expect("read back");
    assert_eq!(fetched, writable);
    let deleted = call(
        &gh.delete_deploy_key(TOKEN, "octocat", "hello-world", &writable.id)
            .expect("a valid path"),
    );
    assert_eq!(deleted.status, 204);
    github::parse_deleted(&deleted, Operation::DeleteDeployKey).expect("deleted");
    let error = github::parse_key(
        &call(
            &gh.get_deploy_key(TOKEN, "octocat", "hello-world", &writable.id)
                .expect("a valid path"),
        ),
        Operation::GetDeployKey,
    )
    .expect_err("gone");
    assert_error(&error, ErrorKind::NotFound, 404);

    // Public keys of octocat, without a token, over every page.
    let (public, pages) = github_all(
        &gh,
        None,
        gh.list_public_keys(None, "octocat", 1)
            .expect("a valid path"),
        Operation::ListPublicKeys,
    );
    assert_eq!(pages, 3);
    assert_eq!(public.len(), 252);
    assert!(public.iter().all(|k| k.verified == Some(true)));
    let error = github::parse_key_list(
        &call(
            &gh.list_public_keys(None, "no-such-user", 1)
                .expect("a valid path"),
        ),
        Operation::ListPublicKeys,
    )
    .expect_err("no such user");
    assert_error(&error, ErrorKind::NotFound, 404);
    assert_eq!(error.explanation, "No GitHub user has this login.");

    // A wrong token: 401, for the check and for a list.
    let error =
        github::parse_token_check(&call(&gh.check_token("ghp_wrong"))).expect_err("a wrong token");
    assert_error(&error, ErrorKind::BadToken, 401);
    assert!(error.explanation.starts_with("GitHub refused the token"));
    let error = github::parse_key_list(
        &call(&gh.list_user_keys("ghp_wrong", 1)),
        Operation::ListUserKeys,
    )
    .expect_err("a wrong token");
    assert_error(&error, ErrorKind::BadToken, 401);

    // An unknown repository: 404, with GitHub's "not an admin there, or
    // you cannot see it".
    let error = github::parse_key_list(
        &call(
            &gh.list_deploy_keys(TOKEN, "octocat", "no-such-repo", 1)
                .expect("a valid path"),
        ),
        Operation::ListDeployKeys,
    )
    .expect_err("unknown repo");
    assert_error(&error, ErrorKind::NotFound, 404);
    assert!(error
        .explanation
        .contains("not an admin there, or no access"));
    assert!(error.explanation.contains("private repository"));
    let other = ed25519_public(dir.path(), "other");
    let error = github::parse_key(
        &call(
            &gh.create_deploy_key(TOKEN, "octocat", "no-such-repo", "x", &other, true)
                .expect("a valid path"),
        ),
        Operation::CreateDeployKey,
    )
    .expect_err("unknown repo");
    assert_error(&error, ErrorKind::NotFound, 404);

    let log = emulator.log();
    assert!(log.iter().any(|l| l == "GET /github/user/keys 200"));
    assert!(
        log.iter()
            .all(|l| !l.contains(TOKEN) && !l.contains("AAAA")),
        "{log:?}"
    );
}

#[test]
fn github_gets_are_retried_after_503_and_posts_never() {
    let emulator = Emulator::start(&["--fail-every", "2", "--fail-status", "503"]);
    let gh = GitHub::new(&emulator.api("github"));
    let dir = tempdir();
    let line = ed25519_public(dir.path(), "retry");
    let list_keys = |gh: &GitHub| {
        github::parse_key_list(&call(&gh.list_user_keys(TOKEN, 1)), Operation::ListUserKeys)
            .expect("the list, after a retry if needed")
            .items
    };

    // Request 1 passes.
    github::parse_token_check(&call(&gh.check_token(TOKEN))).expect("request 1");
    // Request 2 fails with 503; the retry (request 3) succeeds.
    assert_eq!(list_keys(&gh).len(), 2);
    assert_eq!(emulator.count("GET /github/user/keys 503", 1), 1);
    assert_eq!(emulator.count("GET /github/user/keys 200", 1), 1);

    // Request 4, a POST, fails with 503 and is not retried.
    let error = github::parse_key(
        &call(&gh.create_user_key(TOKEN, "t", &line)),
        Operation::CreateUserKey,
    )
    .expect_err("the injected 503");
    assert_error(&error, ErrorKind::ServerError, 503);
    assert_eq!(emulator.count_prefix("POST /github/user/keys "), 1);
    // Request 5: nothing was created.
    assert_eq!(list_keys(&gh).len(), 2);

    // Request 6, a POST answered 502 (fault header): still one request.
    let request = with_fault(gh.create_user_key(TOKEN, "t", &line), "status=502");
    let error =
        github::parse_key(&call(&request), Operation::CreateUserKey).expect_err("the injected 502");
    assert_error(&error, ErrorKind::ServerError, 502);
    assert_eq!(emulator.count("POST /github/user/keys 502", 1), 1);
    assert_eq!(emulator.count_prefix("POST /github/user/keys "), 2);

    // Request 7, a POST handled and then cut off: no answer, so Network,
    // and no retry, because the key may exist (it does).
    let request = with_fault(gh.create_user_key(TOKEN, "t", &line), "drop-after");
    let error = send_with_retry(&request, &POLICY, TIMEOUT).expect_err("no answer");
    assert_eq!(error.kind, ErrorKind::Network);
    assert_eq!(emulator.count("POST /github/user/keys dropped", 1), 1);
    assert_eq!(emulator.count_prefix("POST /github/user/keys "), 3);
    // Request 8 fails (503) and its retry, 9, shows the key exactly once.
    let keys = list_keys(&gh);
    let wanted = canonical(&line);
    assert_eq!(
        keys.iter()
            .filter(|k| k.public_key.as_deref() == Some(wanted.as_str()))
            .count(),
        1
    );
    assert_eq!(emulator.count("GET /github/user/keys 503", 2), 2);
}

#[test]
fn rate_limits_429_are_retried_and_github_403_is_reported() {
    let emulator = Emulator::start(&["--rate-limit-every", "2"]);
    let gh = GitHub::new(&emulator.api("github"));
    let tfe = Tfe::new(emulator.api("tfe/api/v2"));
    let astro = Astro::new(emulator.api("astro/v1"));

    // 1 passes; 2 is TFE's 429 (no Retry-After): backoff, and 3 passes.
    tfe::parse_account(&call(&tfe.check_token(TOKEN))).expect("request 1");
    let list =
        tfe::parse_ssh_key_list(&call(&tfe.list_ssh_keys(TOKEN, "acme").expect("a request")))
            .expect("retried after the 429");
    assert_eq!(list.keys.len(), 1);
    let path = "GET /tfe/api/v2/organizations/acme/ssh-keys";
    assert_eq!(emulator.count(&format!("{path} 429"), 1), 1);
    assert_eq!(emulator.count(&format!("{path} 200"), 1), 1);

    // 4: GitHub's primary limit, 403 with a reset an hour away: longer
    // than the policy waits, so no retry, and the reset time is shown.
    let started = Instant::now();
    let error = github::parse_token_check(&call(&gh.check_token(TOKEN))).expect_err("rate limited");
    assert!(started.elapsed() < Duration::from_secs(1));
    assert_error(&error, ErrorKind::RateLimited, 403);
    let reset = error.retry_at.expect("x-ratelimit-reset");
    assert!(reset >= now_epoch() + 3_500, "reset {reset}");
    assert!(
        error.explanation.contains("It resets at"),
        "{}",
        error.explanation
    );
    assert_eq!(emulator.count("GET /github/user 403", 1), 1);
    assert_eq!(emulator.count_prefix("GET /github/user "), 1);

    // 5 passes; 6 is a 429 on a POST: never retried, explained.
    astro::parse_token_page(&call(
        &astro
            .list_tokens(TOKEN, "org-sandbox", "dep-sandbox", 0, 20)
            .expect("a request"),
    ))
    .expect("request 5");
    let new = NewDeploymentToken {
        deployment_id: "dep-sandbox",
        name: "limited",
        description: "",
        role: DEPLOYMENT_ADMIN,
        expiry_days: None,
    };
    let error = astro::parse_created(&call(
        &astro
            .create_deployment_token(TOKEN, "org-sandbox", &new)
            .expect("a request"),
    ))
    .expect_err("rate limited");
    assert_error(&error, ErrorKind::RateLimited, 429);
    assert_eq!(
        emulator.count_prefix("POST /astro/v1/organizations/org-sandbox/tokens "),
        1
    );

    // 7 passes; 8, sent once without retry, is TFE's 429 in TFE's words.
    tfe::parse_account(&call(&tfe.check_token(TOKEN))).expect("request 7");
    let response = send(&tfe.check_token(TOKEN), TIMEOUT).expect("an answer");
    let error = tfe::parse_account(&response).expect_err("rate limited");
    assert_error(&error, ErrorKind::RateLimited, 429);
    assert!(
        error.explanation.contains("30 per second"),
        "{}",
        error.explanation
    );
}

#[test]
fn retry_after_is_honoured() {
    let emulator = Emulator::start(&[]);
    let gh = GitHub::new(&emulator.api("github"));
    let faulted = with_fault(gh.check_token(TOKEN), "retry-after=1");

    // A transient 429 with Retry-After: 1 (the fault header only on the
    // first attempt): the retry waits at least a second, then succeeds.
    let started = Instant::now();
    let response = retry_with(&faulted, &POLICY, |request, attempt| {
        if attempt == 1 {
            send(request, TIMEOUT)
        } else {
            send(&without_fault(request), TIMEOUT)
        }
    })
    .expect("an answer");
    assert!(started.elapsed() >= Duration::from_secs(1));
    let info = github::parse_token_check(&response).expect("the retry succeeds");
    assert_eq!(info.login, "octocat");
    assert_eq!(emulator.count("GET /github/user 429", 1), 1);
    assert_eq!(emulator.count("GET /github/user 200", 1), 1);

    // A 429 that persists: each retry waits the second asked for, and after
    // the last attempt the 429 is explained as GitHub's secondary limit.
    let started = Instant::now();
    let response = send_with_retry(&faulted, &POLICY, TIMEOUT).expect("an answer");
    assert!(started.elapsed() >= Duration::from_secs(2));
    let error = github::parse_token_check(&response).expect_err("still limited");
    assert_error(&error, ErrorKind::RateLimited, 429);
    assert_eq!(error.retry_after, Some(1));
    assert!(
        error.explanation.contains("secondary rate limit")
            && error.explanation.contains("Try again in 1 second."),
        "{}",
        error.explanation
    );
    assert_eq!(emulator.count("GET /github/user 429", 4), 4);

    // A wait longer than the policy allows is not waited for.
    let started = Instant::now();
    let long = with_fault(gh.check_token(TOKEN), "retry-after=60");
    let error = github::parse_token_check(&call(&long)).expect_err("limited");
    assert!(started.elapsed() < Duration::from_secs(1));
    assert_eq!(error.retry_after, Some(60));
    assert_eq!(emulator.count("GET /github/user 429", 5), 5);
}

#[test]
fn timeouts_and_dropped_connections_are_network_errors() {
    let emulator = Emulator::start(&[]);
    let gh = GitHub::new(&emulator.api("github"));

    // An answer slower than the client's timeout: no answer at all.
    let slow = with_fault(gh.check_token(TOKEN), "delay=3000");
    let started = Instant::now();
    let error = send(&slow, Duration::from_millis(300)).expect_err("too slow");
    assert!(started.elapsed() < Duration::from_millis(2_000));
    assert_error(&error, ErrorKind::Network, 0);
    assert!(
        error.explanation.contains("no answer within 1 seconds"),
        "{}",
        error.explanation
    );

    // A dropped connection: a GET is retried, then reported.
    let dropped = with_fault(gh.list_user_keys(TOKEN, 1), "drop");
    let error = send_with_retry(&dropped, &POLICY, TIMEOUT).expect_err("dropped");
    assert_error(&error, ErrorKind::Network, 0);
    assert_eq!(emulator.count("GET /github/user/keys dropped", 3), 3);

    // The same on a POST: one attempt only.
    let dir = tempdir();
    let line = ed25519_public(dir.path(), "dropped");
    let dropped = with_fault(gh.create_user_key(TOKEN, "t", &line), "drop");
    let error = send_with_retry(&dropped, &POLICY, TIMEOUT).expect_err("dropped");
    assert_error(&error, ErrorKind::Network, 0);
    assert_eq!(emulator.count("POST /github/user/keys dropped", 1), 1);
    // Dropped before it was handled: nothing was created.
    let keys = github::parse_key_list(&call(&gh.list_user_keys(TOKEN, 1)), Operation::ListUserKeys)
        .expect("the list");
    assert_eq!(keys.items.len(), 2);
}

// --------------------------------------------------------------------- TFE

#[test]
fn tfe_account_and_ssh_key_lifecycle() {
    let emulator = Emulator::start(&[]);
    let tfe = Tfe::new(emulator.api("tfe/api/v2"));
    let dir = tempdir();

    let account = tfe::parse_account(&call(&tfe.check_token(TOKEN))).expect("account");
    assert_eq!(account.username, "sandbox-user");
    assert_eq!(account.email.as_deref(), Some("sandbox@example.com"));
    // Real TFE names the token's owner in `relationships.authenticated-resource`.
    assert!(
        matches!(account.owner, TokenOwner::User),
        "{:?}",
        account.owner
    );
    assert_eq!(account.ssh_key_warning(), None);

    let list = |tfe: &Tfe| {
        tfe::parse_ssh_key_list(&call(&tfe.list_ssh_keys(TOKEN, "acme").expect("a request")))
            .expect("the list")
    };
    let seeded = list(&tfe);
    assert_eq!(
        seeded.pagination, None,
        "unpaginated without page parameters"
    );
    assert_eq!(seeded.keys.len(), 1);
    assert_eq!(seeded.keys[0].title, "deploy-key");

    // Create with a PEM RSA key from ssh-keygen, checked first as the app does.
    let pem = rsa_pem_private(dir.path(), "tfe", "");
    let check = tfe::check_private_key_for_tfe(&pem).expect("a PEM RSA key passes");
    assert_eq!(check.warning, None);
    let response = call(
        &tfe.create_ssh_key(TOKEN, "acme", "clients-test", &pem)
            .expect("a request"),
    );
    assert_eq!(response.status, 201);
    assert!(
        !response.body.contains("PRIVATE KEY"),
        "TFE never returns the key"
    );
    let created = tfe::parse_created_ssh_key(&response).expect("created");
    assert!(created.secret.is_none());
    let id = created.record.id.clone();
    assert!(id.starts_with("sshkey-"), "{id}");
    assert_eq!(created.record.title, "clients-test");
    let keys = list(&tfe).keys;
    assert_eq!(keys.len(), 2);
    assert!(keys.iter().any(|k| k.id == id));
    assert!(keys.iter().all(|k| k.public_key.is_none()));
    let fetched = tfe::parse_ssh_key(&call(&tfe.get_ssh_key(TOKEN, &id).expect("a request")))
        .expect("read back");
    assert_eq!(fetched.title, "clients-test");

    // Rename, then replace the value.
    let renamed = tfe::parse_ssh_key(&call(
        &tfe.update_ssh_key_name(TOKEN, &id, "clients-test-renamed")
            .expect("a request"),
    ))
    .expect("renamed");
    assert_eq!(renamed.title, "clients-test-renamed");
    let replacement = rsa_pem_private(dir.path(), "tfe2", "");
    let updated = tfe::parse_value_update(&call(
        &tfe.update_ssh_key_value(TOKEN, &id, "clients-test-renamed", &replacement)
            .expect("a request"),
    ))
    .expect("value replaced");
    assert_eq!(updated.record.title, "clients-test-renamed");
    assert!(updated.advice.contains("cannot confirm"));

    // An encrypted key: refused locally, and by the server with a field
    // error on /data/attributes/value (mapped to `value`).
    let encrypted = rsa_pem_private(dir.path(), "tfe-enc", "correct horse");
    assert!(tfe::check_private_key_for_tfe(&encrypted).is_err());
    let error = tfe::parse_created_ssh_key(&call(
        &tfe.create_ssh_key(TOKEN, "acme", "encrypted", &encrypted)
            .expect("a request"),
    ))
    .expect_err("refused");
    assert_error(&error, ErrorKind::Invalid, 422);
    assert_eq!(
        error.field_errors,
        vec![(
            "value".to_string(),
            "Value must be a PEM-formatted private key without a passphrase".to_string()
        )]
    );
    assert!(error.explanation.starts_with("Terraform refused the key:"));
    let error = tfe::parse_value_update(&call(
        &tfe.update_ssh_key_value(TOKEN, &id, "clients-test-renamed", &encrypted)
            .expect("a request"),
    ))
    .expect_err("refused");
    assert_error(&error, ErrorKind::Invalid, 422);
    assert!(error
        .explanation
        .contains("may not allow replacing a key's text"));
    // A name already taken: 422 about the name.
    let error = tfe::parse_created_ssh_key(&call(
        &tfe.create_ssh_key(TOKEN, "acme", "deploy-key", &pem)
            .expect("a request"),
    ))
    .expect_err("name taken");
    assert_error(&error, ErrorKind::Invalid, 422);
    assert_eq!(error.explanation, "Terraform refused the key's name.");

    // Pages of one, when asked.
    let page = |number| {
        tfe::parse_ssh_key_list(&call(
            &tfe.list_ssh_keys_page(TOKEN, "acme", PageRequest { number, size: 1 })
                .expect("a request"),
        ))
        .expect("a page")
    };
    let first = page(1);
    assert_eq!(first.keys.len(), 1);
    let pagination = first.pagination.clone().expect("paginated");
    assert_eq!(pagination.total_count, Some(2));
    assert_eq!(first.next_page(), Some(2));
    let second = page(2);
    assert_eq!(second.next_page(), None);
    assert_ne!(first.keys[0].id, second.keys[0].id);

    // An organization that does not exist, or that the user cannot see:
    // 404 with TFE's "or no permission".
    for org in ["globex", "no-such-org"] {
        let error =
            tfe::parse_ssh_key_list(&call(&tfe.list_ssh_keys(TOKEN, org).expect("a request")))
                .expect_err("not found");
        assert_error(&error, ErrorKind::NotFound, 404);
        assert!(
            error
                .explanation
                .contains("Terraform answers 404 when the token lacks permission"),
            "{}",
            error.explanation
        );
    }

    // Delete: 204, then 404.
    let deleted = call(&tfe.delete_ssh_key(TOKEN, &id).expect("a request"));
    assert_eq!(deleted.status, 204);
    tfe::parse_deleted(&deleted).expect("deleted");
    let error = tfe::parse_ssh_key(&call(&tfe.get_ssh_key(TOKEN, &id).expect("a request")))
        .expect_err("gone");
    assert_error(&error, ErrorKind::NotFound, 404);

    let error = tfe::parse_account(&call(&tfe.check_token("wrong"))).expect_err("bad token");
    assert_error(&error, ErrorKind::BadToken, 401);
    assert!(error.explanation.starts_with("Terraform refused the token"));

    let log = emulator.log().join("\n");
    assert!(!log.contains("PRIVATE") && !log.contains(TOKEN), "{log}");
}

// ------------------------------------------------------------------- Astro

#[test]
fn astro_deployment_token_lifecycle() {
    const ORG: &str = "org-sandbox";
    const DEPLOYMENT: &str = "dep-sandbox";
    let emulator = Emulator::start(&[]);
    let astro = Astro::new(emulator.api("astro/v1"));
    let new = NewDeploymentToken {
        deployment_id: DEPLOYMENT,
        name: "clients-test",
        description: "made by the client tests",
        role: DEPLOYMENT_ADMIN,
        expiry_days: Some(30),
    };

    // Create: the value comes once, as the secret, never in the record.
    let response = call(
        &astro
            .create_deployment_token(TOKEN, ORG, &new)
            .expect("a request"),
    );
    assert_eq!(response.status, 200);
    let created = astro::parse_created(&response).expect("created");
    let first = created.secret.expect("a one-time token value");
    let record = created.record;
    let id = record.id.clone();
    let short = record.short_token.clone().expect("shortToken");
    assert!(first.expose().ends_with(&short));
    assert!(!format!("{record:?}").contains(first.expose()));
    assert_eq!(record.title, "clients-test");
    assert_eq!(
        record.description.as_deref(),
        Some("made by the client tests")
    );
    assert_eq!(record.roles, vec![DEPLOYMENT_ADMIN.to_string()]);
    assert!(record.expires_at.is_some());

    // The list shows shortToken and never a token value.
    let listing = call(
        &astro
            .list_tokens(TOKEN, ORG, DEPLOYMENT, 0, 100)
            .expect("a request"),
    );
    assert!(!listing.body.contains(first.expose()));
    assert!(!listing.body.contains("\"token\":"), "{}", listing.body);
    let page = astro::parse_token_page(&listing).expect("the list");
    assert_eq!(page.total_count, 2);
    let listed = page.tokens.iter().find(|t| t.id == id).expect("listed");
    assert_eq!(listed.short_token.as_deref(), Some(short.as_str()));

    // The new token reads, but may not manage tokens: 403.
    astro::parse_token(&call(
        &astro
            .get_token(first.expose(), ORG, &id)
            .expect("a request"),
    ))
    .expect("the new token reads");
    let error = astro::parse_created(&call(
        &astro
            .rotate_token(first.expose(), ORG, &id)
            .expect("a request"),
    ))
    .expect_err("forbidden");
    assert_error(&error, ErrorKind::Forbidden, 403);
    assert!(error
        .explanation
        .starts_with("The token is valid but may not manage"));

    // Rotate: a new value; the old one is refused at once.
    let rotated = astro::parse_created(&call(
        &astro.rotate_token(TOKEN, ORG, &id).expect("a request"),
    ))
    .expect("rotated");
    let second = rotated.secret.expect("a new value");
    assert_ne!(second.expose(), first.expose());
    assert_ne!(rotated.record.short_token.as_deref(), Some(short.as_str()));
    let error = astro::parse_token(&call(
        &astro
            .get_token(first.expose(), ORG, &id)
            .expect("a request"),
    ))
    .expect_err("the old value is refused");
    assert_error(&error, ErrorKind::BadToken, 401);
    assert!(
        error.explanation.contains("rotated"),
        "{}",
        error.explanation
    );
    astro::parse_token(&call(
        &astro
            .get_token(second.expose(), ORG, &id)
            .expect("a request"),
    ))
    .expect("the new value reads");

    // Update name and description.
    let updated = astro::parse_token(&call(
        &astro
            .update_token(TOKEN, ORG, &id, "clients-test-renamed", "changed")
            .expect("a request"),
    ))
    .expect("updated");
    assert_eq!(updated.title, "clients-test-renamed");
    assert_eq!(updated.description.as_deref(), Some("changed"));

    // Refused input: a lifetime out of range never leaves the client; a
    // role the scope does not have is Astro's 400 with a field error.
    let before = emulator.count_prefix("POST ");
    let error = astro
        .create_deployment_token(
            TOKEN,
            ORG,
            &NewDeploymentToken {
                expiry_days: Some(400),
                ..new.clone()
            },
        )
        .expect_err("refused before sending");
    assert_error(&error, ErrorKind::Invalid, 0);
    let bad_role = NewDeploymentToken {
        role: "WORKSPACE_OWNER",
        ..new.clone()
    };
    let error = astro::parse_created(&call(
        &astro
            .create_deployment_token(TOKEN, ORG, &bad_role)
            .expect("a request"),
    ))
    .expect_err("refused by Astro");
    assert_error(&error, ErrorKind::Invalid, 400);
    assert!(error.field_errors.iter().any(|(field, _)| field == "role"));
    assert_eq!(emulator.count_prefix("POST ") - before, 1);

    let error = astro::parse_token_page(&call(
        &astro
            .list_tokens(TOKEN, "org-unknown", DEPLOYMENT, 0, 20)
            .expect("a request"),
    ))
    .expect_err("unknown organization");
    assert_error(&error, ErrorKind::NotFound, 404);

    // Delete: 204; then the token and its value are gone.
    let deleted = call(&astro.delete_token(TOKEN, ORG, &id).expect("a request"));
    assert_eq!(deleted.status, 204);
    astro::parse_deleted(&deleted).expect("deleted");
    let error = astro::parse_token(&call(&astro.get_token(TOKEN, ORG, &id).expect("a request")))
        .expect_err("gone");
    assert_error(&error, ErrorKind::NotFound, 404);
    let error = astro::parse_token_page(&call(
        &astro
            .list_tokens(second.expose(), ORG, DEPLOYMENT, 0, 20)
            .expect("a request"),
    ))
    .expect_err("a deleted token's value is refused");
    assert_error(&error, ErrorKind::BadToken, 401);

    let log = emulator.log().join("\n");
    assert!(
        !log.contains(second.expose()) && !log.contains(TOKEN),
        "{log}"
    );
}

// --------------------------------------------------------------------- CNB

#[test]
fn cnb_token_and_repository_checks() {
    let emulator = Emulator::start(&[]);
    let cnb = Cnb::new(emulator.api("cnb"));

    let user = cnb::parse_user(&call(&cnb.check_token(TOKEN))).expect("the token holder");
    assert_eq!(user.login, "sandbox-user");
    assert_eq!(user.name.as_deref(), Some("Sandbox User"));

    for slug in ["sandbox-org/hello", "/sandbox-org/hello.git/"] {
        let repo = cnb::parse_resource(&call(
            &cnb.check_repository(TOKEN, slug).expect("a request"),
        ))
        .expect("the repository");
        assert_eq!(repo.path.as_deref(), Some("sandbox-org/hello"));
        assert_eq!(repo.visibility.as_deref(), Some("Private"));
        assert_eq!(
            repo.web_url.as_deref(),
            Some("https://cnb.cool/sandbox-org/hello")
        );
    }
    let group = cnb::parse_resource(&call(
        &cnb.check_group(TOKEN, "sandbox-org").expect("a request"),
    ))
    .expect("the group");
    assert_eq!(group.path.as_deref(), Some("sandbox-org"));

    let error = cnb::parse_resource(&call(
        &cnb.check_repository(TOKEN, "sandbox-org/nope")
            .expect("a request"),
    ))
    .expect_err("not found");
    assert_error(&error, ErrorKind::NotFound, 404);
    let error = cnb::parse_user(&call(&cnb.check_token("wrong"))).expect_err("bad token");
    assert_error(&error, ErrorKind::BadToken, 401);
    assert!(error.explanation.starts_with("CNB refused the token"));
}
