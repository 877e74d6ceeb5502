//! The sandbox's GitHub (src/providers/sandbox) checked against GitHub's
//! own OpenAPI description (`target/spec/api.github.com.json`, fetched by
//! `scripts/setup.sh`): the real request builders drive
//! `sandbox::handle`, every request they build must fit its operation, and
//! every response the sandbox sends, success or error, must fit the schema
//! the spec declares for that status. A misspelled, missing or mistyped
//! field in the sandbox fails here.
//!
//! Statuses the spec does not declare for an operation cannot be checked
//! against it and are skipped, but listed: [`SKIPPED`] names each one, and
//! the test fails if the sandbox sends a status that is neither declared
//! nor listed there.

#[path = "support/openapi.rs"]
mod openapi;

use std::collections::BTreeSet;
use std::sync::OnceLock;

use keyward::providers::github::{self, GitHub, Operation};
use keyward::providers::http::{HttpRequest, HttpResponse};
use keyward::providers::sandbox::{self, SandboxState, FAULT_HEADER};
use serde_json::{json, Value};

fn spec() -> &'static Value {
    static SPEC: OnceLock<Value> = OnceLock::new();
    SPEC.get_or_init(|| openapi::load_spec("api.github.com.json"))
}

/// The browser's Sandbox connection uses this origin; `/github` is the
/// sandbox's GitHub root (a GHES-like API root).
const BASE: &str = "https://sandbox.keyward.invalid/github";
const TOKEN: &str = "sandbox-contract-token";
const NOW: u64 = 1_790_000_000;

// Throwaway keys made with ssh-keygen for tests only.
const KEY_A: &str =
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAkL3WV86EUI0N9AflfPCV7f1UeYM6o0X/KzodiBZ34V a@test";
const KEY_B: &str =
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl b@test";
const KEY_C: &str =
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAID7iWMtNo16zMbHfzEh6TxlvbjvGiJ1GS3GKhL+mKqvF c@test";
const DSA_PUB: &str = "ssh-dss AAAAB3NzaC1kc3MAAACBAP9S630hfSlnmGOJVyFKUoOKmPnxZZmIOjQY+qWDvn11qCagMeYvavvikMw6aKTfI/HxGDglV/HrJRUutAnr/ijIXHf36erh9pbT/OHltzVlOQgqaqQczfVGRiizD3KOrGfrhUPUMqzrQHEc9riqD8ulDVIVh5amp47hr1lD43VRAAAAFQDXZNxrEx8Thq0L2tcsLn5HCwVzUQAAAIA3VKnvrw43eB3CSQ4ttuAP4+fWLLUR/5s4IiWJhLy8EcUfLaVexasE9phH/drRr7iRsSrvvufN/H+Ap//izh054luhhP+l5qB8nqcu93a8vM8V+jlHSbV1UMWTEovxIYJ6ElSjVYUZjU5EuSCOST53dFJdntkuAlvs1r8KvftQGAAAAIEA3zfRkYP0mhTeoFlw46iMpc8rXfJlKQagbRxzobHmbk0lwp9DRHrola0UsHX74mYdiAfMStQ+PQ6TbXIyPAIH1h+vFXCQZvZuqCSDxueKgJ21kHeu9ZqtG+yYw23zDNL9WXcbXgU16UmAJONWvtYgOBz8HssxNbYWpHgXaMIAXMw= legacy-dsa";

