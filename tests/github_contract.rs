//! The GitHub provider checked against GitHub's own OpenAPI description
//! (`target/spec/api.github.com.json`, fetched by `scripts/setup.sh`):
//! every request it builds must fit its operation, every example response
//! the spec gives must parse with every field landing in `KeyRecord`, and
//! error bodies must be explained in the right words.

#[path = "support/openapi.rs"]
mod openapi;

use std::collections::BTreeSet;
use std::sync::OnceLock;

use keyward::providers::github::{
    parse_deleted, parse_error, parse_key, parse_key_list, parse_token_check, GitHub, Operation,
};
use keyward::providers::{ApiError, ErrorKind, HttpRequest, HttpResponse, KeyRecord, Method};
use serde_json::{json, Value};

fn spec() -> &'static Value {
    static SPEC: OnceLock<Value> = OnceLock::new();
    SPEC.get_or_init(|| openapi::load_spec("api.github.com.json"))
}

const TOKEN: &str = "ghp_0123456789abcdefghijklmnopqrstuvwxyz";
const KEY: &str =
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl ci@keyward";

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

/// One request per operation, with awkward but legal arguments.
fn requests(github: &GitHub) -> Vec<(Operation, HttpRequest)> {
    vec![
        (Operation::CheckToken, github.check_token(TOKEN)),
        (Operation::ListUserKeys, github.list_user_keys(TOKEN, 2)),
        (
            Operation::GetUserKey,
            github.get_user_key(TOKEN, "42").expect("a valid path"),
        ),
        (
            Operation::CreateUserKey,
            github.create_user_key(TOKEN, "laptop “work”", KEY),
        ),
        (
            Operation::DeleteUserKey,
            github.delete_user_key(TOKEN, "42").expect("a valid path"),
        ),
        (
            Operation::ListPublicKeys,
            github
                .list_public_keys(None, "octo-cat", 1)
                .expect("a valid path"),
        ),
        (
            Operation::ListDeployKeys,
            github
                .list_deploy_keys(TOKEN, "my org", "repo.name", 3)
                .expect("a valid path"),
        ),
        (
            Operation::GetDeployKey,
            github
                .get_deploy_key(TOKEN, "octo", "Hello-World", "7")
                .expect("a valid path"),
        ),
        (
            Operation::CreateDeployKey,
            github
                .create_deploy_key(TOKEN, "octo", "Hello-World", "ci", KEY, true)
                .expect("a valid path"),
        ),
        (
            Operation::DeleteDeployKey,
            github
                .delete_deploy_key(TOKEN, "octo", "Hello-World", "7")
                .expect("a valid path"),
        ),
        (Operation::ListUserRepos, github.list_user_repos(TOKEN, 2)),
        (Operation::ListUserOrgs, github.list_user_orgs(TOKEN, 1)),
        (
            Operation::ListOrgRepos,
            github
                .list_org_repos(TOKEN, "my org", 1)
                .expect("a valid path"),
        ),
        (
            Operation::GetUser,
            github.get_user(None, "octo-cat").expect("a valid path"),
        ),
        (
            Operation::ListSigningKeys,
            github.list_signing_keys(TOKEN, 1),
        ),
        (
            Operation::GetSigningKey,
            github.get_signing_key(TOKEN, "42").expect("a valid path"),
        ),
        (
            Operation::CreateSigningKey,
            github.create_signing_key(TOKEN, "signing “work”", KEY),
        ),
        (
            Operation::DeleteSigningKey,
            github
                .delete_signing_key(TOKEN, "42")
                .expect("a valid path"),
        ),
        (
            Operation::ListPublicSigningKeys,
            github
                .list_public_signing_keys(None, "octo-cat", 1)
                .expect("a valid path"),
        ),
    ]
}

fn body_json(request: &HttpRequest) -> Option<Value> {
    request
        .body
        .as_deref()
        .map(|body| serde_json::from_str(body).expect("the provider sends JSON bodies"))
}

