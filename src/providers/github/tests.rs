//! Request builders and parsers in isolation; `tests/github_contract.rs`
//! checks both against GitHub's OpenAPI description.

use super::*;
use crate::providers::http::HttpResponse;
use crate::providers::model::ErrorKind;

#[test]
fn base_urls_are_normalised() {
    assert_eq!(
        GitHub::new(" https://api.github.com/ ").base_url,
        GitHub::DOTCOM_API
    );
    let ghes = GitHub::new("https://ghe.example.com/api/v3/");
    assert_eq!(
        ghes.list_user_keys("t", 2).url,
        "https://ghe.example.com/api/v3/user/keys?per_page=100&page=2"
    );
}

#[test]
fn headers_are_bearer_and_accept_only() {
    let request = GitHub::github_com()
        .list_deploy_keys("ghp_x", "octo", "cat", 1)
        .expect("valid");
    assert_eq!(request.header_value("authorization"), Some("Bearer ghp_x"));
    assert_eq!(
        request.header_value("accept"),
        Some("application/vnd.github+json")
    );
    assert_eq!(request.header_value("x-github-api-version"), None);
    assert_eq!(request.headers.len(), 2);
    assert_eq!(request.body, None);
}

#[test]
fn public_keys_need_no_token() {
    let github = GitHub::github_com();
    let anonymous = github.list_public_keys(None, "octocat", 0).expect("valid");
    assert_eq!(anonymous.header_value("authorization"), None);
    assert_eq!(
        anonymous.url,
        "https://api.github.com/users/octocat/keys?per_page=100&page=1"
    );
    let with_token = github
        .list_public_keys(Some("t"), "octocat", 3)
        .expect("valid");
    assert_eq!(with_token.header_value("authorization"), Some("Bearer t"));
}

#[test]
fn user_input_cannot_change_the_path() {
    let request = GitHub::github_com()
        .delete_deploy_key("t", "octo/../../user", "cat?x=1", "1/../2")
        .expect("encoded, not refused");
    assert_eq!(
        request.url,
        "https://api.github.com/repos/octo%2F..%2F..%2Fuser/cat%3Fx%3D1/keys/1%2F..%2F2"
    );
    assert_eq!(request.method, Method::Delete);
}

/// Every builder that puts a typed or server-sent value in the path, with
/// that value in each of its places.
fn every_path_builder(value: &str) -> Vec<(String, Result<HttpRequest, ApiError>)> {
    let gh = GitHub::github_com();
    let key = "ssh-ed25519 AAAA";
    let mut built = vec![
        ("get_user_key".into(), gh.get_user_key("t", value)),
        ("delete_user_key".into(), gh.delete_user_key("t", value)),
        (
            "list_public_keys".into(),
            gh.list_public_keys(None, value, 1),
        ),
        ("list_org_repos".into(), gh.list_org_repos("t", value, 1)),
        ("get_user".into(), gh.get_user(None, value)),
        ("get_signing_key".into(), gh.get_signing_key("t", value)),
        (
            "delete_signing_key".into(),
            gh.delete_signing_key("t", value),
        ),
        (
            "list_public_signing_keys".into(),
            gh.list_public_signing_keys(None, value, 1),
        ),
    ];
    for (place, owner, repo, id) in [
        ("owner", value, "r", "1"),
        ("repository", "o", value, "1"),
        ("key id", "o", "r", value),
    ] {
        built.push((
            format!("get_deploy_key {place}"),
            gh.get_deploy_key("t", owner, repo, id),
        ));
        built.push((
            format!("delete_deploy_key {place}"),
            gh.delete_deploy_key("t", owner, repo, id),
        ));
        if place != "key id" {
            built.push((
                format!("list_deploy_keys {place}"),
                gh.list_deploy_keys("t", owner, repo, 1),
            ));
            built.push((
                format!("create_deploy_key {place}"),
                gh.create_deploy_key("t", owner, repo, "ci", key, true),
            ));
        }
    }
    built
}

#[test]
fn every_path_builder_refuses_dot_segments_and_blanks() {
    for bad in ["..", ".", "", "  ", " .. "] {
        for (builder, result) in every_path_builder(bad) {
            let error = result.expect_err(&format!("{builder} accepted {bad:?}"));
            assert_eq!(error.status, 0, "{builder}");
            assert_eq!(error.kind, ErrorKind::Invalid, "{builder}");
        }
    }
}

