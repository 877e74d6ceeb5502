//! The emulated GitHub REST API (a GHES-like root under `/github`): the
//! authenticated user, user SSH keys, SSH signing keys, public keys of any
//! user, repository deploy keys, and the repositories and organizations the
//! token reaches, with GitHub's pagination, rate-limit headers, ETags (a
//! matching `If-None-Match` gets 304 and costs no rate limit) and key rules
//! (OpenSSH format only, no private keys, no DSA, and one public key at most
//! once across all user and deploy keys; signing keys count apart).

use super::state::{rfc3339, sha256_hex, GitHubKey, RateWindow, SandboxState};
use super::{json, Call};
use crate::keys::{self, Kind, LintCode, SshKey};
use crate::providers::http::{HttpResponse, Method};
use serde_json::Value;

mod answers;
mod discovery;
mod shapes;
mod signing;
mod usage;
use answers::*;
pub(super) use answers::{error, primary_limit_until, rate_limited};
use shapes::private_user;

const DOCS: &str = "https://docs.github.com/rest";
const USER_KEYS_DOCS: &str =
    "https://docs.github.com/rest/users/keys#create-a-public-ssh-key-for-the-authenticated-user";
const DEPLOY_KEYS_DOCS: &str =
    "https://docs.github.com/rest/deploy-keys/deploy-keys#create-a-deploy-key";
const RATE_DOCS: &str = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api";
const INVALID_KEY: &str = "key is invalid. You must supply a key in OpenSSH public key format";
pub(super) const KEY_IN_USE: &str = "key is already in use";
const AUTHENTICATED_LIMIT: u64 = 5000;
const ANONYMOUS_LIMIT: u64 = 60;
const WINDOW_SECONDS: u64 = 3600;

pub(super) fn handle(state: &mut SandboxState, call: &Call) -> HttpResponse {
    let authenticated = match call.token() {
        None => false,
        Some(token) if !token.is_empty() && token == state.access_token => true,
        Some(_) => {
            let window = current(&mut state.github.rate_anonymous, call.now);
            let headers = rate_headers(&window, ANONYMOUS_LIMIT);
            return with_headers(error(call, 401, "Bad credentials"), headers);
        }
    };
    let (window, limit) = rate_window(state, authenticated);
    let mut snapshot = current(window, call.now);
    if snapshot.used >= limit {
        let refusal = rate_limited(call, call.now, false);
        return with_headers(refusal, rate_headers(&snapshot, limit));
    }
    let mut response = route(state, call, authenticated);
    if call.method == Method::Get && response.status == 200 {
        let tag = format!("W/\"{}\"", &sha256_hex(&response.body)[..40]);
        if if_none_match(call, &tag) {
            // GitHub: a 304 to a conditional request costs no rate limit.
            response = HttpResponse::new(304, "");
        }
        response = response.with_header("etag", tag);
    }
    if response.status != 304 {
        rate_window(state, authenticated).0.used += 1;
        snapshot.used += 1;
    }
    if authenticated {
        response = response.with_header("x-oauth-scopes", state.github.scopes.join(", "));
    }
    common(with_headers(response, rate_headers(&snapshot, limit)))
}

fn rate_window(state: &mut SandboxState, authenticated: bool) -> (&mut RateWindow, u64) {
    if authenticated {
        (&mut state.github.rate_authenticated, AUTHENTICATED_LIMIT)
    } else {
        (&mut state.github.rate_anonymous, ANONYMOUS_LIMIT)
    }
}

/// Whether `If-None-Match` names `tag` (or `*`); weak comparison, as GitHub.
fn if_none_match(call: &Call, tag: &str) -> bool {
    let bare = |t: &str| t.trim().trim_start_matches("W/").to_string();
    call.request
        .header_value("if-none-match")
        .is_some_and(|list| {
            list.split(',')
                .any(|t| t.trim() == "*" || bare(t) == bare(tag))
        })
}