#[test]
fn every_request_fits_its_operation_in_the_spec() {
    for github in [
        GitHub::github_com(),
        GitHub::new("https://ghe.example.com/api/v3/"),
    ] {
        let built = requests(&github);
        let covered: BTreeSet<String> = built.iter().map(|(op, _)| format!("{op:?}")).collect();
        assert_eq!(
            covered.len(),
            Operation::ALL.len(),
            "every operation is checked"
        );
        for (operation, request) in built {
            assert_eq!(request.method, operation.method(), "{operation:?}");
            let relative = request
                .url
                .strip_prefix(&github.base_url)
                .unwrap_or_else(|| panic!("{operation:?} left its base URL: {}", request.url));
            let result = openapi::validate_request(
                spec(),
                request.method.as_str(),
                template(operation),
                relative,
                body_json(&request).as_ref(),
            );
            assert_eq!(result, Ok(()), "{operation:?} {relative}");

            assert_eq!(
                request.header_value("accept"),
                Some("application/vnd.github+json")
            );
            assert_eq!(request.header_value("x-github-api-version"), None);
            let anonymous = matches!(
                operation,
                Operation::ListPublicKeys | Operation::GetUser | Operation::ListPublicSigningKeys
            );
            let expected_auth = (!anonymous).then(|| format!("Bearer {TOKEN}"));
            assert_eq!(
                request.header_value("authorization").map(str::to_string),
                expected_auth
            );
            let content_type = request.body.as_ref().map(|_| "application/json");
            assert_eq!(
                request.header_value("content-type"),
                content_type,
                "{operation:?}"
            );
        }
    }
}

#[test]
fn spec_request_examples_and_the_spec_pattern() {
    let deploy = openapi::request_examples(spec(), "POST", "/repos/{owner}/{repo}/keys").unwrap();
    assert!(!deploy.is_empty());
    for (name, example) in deploy {
        let result = openapi::validate_request(
            spec(),
            "POST",
            "/repos/{owner}/{repo}/keys",
            "/repos/o/r/keys",
            Some(&example),
        );
        assert_eq!(result, Ok(()), "{name}");
    }
    // The spec's own example for adding a user key puts a base64 fragment in
    // `key`: the pattern check must catch it (proof that patterns bite).
    let user = openapi::request_examples(spec(), "POST", "/user/keys").unwrap();
    for (_, example) in user {
        let result =
            openapi::validate_request(spec(), "POST", "/user/keys", "/user/keys", Some(&example));
        assert!(result.unwrap_err().contains("does not match the pattern"));
    }
}

/// Field-by-field: every property the example has must show up in the
/// record under its KeyRecord name.
fn assert_maps(record: &KeyRecord, example: &Value, context: &str) {
    let object = example.as_object().expect("an example key is an object");
    for (name, value) in object {
        let text = value.as_str().map(str::to_string);
        let flag = value.as_bool();
        match name.as_str() {
            "id" => assert_eq!(
                Some(record.id.clone()),
                value.as_u64().map(|id| id.to_string()),
                "{context}"
            ),
            "key" => assert_eq!(record.public_key, text, "{context}"),
            "url" => assert_eq!(record.url, text, "{context}"),
            "title" => assert_eq!(Some(record.title.clone()), text, "{context}"),
            "created_at" => assert_eq!(record.created_at, text, "{context}"),
            "last_used" => assert_eq!(record.last_used_at, text, "{context}"),
            "added_by" => assert_eq!(record.added_by, text, "{context}"),
            "verified" => assert_eq!(record.verified, flag, "{context}"),
            "read_only" => assert_eq!(record.read_only, flag, "{context}"),
            "enabled" => assert_eq!(record.enabled, flag, "{context}"),
            other => panic!("{context}: field {other} is not mapped into KeyRecord"),
        }
    }
}

#[test]
fn every_schema_field_is_mapped() {
    // The same names `assert_maps` knows: if GitHub adds a field to one of
    // these schemas, this fails until the parser maps it.
    let mapped = [
        "id",
        "key",
        "url",
        "title",
        "created_at",
        "last_used",
        "added_by",
        "verified",
        "read_only",
        "enabled",
    ];
    for schema in ["key", "key-simple", "deploy-key"] {
        let properties = spec()["components"]["schemas"][schema]["properties"]
            .as_object()
            .expect("schema has properties");
        for name in properties.keys() {
            assert!(
                mapped.contains(&name.as_str()),
                "{schema}.{name} is not mapped"
            );
        }
    }
}