/// What the sandbox sends that GitHub's description does not declare for
/// that operation, so no schema can be checked:
/// - 429 (secondary rate limit) and 503 (injected faults): declared for
///   none of these operations;
/// - 400 "Problems parsing JSON": declared for none of them (GitHub sends
///   it all the same);
/// - the deploy-key operations declare almost no errors: no 401 or 403
///   anywhere, no 404 on list, create or delete;
/// - a public user's keys declare only 200 (no 404 for an unknown login).
const SKIPPED: &[(Operation, u16)] = &[
    (Operation::CheckToken, 429),
    (Operation::CheckToken, 503),
    (Operation::ListUserKeys, 429),
    (Operation::CreateUserKey, 400),
    (Operation::ListPublicKeys, 403),
    (Operation::ListPublicKeys, 404),
    (Operation::ListDeployKeys, 401),
    (Operation::ListDeployKeys, 403),
    (Operation::ListDeployKeys, 404),
    (Operation::GetDeployKey, 401),
    (Operation::CreateDeployKey, 400),
    (Operation::CreateDeployKey, 401),
    (Operation::CreateDeployKey, 404),
    (Operation::DeleteDeployKey, 401),
    (Operation::DeleteDeployKey, 404),
    // Organization repositories and a user's signing keys declare only 200;
    // a user's profile declares no rate-limit refusal.
    (Operation::ListOrgRepos, 401),
    (Operation::ListOrgRepos, 403),
    (Operation::ListOrgRepos, 404),
    (Operation::ListPublicSigningKeys, 403),
    (Operation::ListPublicSigningKeys, 404),
    (Operation::GetUser, 403),
];

/// The spec's path template for each operation, written out here rather
/// than taken from the code under test.
fn template(operation: Operation) -> &'static str {
    match operation {
        Operation::CheckToken => "/user",
        Operation::ListUserKeys | Operation::CreateUserKey => "/user/keys",
        Operation::GetUserKey | Operation::DeleteUserKey => "/user/keys/{key_id}",
        Operation::ListPublicKeys => "/users/{username}/keys",
        Operation::ListDeployKeys | Operation::CreateDeployKey => "/repos/{owner}/{repo}/keys",
        Operation::GetDeployKey | Operation::DeleteDeployKey => {
            "/repos/{owner}/{repo}/keys/{key_id}"
        }
        Operation::ListUserRepos => "/user/repos",
        Operation::ListUserOrgs => "/user/orgs",
        Operation::ListOrgRepos => "/orgs/{org}/repos",
        Operation::GetUser => "/users/{username}",
        Operation::ListSigningKeys | Operation::CreateSigningKey => "/user/ssh_signing_keys",
        Operation::GetSigningKey | Operation::DeleteSigningKey => {
            "/user/ssh_signing_keys/{ssh_signing_key_id}"
        }
        Operation::ListPublicSigningKeys => "/users/{username}/ssh_signing_keys",
    }
}

fn body_json(text: Option<&str>) -> Option<Value> {
    text.filter(|t| !t.is_empty())
        .map(|t| serde_json::from_str(t).unwrap_or_else(|e| panic!("not JSON ({e}): {t}")))
}

/// The sandbox with a record of every (operation, status) checked or
/// skipped.
struct Contract {
    state: SandboxState,
    gh: GitHub,
    checked: BTreeSet<(String, u16)>,
    skipped: BTreeSet<(String, u16)>,
}

/// `(operation, status)` as a sortable, readable key.
fn key(operation: Operation, status: u16) -> (String, u16) {
    (format!("{operation:?}"), status)
}

fn key_set(pairs: &[(Operation, u16)]) -> BTreeSet<(String, u16)> {
    pairs.iter().map(|(op, status)| key(*op, *status)).collect()
}

impl Contract {
    fn new() -> Contract {
        let mut state = SandboxState::seeded(TOKEN, 3);
        state.seed_user_keys(250, NOW);
        Contract {
            state,
            gh: GitHub::new(BASE),
            checked: BTreeSet::new(),
            skipped: BTreeSet::new(),
        }
    }

    /// Checks a request the real builders made against the spec.
    fn check_request(&self, operation: Operation, request: &HttpRequest) {
        assert_eq!(request.method, operation.method(), "{operation:?}");
        let relative = request
            .url
            .strip_prefix(BASE)
            .unwrap_or_else(|| panic!("{operation:?} left the base URL: {}", request.url));
        let result = openapi::validate_request(
            spec(),
            request.method.as_str(),
            template(operation),
            relative,
            body_json(request.body.as_deref()).as_ref(),
        );
        assert_eq!(result, Ok(()), "request {operation:?} {relative}");
    }