fn route(state: &mut SandboxState, call: &Call, authenticated: bool) -> HttpResponse {
    let path = call.path();
    let public = matches!(
        (call.method, path.as_slice()),
        (
            Method::Get,
            ["users", _, "keys" | "ssh_signing_keys"] | ["users", _]
        )
    );
    if !authenticated && !public {
        return error(call, 401, "Requires authentication");
    }
    let holder = state.github.token_holder.clone();
    match (call.method, path.as_slice()) {
        (Method::Get, ["user"]) => match state.github.users.iter().find(|u| u.login == holder) {
            Some(user) => json(200, &private_user(call, user.id, &user.login, &user.name)),
            None => error(call, 404, "Not Found"),
        },
        (Method::Get, ["user", "keys"]) => {
            let keys = holder_keys(state);
            paginate(call, &keys, "/user/keys", |k| user_key(call, k))
        }
        (Method::Post, ["user", "keys"]) => create(state, call, None),
        (Method::Get, ["user", "keys", id]) => match find_id(&holder_keys(state), id) {
            Some(key) => json(200, &user_key(call, key)),
            None => error(call, 404, "Not Found"),
        },
        (Method::Delete, ["user", "keys", id]) => {
            let id = id.parse::<u64>().ok();
            let removed = state.github_holder_mut().is_some_and(|user| {
                let before = user.keys.len();
                user.keys.retain(|k| Some(k.id) != id);
                user.keys.len() != before
            });
            no_content_or_404(call, removed)
        }
        (Method::Get, ["user", "repos"]) => discovery::user_repos(call, &state.github),
        (Method::Get, ["user", "orgs"]) => discovery::user_orgs(call, &state.github),
        (Method::Get, ["orgs", org, "repos"]) => discovery::org_repos(call, &state.github, org),
        (Method::Get, ["users", login]) => discovery::user(call, &state.github, login),
        (_, ["user", "ssh_signing_keys", rest @ ..]) => signing::route(state, call, rest),
        (Method::Get, ["users", login, "ssh_signing_keys"]) => signing::public(state, call, login),
        (Method::Get, ["users", login, "keys"]) => {
            let user = state
                .github
                .users
                .iter()
                .find(|u| u.login.eq_ignore_ascii_case(login));
            match user {
                Some(user) => {
                    let keys: Vec<GitHubKey> =
                        user.keys.iter().filter(|k| k.verified).cloned().collect();
                    let path = format!("/users/{}/keys", user.login);
                    paginate(call, &keys, &path, simple_key)
                }
                None => error(call, 404, "Not Found"),
            }
        }
        (method, ["repos", owner, repo, rest @ ..]) => {
            let github = &state.github;
            let Some(index) = github.repos.iter().position(|r| {
                r.owner.eq_ignore_ascii_case(owner)
                    && r.name.eq_ignore_ascii_case(repo)
                    && discovery::can_see(github, &holder, r)
            }) else {
                return error(call, 404, "Not Found");
            };
            // Deploy keys are for admins; GitHub answers others "Not Found".
            if !rest.is_empty() && !discovery::is_admin(&holder, &github.repos[index]) {
                return error(call, 404, "Not Found");
            }
            repo_route(state, call, index, method, rest)
        }
        _ => error(call, 404, "Not Found"),
    }
}

fn repo_route(
    state: &mut SandboxState,
    call: &Call,
    index: usize,
    method: Method,
    rest: &[&str],
) -> HttpResponse {
    let repo = &state.github.repos[index];
    let base = format!("/repos/{}/{}", repo.owner, repo.name);
    match (method, rest) {
        (Method::Get, []) => discovery::one_repo(call, &state.github, index),
        (Method::Get, ["keys"]) => {
            let keys = repo.deploy_keys.clone();
            paginate(call, &keys, &format!("{base}/keys"), |k| {
                deploy_key(call, &base, k)
            })
        }
        (Method::Post, ["keys"]) => create(state, call, Some(index)),
        (Method::Get, ["keys", id]) => match find_id(&repo.deploy_keys, id) {
            Some(key) => json(200, &deploy_key(call, &base, key)),
            None => error(call, 404, "Not Found"),
        },
        (Method::Delete, ["keys", id]) => {
            let id = id.parse::<u64>().ok();
            let keys = &mut state.github.repos[index].deploy_keys;
            let before = keys.len();
            keys.retain(|k| Some(k.id) != id);
            let removed = keys.len() != before;
            no_content_or_404(call, removed)
        }
        _ => error(call, 404, "Not Found"),
    }
}

/// POST of a user key (`repo` None) or a deploy key.
fn create(state: &mut SandboxState, call: &Call, repo: Option<usize>) -> HttpResponse {
    let docs = if repo.is_some() {
        DEPLOY_KEYS_DOCS
    } else {
        USER_KEYS_DOCS
    };
    let (key, title, read_only) = match key_from_body(call, docs, repo.is_some()) {
        Ok(parts) => parts,
        Err(refusal) => return refusal,
    };
    if in_use(state, &key.sha256) {
        return validation_failed(KEY_IN_USE, docs);
    }
    let added_by = repo.map(|_| state.github.token_holder.clone());
    let record = new_key(
        state,
        call,
        &key,
        title,
        repo.is_some() && read_only,
        added_by,
    );
    let id = record.id;
    let (body, url) = match repo {
        Some(index) => {
            let r = &state.github.repos[index];
            let base = format!("/repos/{}/{}", r.owner, r.name);
            let body = deploy_key(call, &base, &record);
            state.github.repos[index].deploy_keys.push(record);
            (body, call.url(&format!("{base}/keys/{id}")))
        }
        None => {
            let body = user_key(call, &record);
            match state.github_holder_mut() {
                Some(user) => user.keys.push(record),
                None => return error(call, 404, "Not Found"),
            }
            (body, call.url(&format!("/user/keys/{id}")))
        }
    };
    json(201, &body).with_header("location", url)
}