#[test]
fn spec_examples_for_lists_parse_completely() {
    for operation in [
        Operation::ListUserKeys,
        Operation::ListPublicKeys,
        Operation::ListDeployKeys,
    ] {
        let examples = openapi::response_examples(spec(), "GET", template(operation), 200).unwrap();
        assert!(!examples.is_empty(), "{operation:?} has examples");
        for (name, example) in examples {
            let context = format!("{operation:?} example {name}");
            let valid =
                openapi::validate_response(spec(), "GET", template(operation), 200, Some(&example));
            assert_eq!(valid, Ok(()), "{context}");
            let link = "<https://api.github.com/repositories/1/keys?page=2>; rel=\"next\", \
                        <https://api.github.com/repositories/1/keys?page=4>; rel=\"last\"";
            let response = HttpResponse::new(200, example.to_string()).with_header("Link", link);
            let page =
                parse_key_list(&response, operation).unwrap_or_else(|e| panic!("{context}: {e}"));
            let items = example.as_array().unwrap();
            assert_eq!(page.items.len(), items.len(), "{context}");
            for (record, item) in page.items.iter().zip(items) {
                assert_maps(record, item, &context);
            }
            assert_eq!(
                page.next.as_deref(),
                Some("https://api.github.com/repositories/1/keys?page=2")
            );
        }
    }
}

#[test]
fn spec_examples_for_single_keys_parse_completely() {
    let cases = [
        (Operation::GetUserKey, 200),
        (Operation::CreateUserKey, 201),
        (Operation::GetDeployKey, 200),
        (Operation::CreateDeployKey, 201),
    ];
    for (operation, status) in cases {
        let method = operation.method().as_str();
        let examples =
            openapi::response_examples(spec(), method, template(operation), status).unwrap();
        assert!(!examples.is_empty(), "{operation:?} has examples");
        for (name, example) in examples {
            let context = format!("{operation:?} {status} example {name}");
            let valid = openapi::validate_response(
                spec(),
                method,
                template(operation),
                status,
                Some(&example),
            );
            assert_eq!(valid, Ok(()), "{context}");
            let record = parse_key(&HttpResponse::new(status, example.to_string()), operation)
                .unwrap_or_else(|e| panic!("{context}: {e}"));
            assert_maps(&record, &example, &context);
        }
    }
    // The deploy-key example carries every optional field too.
    let example =
        openapi::response_examples(spec(), "GET", template(Operation::GetDeployKey), 200).unwrap();
    let record = parse_key(
        &HttpResponse::new(200, example[0].1.to_string()),
        Operation::GetDeployKey,
    )
    .unwrap();
    assert_eq!(record.id, "1");
    assert_eq!(record.title, "octocat@octomac");
    assert_eq!(record.read_only, Some(true));
    assert_eq!(record.added_by.as_deref(), Some("octocat"));
    assert_eq!(record.last_used_at.as_deref(), Some("2022-01-10T15:53:42Z"));
    assert_eq!(record.enabled, Some(true));
}

#[test]
fn spec_examples_for_the_token_check_parse() {
    let examples = openapi::response_examples(spec(), "GET", "/user", 200).unwrap();
    assert!(examples.len() >= 2);
    for (name, example) in examples {
        let valid = openapi::validate_response(spec(), "GET", "/user", 200, Some(&example));
        assert_eq!(valid, Ok(()), "{name}");
        let response =
            HttpResponse::new(200, example.to_string()).with_header("x-oauth-scopes", "repo");
        let info = parse_token_check(&response).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(info.login, example["login"].as_str().unwrap());
        assert_eq!(info.name.as_deref(), example["name"].as_str());
        assert_eq!(info.scopes, Some(vec!["repo".to_string()]));
    }
}

#[test]
fn deletes_answer_204_without_a_body() {
    for operation in [Operation::DeleteUserKey, Operation::DeleteDeployKey] {
        assert_eq!(
            openapi::validate_response(spec(), "DELETE", template(operation), 204, None),
            Ok(())
        );
        assert!(parse_deleted(&HttpResponse::new(204, ""), operation).is_ok());
    }
}

// ---- The validator must bite. ----

#[test]
fn misspelled_or_mistyped_request_fields_fail() {
    let path = "/repos/{owner}/{repo}/keys";
    let check = |body: Value| {
        openapi::validate_request(spec(), "POST", path, "/repos/o/r/keys", Some(&body))
    };
    let misspelled = check(json!({"title": "ci", "key": KEY, "readonly": true}));
    assert!(misspelled.unwrap_err().contains("body.readonly"));
    let mistyped = check(json!({"title": "ci", "key": KEY, "read_only": "yes"}));
    assert!(mistyped.unwrap_err().contains("body.read_only"));
    let missing = check(json!({"title": "ci", "read_only": true}));
    assert!(missing.unwrap_err().contains("required property key"));
    assert!(openapi::validate_request(spec(), "POST", path, "/repos/o/r/keys", None).is_err());
}

