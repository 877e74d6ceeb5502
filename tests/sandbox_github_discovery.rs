//! The sandbox's GitHub discovery, signing keys and conditional requests,
//! tested natively against the pure handler (the code the browser's
//! Sandbox and the emulator both run).

use keyward::providers::github::{self, parse_key_list, parse_repo_list, GitHub, Operation};
use keyward::providers::http::{HttpRequest, HttpResponse, Method};
use keyward::providers::sandbox::{self, SandboxState, FAULT_HEADER};
use serde_json::{json, Value};

const TOKEN: &str = "test-token";
const NOW: u64 = 1_790_000_000;
const BASE: &str = "http://emulator.test/github";
/// SHA256 of Vagrant's insecure RSA key (hashicorp/vagrant keys/vagrant.pub),
/// as `ssh-keygen -lf` prints it.
const VAGRANT_FINGERPRINT: &str = "SHA256:1M4RzhMyWuFS/86uPY/ce2prh/dVTHW7iD2RhpquOZA";
// Throwaway keys made with ssh-keygen for tests only.
const KEY_A: &str =
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAkL3WV86EUI0N9AflfPCV7f1UeYM6o0X/KzodiBZ34V a@test";
const OPENSSH_PRIVATE: &str = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\nQyNTUxOQAAACAJC91lfOhFCNDfQH5Xzwle39VHmDOqNF/ys6HYgWd+FQAAAJDmZ0lb5mdJ\nWwAAAAtzc2gtZWQyNTUxOQAAACAJC91lfOhFCNDfQH5Xzwle39VHmDOqNF/ys6HYgWd+FQ\nAAAEDZMlbKMWa/Qu2scH6GepSWekoXsW0HCNvR6R84iBEcdAkL3WV86EUI0N9AflfPCV7f\n1UeYM6o0X/KzodiBZ34VAAAAB2VkQHRlc3QBAgMEBQY=\n-----END OPENSSH PRIVATE KEY-----";
const DSA_PUB: &str = "ssh-dss AAAAB3NzaC1kc3MAAACBAJnHWpSOViwnWlTVtIyJoQTXafwv78j06vzSMw7RTXfJs5in3DxGOytMmZS/+wHePZ2DRg9JBNEV4h0wSzdksumokxTxDImTS8iZOmDf+qxq9YmZnGYlPQhRMdnLmiQxXsvXb0Xo/e1IhqNncJZy3m61B51UnRvaQdaLDzYvJmJ7AAAAFQDv6pQVaab6LzyvAgJHtRLBUMefVwAAAIAyxzGB1ocazx6Fs3EFFjUHLvOvEhuBmScUOcaQAtwZy2ZGB1nIeTlDNuvDVC+Q4c4gVufzH1iHlG7EJhlAc1IBYMQOxNUdYQ7XfDkN+eLv1AGwMAubFk6ZZWwQVYGNYwULBnP0cKri4SikMLc6HMWehl2R1O4QMKgnvfm6wWMCggAAAIBhKdBwekTLD5V0t2HYEgFUuEcNS4sBrtUXZGqFjjJeLIZTxfnzzmzspfy+jW62TQX9PxN5JYyM85b4ePt7D5W+I36/UlTIhyZ8bgOJLTIwaG3NPJ0P3PGyxebWeFs2QHndWhlghNhdjJL46WifRAFO2qsPdPvAZXo7lGsx15VrtA== dsa@test";

fn gh() -> GitHub {
    GitHub::new(BASE)
}

fn send(state: &mut SandboxState, request: &HttpRequest) -> HttpResponse {
    sandbox::handle(state, request, NOW)
}

fn body(response: &HttpResponse) -> Value {
    serde_json::from_str(&response.body)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", response.body))
}

/// Every repository of `/user/repos`, following `Link` as a client does.
fn all_repos(state: &mut SandboxState) -> Vec<github::Repository> {
    let mut request = gh().list_user_repos(TOKEN, 1);
    let mut repos = Vec::new();
    for _ in 0..20 {
        let page = parse_repo_list(&send(state, &request), Operation::ListUserRepos)
            .expect("a page of repositories");
        repos.extend(page.items);
        match page.next {
            Some(next) => request = gh().next_page(Some(TOKEN), &next).expect("same origin"),
            None => return repos,
        }
    }
    panic!("the pages never end");
}

fn deploy_keys(state: &mut SandboxState, owner: &str, repo: &str) -> HttpResponse {
    send(
        state,
        &gh().list_deploy_keys(TOKEN, owner, repo, 1).expect("valid"),
    )
}