#[test]
fn every_path_builder_encodes_slashes() {
    for (builder, result) in every_path_builder("a/b") {
        let request = result.unwrap_or_else(|e| panic!("{builder}: {e}"));
        assert!(request.url.contains("/a%2Fb"), "{builder}: {}", request.url);
        assert!(!request.url.contains("a/b"), "{builder}: {}", request.url);
    }
}

#[test]
fn deploy_key_body_always_has_read_only() {
    for read_only in [true, false] {
        let request = GitHub::github_com()
            .create_deploy_key("t", "o", "r", "ci", "ssh-ed25519 AAAA x\n", read_only)
            .expect("valid");
        let body: serde_json::Value =
            serde_json::from_str(request.body.as_deref().unwrap_or("")).unwrap_or_default();
        assert_eq!(body["read_only"], serde_json::json!(read_only));
        assert_eq!(body["key"], "ssh-ed25519 AAAA x");
        assert_eq!(
            request.header_value("content-type"),
            Some("application/json")
        );
    }
}

#[test]
fn next_page_stays_on_the_same_server() {
    let github = GitHub::new("https://ghe.example.com/api/v3");
    let next = github.next_page(
        Some("t"),
        "https://ghe.example.com/api/v3/repositories/42/keys?page=2",
    );
    assert!(next.is_ok());
    for evil in [
        "https://evil.example/api/v3/user/keys?page=2",
        "https://ghe.example.com.evil.example/user/keys",
        "https://ghe.example.com@evil.example/user/keys",
        "http://ghe.example.com/api/v3/user/keys",
        "/user/keys?page=2",
        "javascript:alert(1)",
    ] {
        assert!(github.next_page(Some("t"), evil).is_err(), "{evil}");
    }
}