#[test]
fn wrong_paths_and_queries_fail() {
    let list = "/repos/{owner}/{repo}/keys";
    let check = |path: &str| openapi::validate_request(spec(), "GET", list, path, None);
    assert_eq!(check("/repos/o/r/keys?per_page=100&page=1"), Ok(()));
    assert!(check("/repos/o/r/keys?perpage=100")
        .unwrap_err()
        .contains("perpage"));
    assert!(check("/repos/o/r/keys?page=two")
        .unwrap_err()
        .contains("integer"));
    assert!(check("/repos/o/keys").is_err());
    assert!(check("/repos/o/r/key").is_err());
    let one = "/repos/{owner}/{repo}/keys/{key_id}";
    let wrong_id = openapi::validate_request(spec(), "GET", one, "/repos/o/r/keys/abc", None);
    assert!(wrong_id.unwrap_err().contains("key_id"));
    assert!(openapi::validate_request(spec(), "PATCH", one, "/repos/o/r/keys/1", None).is_err());
    assert!(
        openapi::validate_request(spec(), "GET", list, "/repos/o/r/keys", Some(&json!({})))
            .is_err()
    );
}

#[test]
fn responses_missing_or_mistyping_fields_fail() {
    let template = "/repos/{owner}/{repo}/keys/{key_id}";
    let good = openapi::response_examples(spec(), "GET", template, 200).unwrap()[0]
        .1
        .clone();
    let check = |body: &Value| openapi::validate_response(spec(), "GET", template, 200, Some(body));
    assert_eq!(check(&good), Ok(()));

    let mut missing = good.clone();
    missing.as_object_mut().unwrap().remove("read_only");
    assert!(check(&missing)
        .unwrap_err()
        .contains("required property read_only"));
    // The parser refuses it too, in words rather than a panic.
    let refused = parse_key(
        &HttpResponse::new(200, missing.to_string()),
        Operation::GetDeployKey,
    );
    assert_eq!(refused.map_err(|e| e.kind), Err(ErrorKind::Unexpected));

    let mut mistyped = good.clone();
    mistyped["id"] = json!("1");
    assert!(check(&mistyped).unwrap_err().contains("body.id"));
    let mut null_title = good.clone();
    null_title["title"] = Value::Null;
    assert!(check(&null_title).is_err());
    let mut bad_date = good.clone();
    bad_date["last_used"] = json!("yesterday");
    assert!(check(&bad_date).unwrap_err().contains("date-time"));

    // Nullable fields may be null; servers may add fields.
    let mut lenient = good.clone();
    lenient["last_used"] = Value::Null;
    lenient["added_by"] = Value::Null;
    lenient["something_new"] = json!(1);
    assert_eq!(check(&lenient), Ok(()));
    // A list must be a list; an undeclared status is refused.
    assert!(openapi::validate_response(spec(), "GET", "/user/keys", 200, Some(&good)).is_err());
    assert!(openapi::validate_response(spec(), "DELETE", template, 500, None).is_err());
}

// ---- Error bodies, as GitHub sends them. ----

/// Parses an error answer and, when the spec declares that status for the
/// operation, checks the body against the declared schema first.
fn error_for(operation: Operation, response: HttpResponse) -> ApiError {
    let method = operation.method().as_str();
    if let Ok(body) = serde_json::from_str::<Value>(&response.body) {
        if openapi::response(spec(), method, template(operation), response.status).is_ok() {
            let valid = openapi::validate_response(
                spec(),
                method,
                template(operation),
                response.status,
                Some(&body),
            );
            assert_eq!(valid, Ok(()), "{operation:?} {}", response.status);
        }
    }
    parse_error(&response, operation)
}

fn basic(message: &str, status: u16) -> String {
    json!({"message": message, "documentation_url": "https://docs.github.com/rest", "status": status.to_string()}).to_string()
}

#[test]
fn bad_credentials_401() {
    let error = error_for(
        Operation::ListUserKeys,
        HttpResponse::new(401, basic("Bad credentials", 401)),
    );
    assert_eq!(error.kind, ErrorKind::BadToken);
    assert_eq!(error.provider_message.as_deref(), Some("Bad credentials"));
    assert!(error.explanation.contains("expired or revoked"));
}

