//! Discovery (repositories, organizations, users) and SSH signing keys
//! checked against GitHub's own OpenAPI description
//! (`target/spec/api.github.com.json`, fetched by `scripts/setup.sh`): the
//! spec's example answers parse completely and to the right values, and the
//! validator bites on the shapes these parsers rely on. The requests
//! themselves are checked in `github_contract.rs` with every other
//! operation's.

#[path = "support/openapi.rs"]
mod openapi;

use std::sync::OnceLock;

use keyward::providers::github::{
    parse_deleted, parse_error, parse_key, parse_key_list, parse_org_list, parse_repo_list,
    parse_user, Operation,
};
use keyward::providers::{ErrorKind, HttpResponse};
use serde_json::{json, Value};

fn spec() -> &'static Value {
    static SPEC: OnceLock<Value> = OnceLock::new();
    SPEC.get_or_init(|| openapi::load_spec("api.github.com.json"))
}

const LINK: &str = "<https://api.github.com/user/repos?page=2>; rel=\"next\", \
                    <https://api.github.com/user/repos?page=5>; rel=\"last\"";

/// The spec's examples for one answer, each checked against its own schema
/// first (proof that the example is what GitHub says it sends).
fn examples(method: &str, template: &str, status: u16) -> Vec<(String, Value)> {
    let examples = openapi::response_examples(spec(), method, template, status)
        .unwrap_or_else(|e| panic!("{method} {template} {status}: {e}"));
    assert!(!examples.is_empty(), "{method} {template} has examples");
    for (name, example) in &examples {
        let valid = openapi::validate_response(spec(), method, template, status, Some(example));
        assert_eq!(valid, Ok(()), "{template} example {name}");
    }
    examples
}

#[test]
fn repository_lists_parse_from_the_spec_examples() {
    for (template, operation) in [
        ("/user/repos", Operation::ListUserRepos),
        ("/orgs/{org}/repos", Operation::ListOrgRepos),
    ] {
        for (name, example) in examples("GET", template, 200) {
            let response = HttpResponse::new(200, example.to_string()).with_header("Link", LINK);
            let page = parse_repo_list(&response, operation)
                .unwrap_or_else(|e| panic!("{template} {name}: {e}"));
            let items = example.as_array().expect("a list");
            assert_eq!(page.items.len(), items.len());
            for (repo, item) in page.items.iter().zip(items) {
                assert_eq!(repo.owner, item["owner"]["login"].as_str().unwrap());
                assert_eq!(repo.name, item["name"].as_str().unwrap());
                assert_eq!(repo.full_name, item["full_name"].as_str().unwrap());
                assert_eq!(repo.private, item["private"].as_bool().unwrap());
                assert_eq!(repo.html_url.as_deref(), item["html_url"].as_str());
                assert_eq!(
                    repo.admin,
                    item["permissions"]["admin"].as_bool().unwrap_or(false)
                );
                assert_eq!(repo.archived, item["archived"].as_bool().unwrap_or(false));
            }
            assert_eq!(
                page.next.as_deref(),
                Some("https://api.github.com/user/repos?page=2")
            );
        }
    }
    // The example is not an admin; made one, the parser follows: the field
    // is read, not defaulted.
    let (_, example) = &examples("GET", "/user/repos", 200)[0];
    let page = parse_repo_list(
        &HttpResponse::new(200, example.to_string()),
        Operation::ListUserRepos,
    )
    .expect("parses");
    assert!(!page.items[0].admin);
    assert_eq!(page.items[0].full_name, "octocat/Hello-World");
    let mut admin = example.clone();
    admin[0]["permissions"]["admin"] = json!(true);
    let page = parse_repo_list(
        &HttpResponse::new(200, admin.to_string()),
        Operation::ListUserRepos,
    )
    .expect("parses");
    assert!(page.items[0].admin);
}

#[test]
fn organizations_parse_from_the_spec_example() {
    for (name, example) in examples("GET", "/user/orgs", 200) {
        let page = parse_org_list(&HttpResponse::new(200, example.to_string()))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let logins: Vec<&str> = example
            .as_array()
            .expect("a list")
            .iter()
            .filter_map(|org| org["login"].as_str())
            .collect();
        assert_eq!(page.items, logins);
        assert_eq!(page.items, ["github"]);
        assert_eq!(page.next, None);
    }
}

#[test]
fn users_parse_from_the_spec_examples() {
    let found = examples("GET", "/users/{username}", 200);
    assert!(found.len() >= 2);
    for (name, example) in found {
        let user = parse_user(&HttpResponse::new(200, example.to_string()))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(user.login, example["login"].as_str().unwrap());
        assert_eq!(user.id, example["id"].as_u64().unwrap());
        assert_eq!(user.name.as_deref(), example["name"].as_str());
    }
    let error = parse_user(&HttpResponse::new(
        404,
        json!({"message": "Not Found", "documentation_url": "https://docs.github.com/rest"})
            .to_string(),
    ))
    .unwrap_err();
    assert_eq!(error.kind, ErrorKind::NotFound);
    assert!(error.explanation.contains("No GitHub user"));
}