#[test]
fn token_check_reads_scopes() {
    let body = r#"{"login":"octocat","id":1,"name":"Mona"}"#;
    let classic =
        HttpResponse::new(200, body).with_header("X-OAuth-Scopes", "repo, admin:public_key");
    let info = parse_token_check(&classic).map_err(|e| e.to_string());
    assert_eq!(
        info,
        Ok(TokenInfo {
            login: "octocat".into(),
            name: Some("Mona".into()),
            scopes: Some(vec!["repo".into(), "admin:public_key".into()]),
        })
    );
    let fine_grained = HttpResponse::new(200, r#"{"login":"octocat","name":null}"#);
    let info = parse_token_check(&fine_grained).map_err(|e| e.to_string());
    assert_eq!(info.map(|i| (i.name, i.scopes)), Ok((None, None)));
    let no_scopes = HttpResponse::new(200, body).with_header("x-oauth-scopes", "");
    assert_eq!(
        parse_token_check(&no_scopes).ok().and_then(|i| i.scopes),
        Some(vec![])
    );
}

#[test]
fn wrong_shapes_are_unexpected_not_panics() {
    for body in [
        "",
        "{}",
        "[{}]",
        "<html>",
        "null",
        "[{\"id\":\"x\",\"key\":1}]",
    ] {
        let response = HttpResponse::new(200, body);
        let error = parse_key_list(&response, Operation::ListUserKeys).err();
        assert_eq!(error.map(|e| e.kind), Some(ErrorKind::Unexpected), "{body}");
    }
    let error = parse_key(&HttpResponse::new(201, "{}"), Operation::CreateDeployKey).err();
    assert_eq!(error.map(|e| e.kind), Some(ErrorKind::Unexpected));
}

#[test]
fn deleted_is_any_success() {
    assert!(parse_deleted(&HttpResponse::new(204, ""), Operation::DeleteUserKey).is_ok());
    let error = parse_deleted(&HttpResponse::new(404, ""), Operation::DeleteDeployKey).err();
    assert_eq!(error.map(|e| e.kind), Some(ErrorKind::NotFound));
}

#[test]
fn operations_know_their_method() {
    let posts: Vec<_> = Operation::ALL
        .iter()
        .filter(|op| op.method() == Method::Post)
        .collect();
    assert_eq!(
        posts,
        [
            &Operation::CreateUserKey,
            &Operation::CreateDeployKey,
            &Operation::CreateSigningKey
        ]
    );
    let deletes = Operation::ALL
        .iter()
        .filter(|op| op.method() == Method::Delete)
        .count();
    assert_eq!(deletes, 3);
}

#[test]
fn discovery_and_signing_urls() {
    let gh = GitHub::new("https://ghe.example.com/api/v3");
    let base = "https://ghe.example.com/api/v3";
    let cases = [
        (
            gh.list_user_repos("t", 0),
            "/user/repos?per_page=100&page=1&sort=full_name",
        ),
        (gh.list_user_orgs("t", 2), "/user/orgs?per_page=100&page=2"),
        (
            gh.list_org_repos("t", "my org", 3).expect("valid"),
            "/orgs/my%20org/repos?per_page=100&page=3&sort=full_name",
        ),
        (
            gh.get_user(None, "octocat").expect("valid"),
            "/users/octocat",
        ),
        (
            gh.list_signing_keys("t", 1),
            "/user/ssh_signing_keys?per_page=100&page=1",
        ),
        (
            gh.get_signing_key("t", "7").expect("valid"),
            "/user/ssh_signing_keys/7",
        ),
        (
            gh.create_signing_key("t", "sign", "ssh-ed25519 AAAA x\n"),
            "/user/ssh_signing_keys",
        ),
        (
            gh.list_public_signing_keys(None, "octocat", 1)
                .expect("valid"),
            "/users/octocat/ssh_signing_keys?per_page=100&page=1",
        ),
    ];
    for (request, path) in cases {
        assert_eq!(request.url, format!("{base}{path}"));
    }
    let anonymous = gh.get_user(None, "octocat").expect("valid");
    assert_eq!(anonymous.header_value("authorization"), None);
    let create = gh.create_signing_key("t", "sign", "ssh-ed25519 AAAA x\n");
    let body: serde_json::Value =
        serde_json::from_str(create.body.as_deref().unwrap_or("")).unwrap_or_default();
    assert_eq!(
        body,
        serde_json::json!({"title": "sign", "key": "ssh-ed25519 AAAA x"})
    );
    assert_eq!(create.method, Method::Post);
}

#[test]
fn signing_keys_parse_like_keys() {
    let body =
        r#"[{"id":2,"key":"ssh-ed25519 AAAA","title":"sign","created_at":"2020-06-11T21:31:57Z"}]"#;
    let link = "<https://api.github.com/user/ssh_signing_keys?page=2>; rel=\"next\"";
    let response = HttpResponse::new(200, body).with_header("Link", link);
    for operation in [Operation::ListSigningKeys, Operation::ListPublicSigningKeys] {
        let page = parse_key_list(&response, operation).expect("a signing key list");
        assert_eq!(page.items.len(), 1);
        let key = &page.items[0];
        assert_eq!((key.id.as_str(), key.title.as_str()), ("2", "sign"));
        assert_eq!(key.public_key.as_deref(), Some("ssh-ed25519 AAAA"));
        assert_eq!((key.last_used_at.clone(), key.verified), (None, None));
        assert!(page.next.is_some());
    }
    let one =
        r#"{"id":3,"key":"ssh-ed25519 AAAA","title":"t","created_at":"2020-06-11T21:31:57Z"}"#;
    let record = parse_key(&HttpResponse::new(201, one), Operation::CreateSigningKey);
    assert_eq!(record.map(|r| r.id), Ok("3".to_string()));
    assert!(parse_deleted(&HttpResponse::new(204, ""), Operation::DeleteSigningKey).is_ok());
    // A deploy key's shape is not a signing key's: `title` and the rest are required.
    let missing = parse_key(
        &HttpResponse::new(200, r#"{"id":3,"key":"k"}"#),
        Operation::GetSigningKey,
    );
    assert_eq!(missing.map_err(|e| e.kind), Err(ErrorKind::Unexpected));
}

#[test]
fn signing_key_errors_name_signing_scopes() {
    let forbidden = HttpResponse::new(403, r#"{"message":"Forbidden"}"#)
        .with_header("x-oauth-scopes", "admin:public_key");
    let error = parse_error(&forbidden, Operation::DeleteSigningKey);
    assert!(
        error.explanation.contains("`admin:ssh_signing_key`"),
        "{}",
        error.explanation
    );
    assert!(
        error.explanation.contains("SSH signing keys"),
        "{}",
        error.explanation
    );
    let in_use = r#"{"message":"Validation Failed","errors":[{"field":"key","message":"key is already in use"}]}"#;
    let error = parse_error(&HttpResponse::new(422, in_use), Operation::CreateSigningKey);
    assert!(
        error.explanation.contains("signing keys"),
        "{}",
        error.explanation
    );
    let error = parse_error(&HttpResponse::new(404, ""), Operation::ListDeployKeys);
    assert!(error
        .explanation
        .contains("not an admin there, or no access"));
    let error = parse_error(&HttpResponse::new(404, ""), Operation::GetUser);
    assert!(error.explanation.contains("No GitHub user"));
}