    /// Sends a request the real builders made: both sides are checked.
    fn send(&mut self, operation: Operation, request: HttpRequest) -> HttpResponse {
        self.check_request(operation, &request);
        self.send_unchecked(operation, request)
    }

    /// Sends a request made by hand to provoke an error (it may not fit
    /// the spec); only the response is checked.
    fn send_unchecked(&mut self, operation: Operation, request: HttpRequest) -> HttpResponse {
        let response = sandbox::handle(&mut self.state, &request, NOW);
        self.check_response(operation, &response);
        response
    }

    fn check_response(&mut self, operation: Operation, response: &HttpResponse) {
        let method = operation.method().as_str();
        let status = response.status;
        if openapi::response(spec(), method, template(operation), status).is_err() {
            self.skipped.insert(key(operation, status));
            return;
        }
        let body = body_json(Some(&response.body));
        if body.is_some() {
            let content_type = response.header("content-type").unwrap_or("");
            assert!(
                content_type.starts_with("application/json"),
                "{operation:?} {status}: content-type {content_type:?}"
            );
        }
        let result =
            openapi::validate_response(spec(), method, template(operation), status, body.as_ref());
        assert_eq!(
            result,
            Ok(()),
            "response {operation:?} {status}: {}",
            response.body
        );
        // The Link header's targets must be valid requests for the same
        // operation, on the same origin.
        for link in github::parse_link_header(response.header("link").unwrap_or("")) {
            let relative = link
                .url
                .strip_prefix(BASE)
                .unwrap_or_else(|| panic!("{operation:?}: link off the base URL: {}", link.url));
            let result =
                openapi::validate_request(spec(), "GET", template(operation), relative, None);
            assert_eq!(result, Ok(()), "link {:?} of {operation:?}", link.rels);
        }
        self.checked.insert(key(operation, status));
    }

    /// Every page of a list, by `Link: rel="next"`; returns the items.
    fn list_all(
        &mut self,
        operation: Operation,
        token: Option<&str>,
        first: HttpRequest,
    ) -> Vec<Value> {
        let mut items = Vec::new();
        let mut request = first;
        for _ in 0..20 {
            let response = self.send(operation, request);
            assert_eq!(response.status, 200, "{operation:?}: {}", response.body);
            let page: Vec<Value> = serde_json::from_str(&response.body).expect("a JSON array");
            items.extend(page);
            let next = match operation {
                Operation::ListUserRepos | Operation::ListOrgRepos => {
                    github::parse_repo_list(&response, operation).map(|p| p.next)
                }
                Operation::ListUserOrgs => github::parse_org_list(&response).map(|p| p.next),
                _ => github::parse_key_list(&response, operation).map(|p| p.next),
            };
            match next.expect("the client reads it") {
                Some(next) => request = self.gh.next_page(token, &next).expect("same origin"),
                None => return items,
            }
        }
        panic!("{operation:?}: the pages never end");
    }

    /// One request of every kind while the per-run rate limit refuses all.
    fn while_rate_limited(&mut self, f: impl FnOnce(&mut Contract)) {
        self.state.run_faults.rate_limit_every = 1;
        f(self);
        self.state.run_faults.rate_limit_every = 0;
    }
}

fn create_body(request: HttpRequest, body: &str) -> HttpRequest {
    let mut request = request;
    request.body = Some(body.to_string());
    request
}