#[test]
fn signing_keys_parse_from_the_spec_examples() {
    let every_field = ["id", "key", "title", "created_at"];
    let properties = spec()["components"]["schemas"]["ssh-signing-key"]["properties"]
        .as_object()
        .expect("schema has properties");
    for name in properties.keys() {
        assert!(every_field.contains(&name.as_str()), "{name} is not mapped");
    }
    for (template, operation) in [
        ("/user/ssh_signing_keys", Operation::ListSigningKeys),
        (
            "/users/{username}/ssh_signing_keys",
            Operation::ListPublicSigningKeys,
        ),
    ] {
        for (name, example) in examples("GET", template, 200) {
            let response = HttpResponse::new(200, example.to_string()).with_header("Link", LINK);
            let page = parse_key_list(&response, operation)
                .unwrap_or_else(|e| panic!("{template} {name}: {e}"));
            let items = example.as_array().expect("a list");
            assert_eq!(page.items.len(), items.len());
            for (record, item) in page.items.iter().zip(items) {
                assert_eq!(record.id, item["id"].as_u64().unwrap().to_string());
                assert_eq!(record.public_key.as_deref(), item["key"].as_str());
                assert_eq!(record.title, item["title"].as_str().unwrap());
                assert_eq!(record.created_at.as_deref(), item["created_at"].as_str());
                assert_eq!(record.last_used_at, None);
            }
            assert!(page.next.is_some());
        }
    }
    let one = "/user/ssh_signing_keys/{ssh_signing_key_id}";
    for (method, template, status, operation) in [
        ("GET", one, 200, Operation::GetSigningKey),
        (
            "POST",
            "/user/ssh_signing_keys",
            201,
            Operation::CreateSigningKey,
        ),
    ] {
        for (name, example) in examples(method, template, status) {
            let record = parse_key(&HttpResponse::new(status, example.to_string()), operation)
                .unwrap_or_else(|e| panic!("{template} {name}: {e}"));
            assert_eq!(record.id, example["id"].as_u64().unwrap().to_string());
            assert_eq!(record.title, example["title"].as_str().unwrap());
        }
    }
    assert_eq!(
        openapi::validate_response(spec(), "DELETE", one, 204, None),
        Ok(())
    );
    assert!(parse_deleted(&HttpResponse::new(204, ""), Operation::DeleteSigningKey).is_ok());
}

#[test]
fn the_validator_bites_on_these_shapes() {
    let template = "/user/repos";
    let (_, good) = &examples("GET", template, 200)[0];
    let mut no_admin = good.clone();
    no_admin[0]["permissions"]
        .as_object_mut()
        .expect("permissions")
        .remove("admin");
    assert!(
        openapi::validate_response(spec(), "GET", template, 200, Some(&no_admin))
            .unwrap_err()
            .contains("admin")
    );
    let mut private_as_text = good.clone();
    private_as_text[0]["private"] = json!("no");
    assert!(
        openapi::validate_response(spec(), "GET", template, 200, Some(&private_as_text))
            .unwrap_err()
            .contains("private")
    );
    let refused = parse_repo_list(
        &HttpResponse::new(200, private_as_text.to_string()),
        Operation::ListUserRepos,
    );
    assert_eq!(refused.map_err(|e| e.kind), Err(ErrorKind::Unexpected));

    let signing = "/user/ssh_signing_keys";
    let (_, good) = &examples("GET", signing, 200)[0];
    let mut no_title = good.clone();
    no_title[0].as_object_mut().expect("a key").remove("title");
    assert!(
        openapi::validate_response(spec(), "GET", signing, 200, Some(&no_title))
            .unwrap_err()
            .contains("title")
    );
    let refused = parse_key_list(
        &HttpResponse::new(200, no_title.to_string()),
        Operation::ListSigningKeys,
    );
    assert_eq!(refused.map_err(|e| e.kind), Err(ErrorKind::Unexpected));
}

#[test]
fn errors_of_the_new_operations() {
    let basic = |message: &str| {
        json!({"message": message, "documentation_url": "https://docs.github.com/rest"}).to_string()
    };
    let response = HttpResponse::new(403, basic("Forbidden"))
        .with_header("X-OAuth-Scopes", "admin:public_key");
    let error = parse_error(&response, Operation::CreateSigningKey);
    assert_eq!(error.kind, ErrorKind::Forbidden);
    assert!(error.explanation.contains("`write:ssh_signing_key`"));
    assert!(error.explanation.contains("this one has: admin:public_key"));
    let error = parse_error(
        &HttpResponse::new(403, basic("Resource not accessible by integration")),
        Operation::ListSigningKeys,
    );
    assert!(error.explanation.contains("GitHub App installation token"));
    let error = parse_error(
        &HttpResponse::new(403, basic("Forbidden")),
        Operation::ListUserOrgs,
    );
    assert!(error.explanation.contains("`read:org`"));
    let error = parse_error(
        &HttpResponse::new(404, basic("Not Found")),
        Operation::ListOrgRepos,
    );
    assert!(error.explanation.contains("organization"));
    let error = parse_error(
        &HttpResponse::new(404, basic("Not Found")),
        Operation::ListDeployKeys,
    );
    assert!(error
        .explanation
        .contains("not an admin there, or no access"));
    assert!(error.explanation.contains("private repository"));
}