/// `(key, title, read_only)` of a create request's body, or GitHub's
/// refusal. `read_only` is read for deploy keys only.
/// A key just added: the next id of GitHub's one key sequence (user,
/// deploy and signing keys share it), never used yet.
fn new_key(
    state: &mut SandboxState,
    call: &Call,
    key: &SshKey,
    title: String,
    read_only: bool,
    added_by: Option<String>,
) -> GitHubKey {
    let id = state.github.next_key_id;
    state.github.next_key_id += 1;
    GitHubKey {
        id,
        key: key.openssh(),
        fingerprint: key.sha256.clone(),
        title,
        created_at: rfc3339(call.now),
        last_used: None,
        verified: true,
        read_only,
        added_by,
        enabled: true,
    }
}

fn key_from_body(
    call: &Call,
    docs: &str,
    deploy: bool,
) -> Result<(SshKey, String, bool), HttpResponse> {
    let Ok(body) = call.json() else {
        return Err(body_error(400, "Problems parsing JSON", docs));
    };
    let text = match body.get("key") {
        None | Some(Value::Null) => {
            let message = "Invalid request.\n\n\"key\" wasn't supplied.";
            return Err(body_error(422, message, docs));
        }
        Some(Value::String(text)) => text,
        Some(other) => return Err(not_a(other, "key", "string", docs)),
    };
    let title = match body.get("title") {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(title)) => title.clone(),
        Some(other) => return Err(not_a(other, "title", "string", docs)),
    };
    let read_only = match body.get("read_only") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(flag)) if deploy => *flag,
        Some(_) if !deploy => false,
        Some(other) => return Err(not_a(other, "read_only", "boolean", docs)),
    };
    match acceptable_key(text) {
        Some(key) => Ok((key, title, read_only)),
        None => Err(validation_failed(INVALID_KEY, docs)),
    }
}

/// The key GitHub would store, or None when it refuses the text: anything
/// but exactly one plain OpenSSH public key line of a supported type.
fn acceptable_key(text: &str) -> Option<SshKey> {
    let mut findings = keys::inspect(text);
    if findings.len() != 1 {
        return None;
    }
    let finding = findings.pop()?;
    let refused = finding.lints.iter().any(|lint| {
        matches!(
            lint.code,
            LintCode::Dsa | LintCode::RsaTooShort | LintCode::Certificate
        )
    });
    let key = finding.key?;
    let usable = finding.kind == Kind::Public
        && finding.format == "OpenSSH public key"
        && !refused
        // GitHub wants the type first: no known_hosts prefix, no missing type.
        && text.trim_start().starts_with(&key.algorithm);
    usable.then_some(key)
}

fn in_use(state: &SandboxState, fingerprint: &str) -> bool {
    let github = &state.github;
    github
        .users
        .iter()
        .flat_map(|u| &u.keys)
        .chain(github.repos.iter().flat_map(|r| &r.deploy_keys))
        .any(|k| k.fingerprint == fingerprint)
}

fn holder_keys(state: &SandboxState) -> Vec<GitHubKey> {
    let holder = &state.github.token_holder;
    state
        .github
        .users
        .iter()
        .find(|u| &u.login == holder)
        .map(|u| u.keys.clone())
        .unwrap_or_default()
}

fn find_id<'k>(keys: &'k [GitHubKey], id: &str) -> Option<&'k GitHubKey> {
    let id = id.parse::<u64>().ok()?;
    keys.iter().find(|k| k.id == id)
}

/// One page of `items` with GitHub's `Link` header (`per_page` ≤ 100).
fn paginate<T>(call: &Call, items: &[T], path: &str, render: impl Fn(&T) -> Value) -> HttpResponse {
    let positive = |name: &str| {
        call.query(name)
            .and_then(|v| v.parse::<u64>().ok())
            .filter(|n| *n > 0)
    };
    let per_page = positive("per_page").unwrap_or(30).min(100);
    let page = positive("page").unwrap_or(1);
    let total = items.len() as u64;
    let last = total.div_ceil(per_page).max(1);
    let start = page.saturating_sub(1).saturating_mul(per_page);
    let shown: Vec<Value> = items
        .iter()
        .skip(usize::try_from(start).unwrap_or(usize::MAX))
        .take(per_page as usize)
        .map(render)
        .collect();
    let link = |n: u64, rel: &str| {
        format!(
            "<{}>; rel=\"{rel}\"",
            call.url(&format!("{path}?per_page={per_page}&page={n}"))
        )
    };
    let mut links = Vec::new();
    if page > 1 {
        links.push(link(page - 1, "prev"));
    }
    if page < last {
        links.push(link(page + 1, "next"));
        links.push(link(last, "last"));
    }
    if page > 1 {
        links.push(link(1, "first"));
    }
    let response = json(200, &Value::Array(shown));
    if links.is_empty() {
        response
    } else {
        response.with_header("link", links.join(", "))
    }
}