#[test]
fn every_sandbox_github_response_fits_the_spec() {
    let mut c = Contract::new();
    let gh = c.gh.clone();
    let (owner, repo) = ("octocat", "hello-world");

    // The token check.
    let response = c.send(Operation::CheckToken, gh.check_token(TOKEN));
    assert_eq!(response.status, 200);
    c.send(Operation::CheckToken, gh.check_token("wrong-token"));

    // The user's keys: every page of 252, then one by id.
    let keys = c.list_all(
        Operation::ListUserKeys,
        Some(TOKEN),
        gh.list_user_keys(TOKEN, 1),
    );
    assert_eq!(keys.len(), 252);
    let first_id = keys[0]["id"].to_string();
    c.send(
        Operation::GetUserKey,
        gh.get_user_key(TOKEN, &first_id).expect("a valid path"),
    );
    c.send(
        Operation::GetUserKey,
        gh.get_user_key(TOKEN, "999999").expect("a valid path"),
    );
    c.send(Operation::ListUserKeys, gh.list_user_keys("wrong-token", 1));
    c.send(
        Operation::GetUserKey,
        gh.get_user_key("wrong-token", &first_id)
            .expect("a valid path"),
    );

    // Create a user key; then every refusal of a key.
    let created = c.send(
        Operation::CreateUserKey,
        gh.create_user_key(TOKEN, "contract", KEY_A),
    );
    assert_eq!(created.status, 201, "{}", created.body);
    let created_id = body_json(Some(&created.body)).expect("a body")["id"].to_string();
    for (title, key) in [("again", KEY_A), ("dsa", DSA_PUB)] {
        let refused = c.send(
            Operation::CreateUserKey,
            gh.create_user_key(TOKEN, title, key),
        );
        assert_eq!(refused.status, 422, "{title}: {}", refused.body);
    }
    for body in [
        r#"{"title":"a fragment","key":"ssh-rsa AAA..."}"#,
        r#"{"title":"no key"}"#,
        r#"{"title":"a number","key":7}"#,
        r#"{"title":"a private key","key":"-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----"}"#,
    ] {
        let request = create_body(gh.create_user_key(TOKEN, "x", KEY_B), body);
        let refused = c.send_unchecked(Operation::CreateUserKey, request);
        assert_eq!(refused.status, 422, "{body}: {}", refused.body);
    }
    let request = create_body(gh.create_user_key(TOKEN, "x", KEY_B), "{not json");
    assert_eq!(
        c.send_unchecked(Operation::CreateUserKey, request).status,
        400
    );
    c.send(
        Operation::CreateUserKey,
        gh.create_user_key("wrong-token", "x", KEY_B),
    );

    // Delete it, then again.
    let deleted = c.send(
        Operation::DeleteUserKey,
        gh.delete_user_key(TOKEN, &created_id)
            .expect("a valid path"),
    );
    assert_eq!(deleted.status, 204);
    c.send(
        Operation::DeleteUserKey,
        gh.delete_user_key(TOKEN, &created_id)
            .expect("a valid path"),
    );
    c.send(
        Operation::DeleteUserKey,
        gh.delete_user_key("wrong-token", &first_id)
            .expect("a valid path"),
    );

    // Public keys, without a token, every page; an unknown login.
    let public = c.list_all(
        Operation::ListPublicKeys,
        None,
        gh.list_public_keys(None, "octocat", 1)
            .expect("a valid path"),
    );
    assert_eq!(public.len(), 252);
    c.list_all(
        Operation::ListPublicKeys,
        Some(TOKEN),
        gh.list_public_keys(Some(TOKEN), "hubot", 1)
            .expect("a valid path"),
    );
    c.send(
        Operation::ListPublicKeys,
        gh.list_public_keys(None, "no-such-user", 1)
            .expect("a valid path"),
    );

    // Deploy keys: list, create read-only and writable, get, delete.
    let listed = c.list_all(
        Operation::ListDeployKeys,
        Some(TOKEN),
        gh.list_deploy_keys(TOKEN, owner, repo, 1)
            .expect("a valid path"),
    );
    assert_eq!(listed.len(), 1);
    let mut deploy_ids = Vec::new();
    for (key, read_only) in [(KEY_B, true), (KEY_C, false)] {
        let created = c.send(
            Operation::CreateDeployKey,
            gh.create_deploy_key(TOKEN, owner, repo, "ci", key, read_only)
                .expect("a valid path"),
        );
        assert_eq!(created.status, 201, "{}", created.body);
        let body = body_json(Some(&created.body)).expect("a body");
        assert_eq!(body["read_only"], read_only);
        deploy_ids.push(body["id"].to_string());
    }
    let refused = c.send(
        Operation::CreateDeployKey,
        gh.create_deploy_key(TOKEN, owner, repo, "again", KEY_B, true)
            .expect("a valid path"),
    );
    assert_eq!(refused.status, 422);
    let request = create_body(
        gh.create_deploy_key(TOKEN, owner, repo, "x", KEY_A, true)
            .expect("a valid path"),
        "{not json",
    );
    c.send_unchecked(Operation::CreateDeployKey, request);
    c.send(
        Operation::CreateDeployKey,
        gh.create_deploy_key(TOKEN, owner, "no-such-repo", "x", KEY_A, true)
            .expect("a valid path"),
    );
    c.send(
        Operation::CreateDeployKey,
        gh.create_deploy_key("wrong-token", owner, repo, "x", KEY_A, true)
            .expect("a valid path"),
    );
    assert_eq!(
        c.list_all(
            Operation::ListDeployKeys,
            Some(TOKEN),
            gh.list_deploy_keys(TOKEN, owner, repo, 1)
                .expect("a valid path"),
        )
        .len(),
        3
    );
    c.send(
        Operation::ListDeployKeys,
        gh.list_deploy_keys(TOKEN, owner, "no-such-repo", 1)
            .expect("a valid path"),
    );
    c.send(
        Operation::ListDeployKeys,
        gh.list_deploy_keys("wrong-token", owner, repo, 1)
            .expect("a valid path"),
    );
    let got = c.send(
        Operation::GetDeployKey,
        gh.get_deploy_key(TOKEN, owner, repo, &deploy_ids[0])
            .expect("a valid path"),
    );
    assert_eq!(got.status, 200);
    c.send(
        Operation::GetDeployKey,
        gh.get_deploy_key(TOKEN, owner, repo, "999999")
            .expect("a valid path"),
    );
    c.send(
        Operation::GetDeployKey,
        gh.get_deploy_key("wrong-token", owner, repo, &deploy_ids[0])
            .expect("a valid path"),
    );
    for id in &deploy_ids {
        let deleted = c.send(
            Operation::DeleteDeployKey,
            gh.delete_deploy_key(TOKEN, owner, repo, id)
                .expect("a valid path"),
        );
        assert_eq!(deleted.status, 204);
    }
    c.send(
        Operation::DeleteDeployKey,
        gh.delete_deploy_key(TOKEN, owner, repo, &deploy_ids[0])
            .expect("a valid path"),
    );
    c.send(
        Operation::DeleteDeployKey,
        gh.delete_deploy_key("wrong-token", owner, repo, &deploy_ids[0])
            .expect("a valid path"),
    );

    // Rate limits: the primary limit (403) on every operation, the
    // secondary (429) and an injected 503 on some.
    c.while_rate_limited(|c| {
        c.send(Operation::CheckToken, gh.check_token(TOKEN));
        c.send(Operation::ListUserKeys, gh.list_user_keys(TOKEN, 1));
        c.send(
            Operation::GetUserKey,
            gh.get_user_key(TOKEN, &first_id).expect("a valid path"),
        );
        c.send(
            Operation::CreateUserKey,
            gh.create_user_key(TOKEN, "limited", KEY_A),
        );
        c.send(
            Operation::DeleteUserKey,
            gh.delete_user_key(TOKEN, &first_id).expect("a valid path"),
        );
        c.send(
            Operation::ListPublicKeys,
            gh.list_public_keys(None, "octocat", 1)
                .expect("a valid path"),
        );
        c.send(
            Operation::ListDeployKeys,
            gh.list_deploy_keys(TOKEN, owner, repo, 1)
                .expect("a valid path"),
        );
    });
    discovery_and_signing(&mut c);

    let limited = gh.check_token(TOKEN).header(FAULT_HEADER, "retry-after=5");
    assert_eq!(c.send(Operation::CheckToken, limited).status, 429);
    let limited = gh
        .list_user_keys(TOKEN, 1)
        .header(FAULT_HEADER, "retry-after=5");
    assert_eq!(c.send(Operation::ListUserKeys, limited).status, 429);
    let failed = gh.check_token(TOKEN).header(FAULT_HEADER, "status=503");
    assert_eq!(c.send(Operation::CheckToken, failed).status, 503);

    // What was checked: every operation's success, and the errors the spec
    // declares for it.
    let expected_checked = key_set(&[
        (Operation::CheckToken, 200),
        (Operation::CheckToken, 401),
        (Operation::CheckToken, 403),
        (Operation::ListUserKeys, 200),
        (Operation::ListUserKeys, 401),
        (Operation::ListUserKeys, 403),
        (Operation::GetUserKey, 200),
        (Operation::GetUserKey, 401),
        (Operation::GetUserKey, 403),
        (Operation::GetUserKey, 404),
        (Operation::CreateUserKey, 201),
        (Operation::CreateUserKey, 401),
        (Operation::CreateUserKey, 403),
        (Operation::CreateUserKey, 422),
        (Operation::DeleteUserKey, 204),
        (Operation::DeleteUserKey, 401),
        (Operation::DeleteUserKey, 403),
        (Operation::DeleteUserKey, 404),
        (Operation::ListPublicKeys, 200),
        (Operation::ListDeployKeys, 200),
        (Operation::GetDeployKey, 200),
        (Operation::GetDeployKey, 404),
        (Operation::CreateDeployKey, 201),
        (Operation::CreateDeployKey, 422),
        (Operation::DeleteDeployKey, 204),
        (Operation::ListUserRepos, 200),
        (Operation::ListUserRepos, 304),
        (Operation::ListUserRepos, 401),
        (Operation::ListUserRepos, 403),
        (Operation::ListUserOrgs, 200),
        (Operation::ListUserOrgs, 401),
        (Operation::ListUserOrgs, 403),
        (Operation::ListOrgRepos, 200),
        (Operation::GetUser, 200),
        (Operation::GetUser, 404),
        (Operation::ListSigningKeys, 200),
        (Operation::ListSigningKeys, 304),
        (Operation::ListSigningKeys, 401),
        (Operation::ListSigningKeys, 403),
        (Operation::GetSigningKey, 200),
        (Operation::GetSigningKey, 404),
        (Operation::CreateSigningKey, 201),
        (Operation::CreateSigningKey, 401),
        (Operation::CreateSigningKey, 403),
        (Operation::CreateSigningKey, 422),
        (Operation::DeleteSigningKey, 204),
        (Operation::DeleteSigningKey, 404),
        (Operation::ListPublicSigningKeys, 200),
    ]);
    assert_eq!(c.checked, expected_checked);
    assert_eq!(c.skipped, key_set(SKIPPED));
    let every: BTreeSet<&str> = c.checked.iter().map(|(op, _)| op.as_str()).collect();
    assert_eq!(every.len(), Operation::ALL.len());
}

