//! GitHub discovery, signing keys and conditional requests through the real
//! `keyward-emulator` binary over HTTP, driven by the real provider client:
//! `--seed-repos` for scans, admin-only deploy keys, ETag/304 that leave
//! the rate limit alone, and the queued one-shot rate limit a page test
//! uses to see a scan pause.

mod support;

use std::time::{Duration, Instant};

use keyward::providers::github::{self, GitHub, Operation, Repository};
use keyward::providers::http::{HttpRequest, HttpResponse, Method};
use support::{now_epoch, send, Emulator, TOKEN};

const TIMEOUT: Duration = Duration::from_secs(10);

fn call(request: &HttpRequest) -> HttpResponse {
    send(request, TIMEOUT).unwrap_or_else(|error| panic!("no answer to {request:?}: {error}"))
}

fn all_repos(gh: &GitHub) -> Vec<Repository> {
    let mut request = gh.list_user_repos(TOKEN, 1);
    let mut repos = Vec::new();
    for _ in 0..50 {
        let page = github::parse_repo_list(&call(&request), Operation::ListUserRepos)
            .expect("a page of repositories");
        repos.extend(page.items);
        match page.next {
            Some(next) => request = gh.next_page(Some(TOKEN), &next).expect("same origin"),
            None => return repos,
        }
    }
    panic!("the pages never end");
}

#[test]
fn seeded_repositories_scan_with_admin_only_keys() {
    let emulator = Emulator::start(&["--seed-repos", "200"]);
    let gh = GitHub::new(&emulator.api("github"));
    let started = Instant::now();
    let repos = all_repos(&gh);
    assert_eq!(repos.len(), 203, "200 generated and the seed's three");
    let mut keys = 0;
    let mut not_found = 0;
    for repo in &repos {
        let request = gh
            .list_deploy_keys(TOKEN, &repo.owner, &repo.name, 1)
            .expect("a valid path");
        match github::parse_key_list(&call(&request), Operation::ListDeployKeys) {
            Ok(page) => keys += page.items.len(),
            Err(error) => {
                assert!(!repo.admin, "{}: {error}", repo.full_name);
                assert!(error.explanation.contains("not an admin there"));
                not_found += 1;
            }
        }
    }
    // Every 10th generated repository is not the holder's to administer,
    // nor is sandbox-org/website.
    assert_eq!(not_found, 21);
    assert!(keys > 150, "{keys} deploy keys");
    eprintln!(
        "scan of {} repositories (one request each, sequential): {} ms",
        repos.len(),
        started.elapsed().as_millis()
    );
    let orgs = github::parse_org_list(&call(&gh.list_user_orgs(TOKEN, 1))).expect("orgs");
    assert_eq!(orgs.items, ["sandbox-org", "seeded-org"]);
}

#[test]
fn conditional_requests_are_free_and_signing_keys_work() {
    let emulator = Emulator::start(&[]);
    let gh = GitHub::new(&emulator.api("github"));
    let first = call(&gh.list_signing_keys(TOKEN, 1));
    let etag = first.etag().expect("an ETag").to_string();
    let remaining = |r: &HttpResponse| r.header("x-ratelimit-remaining").map(str::to_string);
    let again = call(&gh.list_signing_keys(TOKEN, 1).if_none_match(&etag));
    assert!(again.is_not_modified(), "{}", again.status);
    assert_eq!(again.body, "");
    assert_eq!(remaining(&again), remaining(&first));
    let user = call(&gh.get_user(None, "octocat").expect("a valid path"));
    assert_eq!(
        github::parse_user(&user).map(|u| u.login),
        Ok("octocat".into())
    );
    let keys = github::parse_key_list(&first, Operation::ListSigningKeys).expect("keys");
    assert_eq!(keys.items.len(), 1);
    let line = keys.items[0].public_key.clone().expect("a key");
    let refused = call(&gh.create_signing_key(TOKEN, "again", &line));
    let error = github::parse_key(&refused, Operation::CreateSigningKey).expect_err("in use");
    assert!(
        error.explanation.contains("signing keys"),
        "{}",
        error.explanation
    );
}

#[test]
fn a_queued_rate_limit_pauses_one_request() {
    let emulator = Emulator::start(&["--control"]);
    let gh = GitHub::new(&emulator.api("github"));
    let queue = HttpRequest::new(
        Method::Post,
        format!(
            "{}/_emulator/faults?path=%2Fgithub%2Frepos%2F&fault=rate-limit%3D2",
            emulator.base
        ),
    );
    assert_eq!(call(&queue).status, 201);
    let list = gh
        .list_deploy_keys(TOKEN, "octocat", "hello-world", 1)
        .expect("a valid path");
    let refused = call(&list);
    let error = github::parse_key_list(&refused, Operation::ListDeployKeys).expect_err("limited");
    assert_eq!(error.kind, keyward::providers::ErrorKind::RateLimited);
    let reset = error.retry_at.expect("a reset time");
    let now = now_epoch();
    assert!((now + 1..=now + 3).contains(&reset), "{reset} vs {now}");
    // One request only: the next one is answered.
    assert_eq!(call(&list).status, 200);
}
