//! The emulated GitHub REST API (a GHES-like root under `/github`): the
//! authenticated user, user SSH keys, public keys of any user, and
//! repository deploy keys, with GitHub's pagination, rate-limit headers and
//! key rules (OpenSSH format only, no private keys, no DSA, and one public
//! key at most once across all user and deploy keys).

use super::state::{rfc3339, GitHubKey, RateWindow, SandboxState};
use super::{json, Call};
use crate::keys::{self, Kind, LintCode, SshKey};
use crate::providers::http::{HttpResponse, Method};
use serde_json::{json, Value};

const DOCS: &str = "https://docs.github.com/rest";
const USER_KEYS_DOCS: &str =
    "https://docs.github.com/rest/users/keys#create-a-public-ssh-key-for-the-authenticated-user";
const DEPLOY_KEYS_DOCS: &str =
    "https://docs.github.com/rest/deploy-keys/deploy-keys#create-a-deploy-key";
const RATE_DOCS: &str = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api";
const INVALID_KEY: &str = "key is invalid. You must supply a key in OpenSSH public key format";
const KEY_IN_USE: &str = "key is already in use";
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
    let (window, limit) = if authenticated {
        (&mut state.github.rate_authenticated, AUTHENTICATED_LIMIT)
    } else {
        (&mut state.github.rate_anonymous, ANONYMOUS_LIMIT)
    };
    let mut snapshot = current(window, call.now);
    if snapshot.used >= limit {
        let refusal = rate_limited(call, call.now, false);
        return with_headers(refusal, rate_headers(&snapshot, limit));
    }
    window.used += 1;
    snapshot.used += 1;
    let mut response = route(state, call, authenticated);
    if authenticated {
        response = response.with_header("x-oauth-scopes", state.github.scopes.join(", "));
    }
    common(with_headers(response, rate_headers(&snapshot, limit)))
}