#[test]
fn missing_scope_403_names_the_scope() {
    let response = HttpResponse::new(403, basic("Forbidden", 403))
        .with_header("X-OAuth-Scopes", "read:public_key")
        .with_header("X-Accepted-OAuth-Scopes", "admin:public_key")
        .with_header("x-ratelimit-remaining", "4990");
    let error = error_for(Operation::DeleteUserKey, response);
    assert_eq!(error.kind, ErrorKind::Forbidden);
    assert!(
        error.explanation.contains("`admin:public_key`"),
        "{}",
        error.explanation
    );
    assert!(error.explanation.contains("this one has: read:public_key"));
    assert!(error.explanation.contains("Git SSH keys"));

    let response = HttpResponse::new(403, basic("Must have admin rights to Repository.", 403));
    let error = error_for(Operation::CreateDeployKey, response);
    assert_eq!(error.kind, ErrorKind::Forbidden);
    assert!(error.explanation.contains("`repo`"));
    assert!(error.explanation.contains("Administration"));
}

#[test]
fn sso_403_says_authorise_for_sso() {
    let message = "Resource protected by organization SAML enforcement. You must grant your \
                   Personal Access token access to this organization.";
    let response = HttpResponse::new(403, basic(message, 403)).with_header(
        "X-GitHub-SSO",
        "required; url=https://github.com/orgs/octo-org/sso?authorization_request=AZSCK",
    );
    let error = error_for(Operation::ListDeployKeys, response);
    assert_eq!(error.kind, ErrorKind::Forbidden);
    assert!(error.explanation.contains("authorise this token for SSO"));
    assert!(error
        .explanation
        .contains("https://github.com/orgs/octo-org/sso?authorization_request=AZSCK"));
    // Without the header (not exposed to the page), the message suffices.
    let error = error_for(
        Operation::ListDeployKeys,
        HttpResponse::new(403, basic(message, 403)),
    );
    assert!(error.explanation.contains("authorise this token for SSO"));
}

#[test]
fn app_installation_token_on_user_keys() {
    let response = HttpResponse::new(403, basic("Resource not accessible by integration", 403));
    let error = error_for(Operation::ListUserKeys, response);
    assert!(error.explanation.contains("GitHub App installation token"));
    let error = error_for(
        Operation::ListUserKeys,
        HttpResponse::new(404, basic("Not Found", 404)),
    );
    assert_eq!(error.kind, ErrorKind::NotFound);
    assert!(error.explanation.contains("GitHub App installation tokens"));
}

#[test]
fn not_found_404_per_operation() {
    let body = basic("Not Found", 404);
    let error = error_for(
        Operation::ListDeployKeys,
        HttpResponse::new(404, body.clone()),
    );
    assert_eq!(error.kind, ErrorKind::NotFound);
    assert!(error.explanation.contains("private repository"));
    let error = error_for(Operation::ListPublicKeys, HttpResponse::new(404, body));
    assert!(error.explanation.contains("No GitHub user"));
}

#[test]
fn key_already_in_use_422() {
    let body = json!({
        "message": "Validation Failed",
        "errors": [{"resource": "PublicKey", "code": "custom", "field": "key", "message": "key is already in use"}],
        "documentation_url": "https://docs.github.com/rest/deploy-keys/deploy-keys#create-a-deploy-key",
        "status": "422"
    });
    for operation in [Operation::CreateDeployKey, Operation::CreateUserKey] {
        let error = error_for(operation, HttpResponse::new(422, body.to_string()));
        assert_eq!(error.kind, ErrorKind::Invalid);
        assert_eq!(
            error.field_errors,
            vec![("key".to_string(), "key is already in use".to_string())]
        );
        assert!(
            error.explanation.contains("only once"),
            "{}",
            error.explanation
        );
        assert!(error.explanation.contains("one key per repository"));
        assert!(error.explanation.contains("cannot also be a user key"));
    }
    // Some clients see only strings in `errors`.
    let strings = json!({"message": "Validation Failed", "errors": ["key is already in use"]});
    let error = parse_error(
        &HttpResponse::new(422, strings.to_string()),
        Operation::CreateUserKey,
    );
    assert!(error.explanation.contains("only once"));
}

