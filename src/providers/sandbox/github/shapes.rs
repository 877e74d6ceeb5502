//! The larger GitHub objects, complete as the OpenAPI description requires
//! them: `repository` (with `permissions`), `simple-user` (its owner),
//! `organization-simple`, `public-user` and `ssh-signing-key`. Generated
//! from the sandbox's few facts; the URLs follow GitHub's templates.

use super::super::state::{rfc3339, GitHubKey, GitHubRepo, SEED_TIME};
use super::super::Call;
use serde_json::{json, Map, Value};

/// `simple-user` for a user or an organization (`kind` "User" or
/// "Organization").
pub(super) fn simple_user(call: &Call, id: u64, login: &str, kind: &str) -> Value {
    let api = |path: &str| call.url(&format!("/users/{login}{path}"));
    json!({
        "login": login, "id": id, "node_id": format!("U_sandbox{id}"),
        "avatar_url": format!("https://avatars.githubusercontent.com/u/{id}?v=4"),
        "gravatar_id": "", "url": api(""), "html_url": format!("https://github.com/{login}"),
        "followers_url": api("/followers"), "following_url": api("/following{/other_user}"),
        "gists_url": api("/gists{/gist_id}"), "starred_url": api("/starred{/owner}{/repo}"),
        "subscriptions_url": api("/subscriptions"), "organizations_url": api("/orgs"),
        "repos_url": api("/repos"), "events_url": api("/events{/privacy}"),
        "received_events_url": api("/received_events"), "type": kind, "site_admin": false,
    })
}

/// `public-user`: `simple-user` and the profile.
pub(super) fn public_user(call: &Call, id: u64, login: &str, name: &str, kind: &str) -> Value {
    let created = rfc3339(SEED_TIME);
    let mut user = simple_user(call, id, login, kind);
    let profile = json!({
        "name": name, "company": null, "blog": "", "location": null, "email": null,
        "hireable": null, "bio": null, "public_repos": 1, "public_gists": 0,
        "followers": 0, "following": 0, "created_at": created, "updated_at": created,
        "user_view_type": "public",
    });
    merge(&mut user, profile);
    user
}

/// `private-user`: the profile and the account's private counts.
pub(super) fn private_user(call: &Call, id: u64, login: &str, name: &str) -> Value {
    let mut user = public_user(call, id, login, name, "User");
    let private = json!({
        "private_gists": 0, "total_private_repos": 0, "owned_private_repos": 0,
        "disk_usage": 0, "collaborators": 0, "two_factor_authentication": true,
        "user_view_type": "private",
    });
    merge(&mut user, private);
    user
}

/// `organization-simple`.
pub(super) fn organization(call: &Call, id: u64, login: &str) -> Value {
    let api = |path: &str| call.url(&format!("/orgs/{login}{path}"));
    json!({
        "login": login, "id": id, "node_id": format!("O_sandbox{id}"), "url": api(""),
        "repos_url": api("/repos"), "events_url": api("/events"), "hooks_url": api("/hooks"),
        "issues_url": api("/issues"), "members_url": api("/members{/member}"),
        "public_members_url": api("/public_members{/member}"),
        "avatar_url": format!("https://avatars.githubusercontent.com/u/{id}?v=4"),
        "description": null,
    })
}

/// `repository`, as seen by a user who is (or is not) an admin there.
pub(super) fn repository(call: &Call, repo: &GitHubRepo, owner: Value, admin: bool) -> Value {
    let full = format!("{}/{}", repo.owner, repo.name);
    let api = |path: &str| call.url(&format!("/repos/{full}{path}"));
    let html = format!("https://github.com/{full}");
    let created = rfc3339(SEED_TIME);
    let mut value = json!({
        "id": repo.id, "node_id": format!("R_sandbox{}", repo.id), "name": repo.name,
        "full_name": full, "owner": owner, "private": repo.private, "html_url": html,
        "description": null, "fork": false, "url": api(""),
        "visibility": if repo.private { "private" } else { "public" },
        "permissions": {
            "admin": admin, "maintain": admin, "push": admin, "triage": true, "pull": true
        },
        "license": null, "forks": 0, "forks_count": 0, "stargazers_count": 0,
        "watchers_count": 0, "watchers": 0, "size": 1, "default_branch": "main",
        "open_issues_count": 0, "open_issues": 0, "has_issues": true, "has_projects": true,
        "has_wiki": true, "has_pages": false, "has_downloads": true, "archived": false,
        "disabled": false, "pushed_at": created, "created_at": created, "updated_at": created,
        "mirror_url": null, "homepage": null, "language": null,
        "git_url": format!("git://github.com/{full}.git"),
        "ssh_url": format!("git@github.com:{full}.git"),
        "clone_url": format!("{html}.git"), "svn_url": html,
    });
    let templates: Map<String, Value> = [
        ("archive_url", "/{archive_format}{/ref}"),
        ("assignees_url", "/assignees{/user}"),
        ("blobs_url", "/git/blobs{/sha}"),
        ("branches_url", "/branches{/branch}"),
        ("collaborators_url", "/collaborators{/collaborator}"),
        ("comments_url", "/comments{/number}"),
        ("commits_url", "/commits{/sha}"),
        ("compare_url", "/compare/{base}...{head}"),
        ("contents_url", "/contents/{+path}"),
        ("contributors_url", "/contributors"),
        ("deployments_url", "/deployments"),
        ("downloads_url", "/downloads"),
        ("events_url", "/events"),
        ("forks_url", "/forks"),
        ("git_commits_url", "/git/commits{/sha}"),
        ("git_refs_url", "/git/refs{/sha}"),
        ("git_tags_url", "/git/tags{/sha}"),
        ("hooks_url", "/hooks"),
        ("issue_comment_url", "/issues/comments{/number}"),
        ("issue_events_url", "/issues/events{/number}"),
        ("issues_url", "/issues{/number}"),
        ("keys_url", "/keys{/key_id}"),
        ("labels_url", "/labels{/name}"),
        ("languages_url", "/languages"),
        ("merges_url", "/merges"),
        ("milestones_url", "/milestones{/number}"),
        (
            "notifications_url",
            "/notifications{?since,all,participating}",
        ),
        ("pulls_url", "/pulls{/number}"),
        ("releases_url", "/releases{/id}"),
        ("stargazers_url", "/stargazers"),
        ("statuses_url", "/statuses/{sha}"),
        ("subscribers_url", "/subscribers"),
        ("subscription_url", "/subscription"),
        ("tags_url", "/tags"),
        ("teams_url", "/teams"),
        ("trees_url", "/git/trees{/sha}"),
    ]
    .into_iter()
    .map(|(name, path)| (name.to_string(), Value::String(api(path))))
    .collect();
    merge(&mut value, Value::Object(templates));
    value
}

/// `ssh-signing-key`.
pub(super) fn signing_key(key: &GitHubKey) -> Value {
    json!({
        "id": key.id,
        "key": key.key,
        "title": key.title,
        "created_at": key.created_at,
    })
}

fn merge(into: &mut Value, from: Value) {
    if let (Value::Object(into), Value::Object(from)) = (into, from) {
        into.extend(from);
    }
}