/// Repositories (with many pages), organizations, profiles and signing
/// keys: success, conditional and error answers.
fn discovery_and_signing(c: &mut Contract) {
    let gh = c.gh.clone();
    c.state.seed_repos(150);
    let repos = c.list_all(
        Operation::ListUserRepos,
        Some(TOKEN),
        gh.list_user_repos(TOKEN, 1),
    );
    assert_eq!(repos.len(), 153);
    let first = c.send(Operation::ListUserRepos, gh.list_user_repos(TOKEN, 1));
    let etag = first.etag().expect("an ETag").to_string();
    let unchanged = gh.list_user_repos(TOKEN, 1).if_none_match(&etag);
    assert_eq!(c.send(Operation::ListUserRepos, unchanged).status, 304);
    c.send(
        Operation::ListUserRepos,
        gh.list_user_repos("wrong-token", 1),
    );
    let orgs = c.list_all(
        Operation::ListUserOrgs,
        Some(TOKEN),
        gh.list_user_orgs(TOKEN, 1),
    );
    assert_eq!(orgs.len(), 2);
    c.send(Operation::ListUserOrgs, gh.list_user_orgs("wrong-token", 1));
    let org_repos = c.list_all(
        Operation::ListOrgRepos,
        Some(TOKEN),
        gh.list_org_repos(TOKEN, "seeded-org", 1)
            .expect("a valid path"),
    );
    assert_eq!(org_repos.len(), 15);
    let stranger = gh.list_org_repos("wrong-token", "seeded-org", 1);
    c.send(Operation::ListOrgRepos, stranger.expect("a valid path"));
    for org in ["globex", "no-such-org"] {
        let request = gh.list_org_repos(TOKEN, org, 1).expect("a valid path");
        assert_eq!(c.send(Operation::ListOrgRepos, request).status, 404);
    }
    for login in ["octocat", "sandbox-org", "no-such-user"] {
        c.send(
            Operation::GetUser,
            gh.get_user(None, login).expect("a valid path"),
        );
    }

    let signing = c.list_all(
        Operation::ListSigningKeys,
        Some(TOKEN),
        gh.list_signing_keys(TOKEN, 1),
    );
    assert_eq!(signing.len(), 1);
    let tag = c
        .send(Operation::ListSigningKeys, gh.list_signing_keys(TOKEN, 1))
        .etag()
        .map(str::to_string)
        .expect("an ETag");
    let unchanged = gh.list_signing_keys(TOKEN, 1).if_none_match(&tag);
    assert_eq!(c.send(Operation::ListSigningKeys, unchanged).status, 304);
    c.send(
        Operation::ListSigningKeys,
        gh.list_signing_keys("wrong-token", 1),
    );
    let created = c.send(
        Operation::CreateSigningKey,
        gh.create_signing_key(TOKEN, "signing", KEY_A),
    );
    assert_eq!(created.status, 201, "{}", created.body);
    let id = body_json(Some(&created.body)).expect("a body")["id"].to_string();
    for key in [KEY_A, DSA_PUB] {
        let refused = c.send(
            Operation::CreateSigningKey,
            gh.create_signing_key(TOKEN, "x", key),
        );
        assert_eq!(refused.status, 422);
    }
    c.send(
        Operation::CreateSigningKey,
        gh.create_signing_key("wrong-token", "x", KEY_B),
    );
    for key_id in [id.as_str(), "999999"] {
        let request = gh.get_signing_key(TOKEN, key_id).expect("a valid path");
        c.send(Operation::GetSigningKey, request);
    }
    c.list_all(
        Operation::ListPublicSigningKeys,
        None,
        gh.list_public_signing_keys(None, "octocat", 1)
            .expect("a valid path"),
    );
    let unknown = gh
        .list_public_signing_keys(None, "no-such-user", 1)
        .expect("a valid path");
    c.send(Operation::ListPublicSigningKeys, unknown);
    for _ in 0..2 {
        let request = gh.delete_signing_key(TOKEN, &id).expect("a valid path");
        c.send(Operation::DeleteSigningKey, request);
    }
    c.while_rate_limited(|c| {
        c.send(Operation::ListUserRepos, gh.list_user_repos(TOKEN, 1));
        c.send(Operation::ListUserOrgs, gh.list_user_orgs(TOKEN, 1));
        let request = gh
            .list_org_repos(TOKEN, "seeded-org", 1)
            .expect("a valid path");
        c.send(Operation::ListOrgRepos, request);
        c.send(
            Operation::GetUser,
            gh.get_user(None, "octocat").expect("a valid path"),
        );
        c.send(Operation::ListSigningKeys, gh.list_signing_keys(TOKEN, 1));
        c.send(
            Operation::CreateSigningKey,
            gh.create_signing_key(TOKEN, "limited", KEY_C),
        );
        let request = gh
            .list_public_signing_keys(None, "octocat", 1)
            .expect("a valid path");
        c.send(Operation::ListPublicSigningKeys, request);
    });
}