#[test]
fn key_invalid_422() {
    let body = json!({
        "message": "Validation Failed",
        "errors": [{"resource": "PublicKey", "code": "custom", "field": "key",
                    "message": "key is invalid. You must supply a key in OpenSSH public key format"}],
        "documentation_url": "https://docs.github.com/rest/users/keys#create-a-public-ssh-key-for-the-authenticated-user",
        "status": "422"
    });
    let error = error_for(
        Operation::CreateUserKey,
        HttpResponse::new(422, body.to_string()),
    );
    assert_eq!(error.kind, ErrorKind::Invalid);
    assert!(error.explanation.contains("could not read this public key"));
    // Any other validation error lists its fields.
    let other = json!({"message": "Validation Failed", "documentation_url": "https://docs.github.com/rest",
                       "errors": [{"resource": "PublicKey", "code": "missing_field", "field": "title"}]});
    let error = error_for(
        Operation::CreateDeployKey,
        HttpResponse::new(422, other.to_string()),
    );
    assert!(
        error.explanation.contains("title is required"),
        "{}",
        error.explanation
    );
}

#[test]
fn primary_rate_limit_403() {
    let response = HttpResponse::new(403, basic("API rate limit exceeded for user ID 1.", 403))
        .with_header("x-ratelimit-limit", "5000")
        .with_header("x-ratelimit-remaining", "0")
        .with_header("x-ratelimit-used", "5000")
        .with_header("x-ratelimit-reset", "1714572300")
        .with_header("x-ratelimit-resource", "core");
    let error = error_for(Operation::ListDeployKeys, response);
    assert_eq!(error.kind, ErrorKind::RateLimited);
    assert_eq!(error.retry_at, Some(1_714_572_300));
    assert_eq!(error.retry_after, None);
    assert!(
        error.explanation.contains("2024-05-01 14:05:00 UTC"),
        "{}",
        error.explanation
    );
}

#[test]
fn secondary_rate_limit_403_and_429() {
    let message =
        "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.";
    let response = HttpResponse::new(403, basic(message, 403)).with_header("Retry-After", "60");
    let error = error_for(Operation::CreateUserKey, response);
    assert_eq!(error.kind, ErrorKind::RateLimited);
    assert_eq!(error.retry_after, Some(60));
    assert!(error.explanation.contains("secondary rate limit"));
    assert!(error.explanation.contains("60 seconds"));
    // Recognised by its words alone too.
    let error = error_for(
        Operation::CreateUserKey,
        HttpResponse::new(403, basic(message, 403)),
    );
    assert_eq!(error.kind, ErrorKind::RateLimited);
    let error = parse_error(
        &HttpResponse::new(429, "").with_header("retry-after", "5"),
        Operation::ListUserKeys,
    );
    assert_eq!(
        (error.kind, error.retry_after),
        (ErrorKind::RateLimited, Some(5))
    );
}

#[test]
fn empty_and_html_bodies() {
    let error = parse_error(&HttpResponse::new(401, ""), Operation::CheckToken);
    assert_eq!(error.kind, ErrorKind::BadToken);
    assert_eq!(error.provider_message, None);
    let html = "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>";
    let error = parse_error(&HttpResponse::new(502, html), Operation::ListUserKeys);
    assert_eq!(error.kind, ErrorKind::ServerError);
    assert_eq!(error.provider_message, None);
    assert!(error.field_errors.is_empty());
    let error = parse_error(
        &HttpResponse::new(503, "{\"message\": 5}"),
        Operation::ListUserKeys,
    );
    assert_eq!(
        (error.kind, error.provider_message),
        (ErrorKind::ServerError, None)
    );
    // A success status handed to a parser for another shape is not a panic.
    let error = parse_key_list(&HttpResponse::new(201, "[]"), Operation::ListUserKeys).unwrap_err();
    assert_eq!(error.kind, ErrorKind::Unexpected);
}

#[test]
fn errors_reach_the_parsers() {
    let response = HttpResponse::new(401, basic("Bad credentials", 401));
    assert_eq!(
        parse_token_check(&response).unwrap_err().kind,
        ErrorKind::BadToken
    );
    assert_eq!(
        parse_key_list(&response, Operation::ListUserKeys)
            .unwrap_err()
            .kind,
        ErrorKind::BadToken
    );
    assert_eq!(
        parse_key(&response, Operation::GetUserKey)
            .unwrap_err()
            .kind,
        ErrorKind::BadToken
    );
    assert_eq!(
        parse_deleted(&response, Operation::DeleteUserKey)
            .unwrap_err()
            .kind,
        ErrorKind::BadToken
    );
    assert_eq!(Method::Get, Operation::CheckToken.method());
}