fn route(state: &mut SandboxState, call: &Call, authenticated: bool) -> HttpResponse {
    let path = call.path();
    let public = matches!(
        (call.method, path.as_slice()),
        (Method::Get, ["users", _, "keys"])
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
            let Some(index) = state.github.repos.iter().position(|r| {
                r.owner.eq_ignore_ascii_case(owner)
                    && r.name.eq_ignore_ascii_case(repo)
                    && r.owner.eq_ignore_ascii_case(&holder)
            }) else {
                return error(call, 404, "Not Found");
            };
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
        (Method::Get, []) => json(200, &repository(call, state, index)),
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
    let Ok(body) = call.json() else {
        return body_error(400, "Problems parsing JSON", docs);
    };
    let text = match body.get("key") {
        None | Some(Value::Null) => {
            return body_error(422, "Invalid request.\n\n\"key\" wasn't supplied.", docs)
        }
        Some(Value::String(text)) => text,
        Some(other) => return not_a(other, "key", "string", docs),
    };
    let title = match body.get("title") {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(title)) => title.clone(),
        Some(other) => return not_a(other, "title", "string", docs),
    };
    let read_only = match body.get("read_only") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(flag)) if repo.is_some() => *flag,
        Some(_) if repo.is_none() => false,
        Some(other) => return not_a(other, "read_only", "boolean", docs),
    };
    let Some(key) = acceptable_key(text) else {
        return validation_failed(INVALID_KEY, docs);
    };
    if in_use(state, &key.sha256) {
        return validation_failed(KEY_IN_USE, docs);
    }
    let id = state.github.next_key_id;
    state.github.next_key_id += 1;
    let record = GitHubKey {
        id,
        key: key.openssh(),
        fingerprint: key.sha256.clone(),
        title,
        created_at: rfc3339(call.now),
        last_used: None,
        verified: true,
        read_only: repo.is_some() && read_only,
        added_by: repo.map(|_| state.github.token_holder.clone()),
        enabled: true,
    };
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
fn paginate(
    call: &Call,
    items: &[GitHubKey],
    path: &str,
    render: impl Fn(&GitHubKey) -> Value,
) -> HttpResponse {
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

fn user_key(call: &Call, key: &GitHubKey) -> Value {
    json!({
        "key": key.key,
        "id": key.id,
        "url": call.url(&format!("/user/keys/{}", key.id)),
        "title": key.title,
        "created_at": key.created_at,
        "verified": key.verified,
        "read_only": key.read_only,
        "last_used": key.last_used,
    })
}

fn simple_key(key: &GitHubKey) -> Value {
    json!({
        "id": key.id,
        "key": key.key,
        "created_at": key.created_at,
        "last_used": key.last_used,
    })
}

fn deploy_key(call: &Call, repo_path: &str, key: &GitHubKey) -> Value {
    json!({
        "id": key.id,
        "key": key.key,
        "url": call.url(&format!("{repo_path}/keys/{}", key.id)),
        "title": key.title,
        "verified": key.verified,
        "created_at": key.created_at,
        "read_only": key.read_only,
        "added_by": key.added_by,
        "last_used": key.last_used,
        "enabled": key.enabled,
    })
}

fn private_user(call: &Call, id: u64, login: &str, name: &str) -> Value {
    let api = |path: &str| call.url(&format!("/users/{login}{path}"));
    let created = rfc3339(super::state::SEED_TIME);
    json!({
        "login": login, "id": id, "node_id": format!("U_sandbox{id}"),
        "avatar_url": format!("https://avatars.githubusercontent.com/u/{id}?v=4"),
        "gravatar_id": "", "url": api(""), "html_url": format!("https://github.com/{login}"),
        "followers_url": api("/followers"), "following_url": api("/following{/other_user}"),
        "gists_url": api("/gists{/gist_id}"), "starred_url": api("/starred{/owner}{/repo}"),
        "subscriptions_url": api("/subscriptions"), "organizations_url": api("/orgs"),
        "repos_url": api("/repos"), "events_url": api("/events{/privacy}"),
        "received_events_url": api("/received_events"), "type": "User", "site_admin": false,
        "name": name, "company": null, "blog": "", "location": null, "email": null,
        "hireable": null, "bio": null, "public_repos": 1, "public_gists": 0,
        "followers": 0, "following": 0, "created_at": created, "updated_at": created,
        "private_gists": 0, "total_private_repos": 0, "owned_private_repos": 0,
        "disk_usage": 0, "collaborators": 0, "two_factor_authentication": true,
    })
}

fn repository(call: &Call, state: &SandboxState, index: usize) -> Value {
    let repo = &state.github.repos[index];
    let owner_id = state
        .github
        .users
        .iter()
        .find(|u| u.login == repo.owner)
        .map_or(0, |u| u.id);
    json!({
        "id": repo.id,
        "name": repo.name,
        "full_name": format!("{}/{}", repo.owner, repo.name),
        "private": repo.private,
        "visibility": if repo.private { "private" } else { "public" },
        "owner": { "login": repo.owner, "id": owner_id, "type": "User" },
        "html_url": format!("https://github.com/{}/{}", repo.owner, repo.name),
        "url": call.url(&format!("/repos/{}/{}", repo.owner, repo.name)),
        "permissions": { "admin": true, "maintain": true, "push": true, "triage": true, "pull": true },
    })
}

fn no_content_or_404(call: &Call, removed: bool) -> HttpResponse {
    if removed {
        HttpResponse::new(204, "")
    } else {
        error(call, 404, "Not Found")
    }
}

/// GitHub's `basic-error`.
pub(super) fn error(_call: &Call, status: u16, message: &str) -> HttpResponse {
    body_error(status, message, DOCS)
}

fn body_error(status: u16, message: &str, docs: &str) -> HttpResponse {
    let body = json!({
        "message": message,
        "documentation_url": docs,
        "status": status.to_string(),
    });
    common(json(status, &body))
}

fn not_a(value: &Value, field: &str, kind: &str, docs: &str) -> HttpResponse {
    let message = format!("Invalid request.\n\nFor 'properties/{field}', {value} is not a {kind}.");
    body_error(422, &message, docs)
}

/// GitHub's `validation-error` for the `key` field.
fn validation_failed(message: &str, docs: &str) -> HttpResponse {
    let body = json!({
        "message": "Validation Failed",
        "errors": [{
            "resource": "PublicKey",
            "code": "custom",
            "field": "key",
            "message": message,
        }],
        "documentation_url": docs,
        "status": "422",
    });
    common(json(422, &body))
}

/// A primary (403, budget spent) or secondary (429) rate-limit refusal.
pub(super) fn rate_limited(_call: &Call, now: u64, secondary: bool) -> HttpResponse {
    if secondary {
        body_error(
            429,
            "You have exceeded a secondary rate limit. Please wait a few minutes before you try \
             again.",
            RATE_DOCS,
        )
    } else {
        let window = RateWindow {
            window_start: now,
            used: AUTHENTICATED_LIMIT,
        };
        let response = body_error(403, "API rate limit exceeded.", RATE_DOCS);
        with_headers(response, rate_headers(&window, AUTHENTICATED_LIMIT))
    }
}

fn common(response: HttpResponse) -> HttpResponse {
    let headers = vec![
        ("x-github-media-type", "github.v3; format=json".to_string()),
        ("x-github-api-version-selected", "2022-11-28".to_string()),
    ];
    with_headers(response, headers)
}

/// The window in force at `now` (a new one when the last has ended).
fn current(window: &mut RateWindow, now: u64) -> RateWindow {
    if now >= window.window_start.saturating_add(WINDOW_SECONDS) || now < window.window_start {
        *window = RateWindow {
            window_start: now,
            used: 0,
        };
    }
    window.clone()
}

fn rate_headers(window: &RateWindow, limit: u64) -> Vec<(&'static str, String)> {
    vec![
        ("x-ratelimit-limit", limit.to_string()),
        (
            "x-ratelimit-remaining",
            limit.saturating_sub(window.used).to_string(),
        ),
        (
            "x-ratelimit-reset",
            (window.window_start + WINDOW_SECONDS).to_string(),
        ),
        ("x-ratelimit-used", window.used.to_string()),
        ("x-ratelimit-resource", "core".to_string()),
    ]
}

fn with_headers(mut response: HttpResponse, headers: Vec<(&'static str, String)>) -> HttpResponse {
    for (name, value) in headers {
        response.headers.retain(|(n, _)| n != name);
        response = response.with_header(name, value);
    }
    response
}