/// The check bites on the sandbox's own bodies: a field renamed, retyped
/// or dropped fails it.
#[test]
fn a_wrong_field_in_a_sandbox_body_fails() {
    let mut state = SandboxState::seeded(TOKEN, 3);
    let gh = GitHub::new(BASE);
    let request = gh
        .create_deploy_key(TOKEN, "octocat", "hello-world", "ci", KEY_A, true)
        .expect("a valid path");
    let response = sandbox::handle(&mut state, &request, NOW);
    assert_eq!(response.status, 201);
    let good = body_json(Some(&response.body)).expect("a body");
    let template = "/repos/{owner}/{repo}/keys";
    let check =
        |body: &Value| openapi::validate_response(spec(), "POST", template, 201, Some(body));
    assert_eq!(check(&good), Ok(()));

    let mut renamed = good.clone();
    let value = renamed
        .as_object_mut()
        .and_then(|o| o.remove("read_only"))
        .expect("read_only");
    renamed["readonly"] = value;
    assert!(check(&renamed)
        .unwrap_err()
        .contains("required property read_only"));
    let mut retyped = good.clone();
    retyped["id"] = json!(good["id"].to_string());
    assert!(check(&retyped).unwrap_err().contains("body.id"));
    let mut bad_date = good.clone();
    bad_date["last_used"] = json!("2024-01-02 03:04:05");
    assert!(check(&bad_date).unwrap_err().contains("date-time"));
    let mut null_title = good.clone();
    null_title["title"] = Value::Null;
    assert!(check(&null_title).unwrap_err().contains("body.title"));

    // The same for the error shape: validation-error needs its message.
    let refused = sandbox::handle(&mut state, &request, NOW);
    assert_eq!(refused.status, 422);
    let mut error = body_json(Some(&refused.body)).expect("a body");
    assert_eq!(
        openapi::validate_response(spec(), "POST", template, 422, Some(&error)),
        Ok(())
    );
    error.as_object_mut().map(|o| o.remove("documentation_url"));
    assert!(
        openapi::validate_response(spec(), "POST", template, 422, Some(&error))
            .unwrap_err()
            .contains("documentation_url")
    );
    // And a list must stay a list of `key`s.
    let list = sandbox::handle(&mut state, &gh.list_user_keys(TOKEN, 1), NOW);
    let mut items = body_json(Some(&list.body)).expect("a body");
    items[0]["verified"] = json!("yes");
    assert!(
        openapi::validate_response(spec(), "GET", "/user/keys", 200, Some(&items))
            .unwrap_err()
            .contains("verified")
    );
    // And a repository must keep its owner and a boolean `private`.
    let repos = sandbox::handle(&mut state, &gh.list_user_repos(TOKEN, 1), NOW);
    let good = body_json(Some(&repos.body)).expect("a body");
    let check =
        |body: &Value| openapi::validate_response(spec(), "GET", "/user/repos", 200, Some(body));
    assert_eq!(check(&good), Ok(()));
    let mut no_owner = good.clone();
    no_owner[0].as_object_mut().map(|o| o.remove("owner"));
    assert!(check(&no_owner).unwrap_err().contains("owner"));
    let mut private_text = good.clone();
    private_text[0]["private"] = json!("no");
    assert!(check(&private_text).unwrap_err().contains("private"));
}