#[test]
fn the_seed_has_an_org_with_an_admin_repo_and_a_member_repo() {
    let mut state = SandboxState::seeded(TOKEN, 7);
    let repos = all_repos(&mut state);
    let seen: Vec<(&str, bool)> = repos
        .iter()
        .map(|r| (r.full_name.as_str(), r.admin))
        .collect();
    assert_eq!(
        seen,
        [
            ("octocat/hello-world", true),
            ("sandbox-org/deploy-tools", true),
            ("sandbox-org/website", false),
        ]
    );
    let keys = body(&deploy_keys(&mut state, "sandbox-org", "deploy-tools"));
    let titles: Vec<(&str, bool)> = keys
        .as_array()
        .expect("a list")
        .iter()
        .map(|k| {
            (
                k["title"].as_str().unwrap(),
                k["read_only"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        titles,
        [
            ("ci-deploy", false),
            ("mirror read-only", true),
            ("vagrant-box (legacy)", true)
        ]
    );
    let vagrant = keyward::keys::inspect(keys[2]["key"].as_str().unwrap());
    assert_eq!(
        vagrant[0].key.as_ref().map(|k| k.sha256.as_str()),
        Some(VAGRANT_FINGERPRINT)
    );
    // Not an admin: GitHub says "Not Found" for every deploy-key route.
    for request in [
        gh().list_deploy_keys(TOKEN, "sandbox-org", "website", 1),
        gh().create_deploy_key(TOKEN, "sandbox-org", "website", "x", KEY_A, true),
        gh().delete_deploy_key(TOKEN, "sandbox-org", "website", "1"),
    ] {
        let response = send(&mut state, &request.expect("valid"));
        assert_eq!(response.status, 404, "{}", response.body);
        assert_eq!(body(&response)["message"], "Not Found");
    }
    // Organizations: the member's list, its repositories, and a stranger's.
    let orgs = github::parse_org_list(&send(&mut state, &gh().list_user_orgs(TOKEN, 1)));
    assert_eq!(orgs.map(|p| p.items), Ok(vec!["sandbox-org".to_string()]));
    let org_repos = send(
        &mut state,
        &gh().list_org_repos(TOKEN, "sandbox-org", 1).unwrap(),
    );
    let names: Vec<String> = parse_repo_list(&org_repos, Operation::ListOrgRepos)
        .expect("a list")
        .items
        .into_iter()
        .map(|r| r.name)
        .collect();
    assert_eq!(names, ["deploy-tools", "website"]);
    let stranger = send(
        &mut state,
        &gh().list_org_repos(TOKEN, "globex", 1).unwrap(),
    );
    assert_eq!(stranger.status, 404);
}

#[test]
fn users_and_orgs_have_public_profiles() {
    let mut state = SandboxState::seeded(TOKEN, 7);
    for (login, kind) in [
        ("octocat", "User"),
        ("HUBOT", "User"),
        ("sandbox-org", "Organization"),
    ] {
        let response = send(&mut state, &gh().get_user(None, login).unwrap());
        assert_eq!(response.status, 200, "{login}");
        assert_eq!(body(&response)["type"], kind);
        let user = github::parse_user(&response).expect("a user");
        assert!(user.login.eq_ignore_ascii_case(login));
    }
    let missing = send(
        &mut state,
        &gh().get_user(Some(TOKEN), "no-such-user").unwrap(),
    );
    assert_eq!(missing.status, 404);
    // Private lists still need a token.
    let anonymous = send(
        &mut state,
        &HttpRequest::new(Method::Get, format!("{BASE}/user/repos")),
    );
    assert_eq!(anonymous.status, 401);
}

#[test]
fn signing_keys_follow_the_key_rules_but_count_apart() {
    let mut state = SandboxState::seeded(TOKEN, 7);
    let list = |state: &mut SandboxState| {
        let response = send(state, &gh().list_signing_keys(TOKEN, 1));
        parse_key_list(&response, Operation::ListSigningKeys)
            .expect("a list")
            .items
    };
    let auth = parse_key_list(
        &send(&mut state, &gh().list_user_keys(TOKEN, 1)),
        Operation::ListUserKeys,
    )
    .expect("a list")
    .items;
    let seeded = list(&mut state);
    assert_eq!(seeded.len(), 1);
    assert_eq!(
        seeded[0].public_key, auth[0].public_key,
        "the same key in two places"
    );

    // An authentication key may also become a signing key…
    let line = auth[1].public_key.clone().unwrap();
    let created = send(&mut state, &gh().create_signing_key(TOKEN, "both", &line));
    assert_eq!(created.status, 201, "{}", created.body);
    let id = body(&created)["id"].to_string();
    // …but only once among signing keys, and never a DSA or private key.
    for (key, message) in [
        (line.as_str(), "key is already in use"),
        (DSA_PUB, "key is invalid"),
        (OPENSSH_PRIVATE, "key is invalid"),
    ] {
        let refused = send(&mut state, &gh().create_signing_key(TOKEN, "x", key));
        assert_eq!(refused.status, 422);
        assert!(refused.body.contains(message), "{}", refused.body);
    }
    assert_eq!(list(&mut state).len(), 2);
    let anyone = send(
        &mut state,
        &gh().list_public_signing_keys(None, "octocat", 1).unwrap(),
    );
    assert_eq!(body(&anyone).as_array().map(Vec::len), Some(2));
    let got = send(&mut state, &gh().get_signing_key(TOKEN, &id).unwrap());
    assert_eq!(body(&got)["title"], "both");
    let deleted = send(&mut state, &gh().delete_signing_key(TOKEN, &id).unwrap());
    assert_eq!(deleted.status, 204);
    let again = send(&mut state, &gh().delete_signing_key(TOKEN, &id).unwrap());
    assert_eq!(again.status, 404);
    // Deleting the signing key left the authentication key alone.
    let still = send(&mut state, &gh().list_user_keys(TOKEN, 1));
    assert_eq!(body(&still).as_array().map(Vec::len), Some(2));
}

#[test]
fn a_matching_etag_gets_304_and_costs_no_rate_limit() {
    let mut state = SandboxState::seeded(TOKEN, 7);
    let remaining = |r: &HttpResponse| r.header("x-ratelimit-remaining").unwrap().to_string();
    let first = send(&mut state, &gh().list_user_repos(TOKEN, 1));
    let etag = first.etag().expect("an ETag").to_string();
    assert!(etag.starts_with("W/\""), "{etag}");
    let again = send(
        &mut state,
        &gh().list_user_repos(TOKEN, 1).if_none_match(&etag),
    );
    assert!(again.is_not_modified());
    assert_eq!(again.body, "");
    assert_eq!(again.etag(), Some(etag.as_str()));
    assert_eq!(remaining(&again), remaining(&first), "a 304 is free");
    let third = send(
        &mut state,
        &gh().list_user_repos(TOKEN, 1).if_none_match(&etag),
    );
    assert_eq!(remaining(&third), remaining(&first));
    // Another ETag, or changed data, is a full (counted) answer.
    let other = send(
        &mut state,
        &gh().list_user_repos(TOKEN, 1).if_none_match("W/\"x\""),
    );
    assert_eq!(other.status, 200);
    assert_ne!(remaining(&other), remaining(&first));
    let keys = send(&mut state, &gh().list_signing_keys(TOKEN, 1));
    let tag = keys.etag().unwrap().to_string();
    let created = send(&mut state, &gh().create_signing_key(TOKEN, "new", KEY_A));
    assert_eq!(created.status, 201);
    let changed = send(
        &mut state,
        &gh().list_signing_keys(TOKEN, 1).if_none_match(&tag),
    );
    assert_eq!(changed.status, 200);
    assert_ne!(changed.etag(), Some(tag.as_str()));
    // Errors carry no ETag.
    let missing = send(&mut state, &gh().get_user(None, "no-such-user").unwrap());
    assert_eq!(missing.etag(), None);
}

#[test]
fn seeded_repositories_for_scans() {
    let mut state = SandboxState::seeded(TOKEN, 7);
    state.seed_repos(250);
    let mut copy = SandboxState::seeded(TOKEN, 7);
    copy.seed_repos(250);
    assert!(state == copy, "deterministic");
    let repos = all_repos(&mut state);
    assert_eq!(repos.len(), 253);
    let not_admin: Vec<&str> = repos
        .iter()
        .filter(|r| !r.admin)
        .map(|r| r.full_name.as_str())
        .collect();
    assert_eq!(not_admin.len(), 26, "every 10th, and the seed's website");
    assert!(not_admin.contains(&"seeded-org/repo-010"));
    assert_eq!(
        deploy_keys(&mut state, "seeded-org", "repo-010").status,
        404
    );
    let two = body(&deploy_keys(&mut state, "octocat", "repo-002"));
    let read_only: Vec<bool> = two
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["read_only"].as_bool().unwrap())
        .collect();
    assert_eq!(read_only, [true, false], "one read-write key");
    assert_eq!(
        body(&deploy_keys(&mut state, "octocat", "repo-003")),
        json!([])
    );
    assert_eq!(
        body(&deploy_keys(&mut state, "octocat", "repo-001"))
            .as_array()
            .map(Vec::len),
        Some(1)
    );
}

#[test]
fn a_queued_rate_limit_resets_in_seconds() {
    let mut state = SandboxState::seeded(TOKEN, 7);
    let request = gh()
        .list_user_repos(TOKEN, 1)
        .header(FAULT_HEADER, "rate-limit=2");
    let refused = send(&mut state, &request);
    assert_eq!(refused.status, 403);
    assert_eq!(refused.header("x-ratelimit-remaining"), Some("0"));
    assert_eq!(
        refused.header("x-ratelimit-reset"),
        Some((NOW + 2).to_string().as_str())
    );
    let error = github::parse_error(&refused, Operation::ListUserRepos);
    assert_eq!(error.retry_at, Some(NOW + 2));
    assert_eq!(
        send(&mut state, &gh().list_user_repos(TOKEN, 1)).status,
        200
    );
}
