//! HCP Terraform / Terraform Enterprise SSH keys: requests and answers
//! checked against the documented shapes in providers.md §2 (from the HCP
//! Terraform and TFE API docs: ssh-keys, account, pagination, errors).

use keyward::keys;
use keyward::providers::tfe::{
    self, check_private_key_for_tfe, PageRequest, Tfe, TokenOwner, JSON_API,
};
use keyward::providers::{ErrorKind, HttpRequest, HttpResponse, Method};
use serde_json::{json, Value};

const TOKEN: &str = "tfe-user-token.atlasv1.secret";
const RSA_PEM: &str = include_str!("corpus/keys/test-only-rsa-pkcs1.key");
const OPENSSH_ED25519: &str = include_str!("corpus/keys/test-only-ed25519");
const OPENSSH_ED25519_PUB: &str = include_str!("corpus/keys/test-only-ed25519.pub");
const ENCRYPTED_ED25519: &str = include_str!("corpus/keys/test-only-ed25519-encrypted");
const PKCS8_ED25519: &str = include_str!("corpus/keys/test-only-openssl-ed25519.key");
const PUTTY: &str = include_str!("corpus/keys/test-only-putty.ppk");
const GPG_PRIVATE: &str = include_str!("corpus/keys/test-only-gpg-private.asc");

fn tfe() -> Tfe {
    Tfe::hcp_terraform()
}

fn body(request: &HttpRequest) -> Value {
    serde_json::from_str(request.body.as_deref().expect("a body")).expect("JSON body")
}

fn assert_authorised(request: &HttpRequest) {
    assert_eq!(
        request.header_value("Authorization"),
        Some(format!("Bearer {TOKEN}").as_str())
    );
    assert_eq!(request.header_value("Accept"), Some(JSON_API));
}

// ---- requests ----------------------------------------------------------

#[test]
fn list_without_page_parameters_asks_for_every_key() {
    let request = tfe().list_ssh_keys(TOKEN, "my-organization").unwrap();
    assert_eq!(request.method, Method::Get);
    assert_eq!(
        request.url,
        "https://app.terraform.io/api/v2/organizations/my-organization/ssh-keys"
    );
    assert_authorised(&request);
    assert_eq!(request.body, None);
    assert_eq!(request.header_value("Content-Type"), None);
}

#[test]
fn list_pages_encode_their_brackets_and_respect_the_maximum() {
    let page = PageRequest {
        number: 2,
        size: 50,
    };
    let request = tfe()
        .list_ssh_keys_page(TOKEN, "my-organization", page)
        .unwrap();
    assert_eq!(
        request.url,
        "https://app.terraform.io/api/v2/organizations/my-organization/ssh-keys?page%5Bnumber%5D=2&page%5Bsize%5D=50"
    );
    assert!(!request.url.contains('['));

    let clamped = PageRequest {
        number: 0,
        size: 500,
    };
    let request = tfe().list_ssh_keys_page(TOKEN, "o", clamped).unwrap();
    assert!(
        request
            .url
            .ends_with("?page%5Bnumber%5D=1&page%5Bsize%5D=100"),
        "{}",
        request.url
    );
}

#[test]
fn a_tfe_host_keeps_its_own_api_root() {
    let request = Tfe::new("https://tfe.example.com/api/v2/")
        .get_ssh_key(TOKEN, "sshkey-GxrePWre1Ezug7aM")
        .unwrap();
    assert_eq!(
        request.url,
        "https://tfe.example.com/api/v2/ssh-keys/sshkey-GxrePWre1Ezug7aM"
    );
}

#[test]
fn create_sends_the_documented_json_api_body() {
    let request = tfe()
        .create_ssh_key(TOKEN, "my-organization", "SSH Key", RSA_PEM)
        .unwrap();
    assert_eq!(request.method, Method::Post);
    assert_eq!(
        request.url,
        "https://app.terraform.io/api/v2/organizations/my-organization/ssh-keys"
    );
    assert_eq!(
        request.header_value("Content-Type"),
        Some("application/vnd.api+json")
    );
    assert_authorised(&request);
    // providers.md §2: {"data":{"type":"ssh-keys","attributes":{"name":"…","value":"-----BEGIN RSA PRIVATE KEY-----\n…"}}}
    let sent = body(&request);
    assert_eq!(sent["data"]["type"], "ssh-keys");
    assert_eq!(sent["data"]["attributes"]["name"], "SSH Key");
    let value = sent["data"]["attributes"]["value"].as_str().unwrap();
    assert!(value.starts_with("-----BEGIN RSA PRIVATE KEY-----\n"));
    assert!(value.ends_with("-----END RSA PRIVATE KEY-----\n"));
    assert_eq!(value, RSA_PEM.trim().to_string() + "\n");
    // Newlines travel as \n escapes inside the JSON string.
    assert!(request.body.as_deref().unwrap().contains("-----\\nMII"));
    assert_eq!(sent["data"].as_object().unwrap().len(), 2);
}

#[test]
fn create_sends_windows_line_endings_as_plain_newlines() {
    let crlf = RSA_PEM.replace('\n', "\r\n");
    let request = tfe().create_ssh_key(TOKEN, "o", "k", &crlf).unwrap();
    let sent = body(&request);
    let value = sent["data"]["attributes"]["value"].as_str().unwrap();
    assert!(!value.contains('\r'));
    assert_eq!(value, RSA_PEM.trim().to_string() + "\n");
}

#[test]
fn debug_output_never_shows_the_private_key_or_token() {
    let request = tfe().create_ssh_key(TOKEN, "o", "k", RSA_PEM).unwrap();
    let shown = format!("{request:?}");
    assert!(!shown.contains("MIIE"), "{shown}");
    assert!(!shown.contains(TOKEN), "{shown}");
}

#[test]
fn rename_sends_only_the_name() {
    let request = tfe()
        .update_ssh_key_name(TOKEN, "sshkey-GxrePWre1Ezug7aM", "New name")
        .unwrap();
    assert_eq!(request.method, Method::Patch);
    assert_eq!(
        request.url,
        "https://app.terraform.io/api/v2/ssh-keys/sshkey-GxrePWre1Ezug7aM"
    );
    assert_eq!(request.header_value("Content-Type"), Some(JSON_API));
    assert_eq!(
        body(&request),
        json!({"data":{"type":"ssh-keys","attributes":{"name":"New name"}}})
    );
}

#[test]
fn value_update_sends_name_and_value() {
    let request = tfe()
        .update_ssh_key_value(TOKEN, "sshkey-1", "Key", RSA_PEM)
        .unwrap();
    assert_eq!(request.method, Method::Patch);
    let sent = body(&request);
    assert_eq!(sent["data"]["attributes"]["name"], "Key");
    assert!(sent["data"]["attributes"]["value"]
        .as_str()
        .unwrap()
        .starts_with("-----BEGIN RSA PRIVATE KEY-----"));
}

#[test]
fn delete_and_account_requests() {
    let request = tfe().delete_ssh_key(TOKEN, "sshkey-1").unwrap();
    assert_eq!(request.method, Method::Delete);
    assert_eq!(
        request.url,
        "https://app.terraform.io/api/v2/ssh-keys/sshkey-1"
    );
    assert_eq!(request.body, None);

    let request = tfe().check_token(TOKEN);
    assert_eq!(request.method, Method::Get);
    assert_eq!(
        request.url,
        "https://app.terraform.io/api/v2/account/details"
    );
    assert_authorised(&request);
}

#[test]
fn names_and_ids_cannot_change_the_path() {
    let base = "https://app.terraform.io/api/v2/";
    let request = tfe().list_ssh_keys(TOKEN, "evil/../admin").unwrap();
    assert_eq!(
        request.url,
        format!("{base}organizations/evil%2F..%2Fadmin/ssh-keys")
    );
    let request = tfe().list_ssh_keys(TOKEN, "my org?x=1#y").unwrap();
    assert_eq!(
        request.url,
        format!("{base}organizations/my%20org%3Fx%3D1%23y/ssh-keys")
    );
    let request = tfe().get_ssh_key(TOKEN, "../../account/details").unwrap();
    assert_eq!(
        request.url,
        format!("{base}ssh-keys/..%2F..%2Faccount%2Fdetails")
    );

    for bad in ["..", ".", "", "  "] {
        let error = tfe().list_ssh_keys(TOKEN, bad).unwrap_err();
        assert_eq!(error.kind, ErrorKind::Invalid);
        assert_eq!(error.status, 0, "nothing was sent");
        assert!(tfe().delete_ssh_key(TOKEN, bad).is_err());
    }

    // A key name is body data: slashes, spaces and dots stay in the body.
    let request = tfe()
        .create_ssh_key(TOKEN, "o", "../../ssh-keys/x y", RSA_PEM)
        .unwrap();
    assert_eq!(request.url, format!("{base}organizations/o/ssh-keys"));
    assert_eq!(
        body(&request)["data"]["attributes"]["name"],
        "../../ssh-keys/x y"
    );
}

#[test]
fn an_empty_name_is_refused_before_sending() {
    let error = tfe().create_ssh_key(TOKEN, "o", "  ", RSA_PEM).unwrap_err();
    assert_eq!(error.kind, ErrorKind::Invalid);
    assert_eq!(error.field_errors[0].0, "name");
    assert!(tfe().update_ssh_key_name(TOKEN, "sshkey-1", "").is_err());
}

// ---- answers -----------------------------------------------------------

/// providers.md §2, response object from the HCP Terraform ssh-keys docs.
const SSH_KEY: &str = r#"{"id":"sshkey-GxrePWre1Ezug7aM","type":"ssh-keys","attributes":{"name":"SSH Key"},"links":{"self":"/api/v2/ssh-keys/sshkey-GxrePWre1Ezug7aM"}}"#;

#[test]
fn an_unpaginated_list_holds_every_key() {
    let body = format!(
        r#"{{"data":[{SSH_KEY},{{"id":"sshkey-2","type":"ssh-keys","attributes":{{"name":"Other"}}}}]}}"#
    );
    let list = tfe::parse_ssh_key_list(&HttpResponse::new(200, body)).unwrap();
    assert_eq!(list.keys.len(), 2);
    assert_eq!(list.keys[0].id, "sshkey-GxrePWre1Ezug7aM");
    assert_eq!(list.keys[0].title, "SSH Key");
    assert_eq!(
        list.keys[0].url.as_deref(),
        Some("/api/v2/ssh-keys/sshkey-GxrePWre1Ezug7aM")
    );
    assert_eq!(list.keys[0].public_key, None, "TFE never returns key text");
    assert_eq!(list.keys[1].url, None);
    assert_eq!(list.pagination, None);
    assert_eq!(list.next_page(), None);
}

#[test]
fn a_paginated_list_reads_meta_and_links() {
    // providers.md §2 "Pagination": links {self,first,prev,next,last} and
    // meta.pagination {current-page, prev-page, next-page, total-pages, total-count}.
    let body = format!(
        r#"{{"data":[{SSH_KEY}],
        "links":{{"self":"https://app.terraform.io/api/v2/organizations/o/ssh-keys?page%5Bnumber%5D=1&page%5Bsize%5D=1",
                 "first":"https://app.terraform.io/api/v2/organizations/o/ssh-keys?page%5Bnumber%5D=1&page%5Bsize%5D=1",
                 "prev":null,
                 "next":"https://app.terraform.io/api/v2/organizations/o/ssh-keys?page%5Bnumber%5D=2&page%5Bsize%5D=1",
                 "last":"https://app.terraform.io/api/v2/organizations/o/ssh-keys?page%5Bnumber%5D=3&page%5Bsize%5D=1"}},
        "meta":{{"pagination":{{"current-page":1,"prev-page":null,"next-page":2,"total-pages":3,"total-count":3}}}}}}"#
    );
    let list = tfe::parse_ssh_key_list(&HttpResponse::new(200, body)).unwrap();
    let pagination = list.pagination.clone().unwrap();
    assert_eq!(pagination.current_page, Some(1));
    assert_eq!(pagination.prev_page, None);
    assert_eq!(pagination.next_page, Some(2));
    assert_eq!(pagination.total_pages, Some(3));
    assert_eq!(pagination.total_count, Some(3));
    assert_eq!(list.next_page(), Some(2));
    assert!(list
        .next_link
        .unwrap()
        .ends_with("page%5Bnumber%5D=2&page%5Bsize%5D=1"));

    // The last page: no next page.
    let last = r#"{"data":[],"links":{"next":null},"meta":{"pagination":{"current-page":"3","next-page":null,"total-pages":3,"total-count":3}}}"#;
    let list = tfe::parse_ssh_key_list(&HttpResponse::new(200, last)).unwrap();
    assert_eq!(list.next_page(), None);
    assert_eq!(list.pagination.unwrap().current_page, Some(3));
}

#[test]
fn one_key_create_and_delete_answers() {
    let body = format!(r#"{{"data":{SSH_KEY}}}"#);
    let record = tfe::parse_ssh_key(&HttpResponse::new(200, body.clone())).unwrap();
    assert_eq!(record.title, "SSH Key");

    let created = tfe::parse_created_ssh_key(&HttpResponse::new(201, body)).unwrap();
    assert_eq!(created.record.id, "sshkey-GxrePWre1Ezug7aM");
    assert!(
        created.secret.is_none(),
        "nothing is shown once: the key was the user's"
    );

    assert_eq!(tfe::parse_deleted(&HttpResponse::new(204, "")), Ok(()));
    let error = tfe::parse_deleted(&HttpResponse::new(404, "")).unwrap_err();
    assert_eq!(error.kind, ErrorKind::NotFound);
}

#[test]
fn odd_success_bodies_are_errors_not_panics() {
    for body in [
        "",
        "<html>",
        "null",
        "[]",
        r#"{"data":{}}"#,
        r#"{"data":{"id":7}}"#,
    ] {
        let error = tfe::parse_ssh_key(&HttpResponse::new(200, body)).unwrap_err();
        assert_eq!(error.kind, ErrorKind::Unexpected, "{body}");
    }
    assert!(tfe::parse_ssh_key_list(&HttpResponse::new(200, r#"{"data":null}"#)).is_err());
    // An item without an id is skipped, not fatal.
    let list =
        tfe::parse_ssh_key_list(&HttpResponse::new(200, r#"{"data":[{"type":"ssh-keys"}]}"#))
            .unwrap();
    assert!(list.keys.is_empty());
}

#[test]
fn account_details_tell_the_token_kind() {
    // Account API (HCP Terraform docs): team and organization tokens answer
    // with a synthetic service user; authenticated-resource names the owner.
    let user = r#"{"data":{"id":"user-V3R563qtJNcExAkN","type":"users","attributes":{"username":"admin","email":"admin@hashicorp.com","is-service-account":false},"relationships":{"authenticated-resource":{"data":{"id":"user-V3R563qtJNcExAkN","type":"users"}}}}}"#;
    let account = tfe::parse_account(&HttpResponse::new(200, user)).unwrap();
    assert_eq!(account.username, "admin");
    assert_eq!(account.email.as_deref(), Some("admin@hashicorp.com"));
    assert_eq!(account.owner, TokenOwner::User);
    assert_eq!(account.ssh_key_warning(), None);

    let org = r#"{"data":{"id":"user-x","type":"users","attributes":{"username":"api-org-my-organization-abc"},"relationships":{"authenticated-resource":{"data":{"id":"my-organization","type":"organizations"}}}}}"#;
    let account = tfe::parse_account(&HttpResponse::new(200, org)).unwrap();
    assert_eq!(account.owner, TokenOwner::Organization);
    assert!(account
        .ssh_key_warning()
        .unwrap()
        .contains("user token or a team token"));

    let team = r#"{"data":{"id":"user-y","attributes":{"username":"api-team_1"},"relationships":{"authenticated-resource":{"data":{"type":"teams"}}}}}"#;
    assert_eq!(
        tfe::parse_account(&HttpResponse::new(200, team))
            .unwrap()
            .owner,
        TokenOwner::Team
    );

    let error = tfe::parse_account(&HttpResponse::new(200, r#"{"data":{"id":"u"}}"#)).unwrap_err();
    assert_eq!(error.kind, ErrorKind::Unexpected);
}

// ---- errors ------------------------------------------------------------

#[test]
fn json_api_errors_with_a_string_status() {
    // providers.md §2: {"errors":[{"status":"404","title":"not found","detail":"…"}]}
    let body = r#"{"errors":[{"status":"404","title":"not found","detail":"The organization could not be found"}]}"#;
    let error = tfe::parse_error(&HttpResponse::new(404, body));
    assert_eq!(error.kind, ErrorKind::NotFound);
    assert_eq!(error.status, 404);
    assert_eq!(
        error.provider_message.as_deref(),
        Some("not found: The organization could not be found")
    );
    assert!(
        error.explanation.contains("manage VCS settings"),
        "{}",
        error.explanation
    );
    assert!(error
        .explanation
        .contains("organization tokens are refused"));
    assert!(error.field_errors.is_empty());
}

#[test]
fn json_api_errors_with_a_numeric_status() {
    // providers.md §2, the documented 429 body (status is the number 429).
    let body = r#"{"errors":[{"detail":"You have exceeded the API's rate limit.","status":429,"title":"Too many requests"}]}"#;
    let error = tfe::parse_error(&HttpResponse::new(429, body));
    assert_eq!(error.kind, ErrorKind::RateLimited);
    assert_eq!(
        error.provider_message.as_deref(),
        Some("Too many requests: You have exceeded the API's rate limit.")
    );
    assert!(error.explanation.contains("30 per second"));
    assert_eq!(error.retry_after, None, "TFE documents no Retry-After");

    let with_header = HttpResponse::new(429, body).with_header("Retry-After", "7");
    assert_eq!(tfe::parse_error(&with_header).retry_after, Some(7));
}

#[test]
fn a_malformed_key_points_at_the_value() {
    // providers.md §2: source.pointer appears mainly on 422.
    let body = r#"{"errors":[{"status":"422","title":"invalid attribute","detail":"Value is not a valid private key","source":{"pointer":"/data/attributes/value"}}]}"#;
    let error = tfe::parse_error(&HttpResponse::new(422, body));
    assert_eq!(error.kind, ErrorKind::Invalid);
    assert_eq!(
        error.field_errors,
        vec![(
            "value".to_string(),
            "Value is not a valid private key".to_string()
        )]
    );
    assert!(error.explanation.contains("PEM"));

    let name = r#"{"errors":[{"status":"422","title":"invalid attribute","detail":"Name has already been taken","source":{"pointer":"/data/attributes/name"}}]}"#;
    let error = tfe::parse_error(&HttpResponse::new(422, name));
    assert_eq!(error.field_errors[0].0, "name");
    assert!(error.explanation.contains("name"));
}

#[test]
fn bad_tokens_and_unreadable_error_bodies() {
    let error = tfe::parse_error(&HttpResponse::new(
        401,
        r#"{"errors":[{"status":"401","title":"unauthorized"}]}"#,
    ));
    assert_eq!(error.kind, ErrorKind::BadToken);
    assert_eq!(error.provider_message.as_deref(), Some("unauthorized"));

    for body in [
        "",
        "<html>Bad gateway</html>",
        r#"{"errors":"x"}"#,
        r#"{"errors":[1,null,{}]}"#,
    ] {
        let error = tfe::parse_error(&HttpResponse::new(502, body));
        assert_eq!(error.kind, ErrorKind::ServerError);
        assert_eq!(error.provider_message, None);
    }
}

#[test]
fn a_value_update_is_never_reported_as_confirmed() {
    let body = format!(r#"{{"data":{SSH_KEY}}}"#);
    let update = tfe::parse_value_update(&HttpResponse::new(200, body)).unwrap();
    assert_eq!(update.record.id, "sshkey-GxrePWre1Ezug7aM");
    assert!(update.advice.contains("cannot confirm"));
    assert!(update.advice.contains("add a new one"));

    // A release that refuses `value` answers with a JSON:API error.
    let refused = r#"{"errors":[{"status":"422","title":"invalid attribute","detail":"Value cannot be changed","source":{"pointer":"/data/attributes/value"}}]}"#;
    let error = tfe::parse_value_update(&HttpResponse::new(422, refused)).unwrap_err();
    assert_eq!(error.field_errors[0].0, "value");
    assert!(
        error.explanation.contains("add a new key"),
        "{}",
        error.explanation
    );
    let error = tfe::parse_value_update(&HttpResponse::new(
        400,
        r#"{"errors":[{"status":400,"title":"bad request"}]}"#,
    ))
    .unwrap_err();
    assert!(error.explanation.contains("add a new key"));
    let error = tfe::parse_value_update(&HttpResponse::new(404, "")).unwrap_err();
    assert!(!error.explanation.contains("add a new key"));
}

// ---- the key check -----------------------------------------------------

#[test]
fn a_pem_rsa_key_passes_cleanly() {
    let check = check_private_key_for_tfe(RSA_PEM).unwrap();
    assert_eq!(check.format, "PKCS#1 RSA private key");
    assert_eq!(check.algorithm.as_deref(), Some("ssh-rsa"));
    assert!(check.sha256.unwrap().starts_with("SHA256:"));
    assert_eq!(check.warning, None);

    let padded = format!("\n\n  {}\r\n\n", RSA_PEM.replace('\n', "\r\n"));
    assert!(check_private_key_for_tfe(&padded)
        .unwrap()
        .warning
        .is_none());
}

#[test]
fn an_openssh_key_passes_with_a_warning_and_its_fingerprint() {
    let check = check_private_key_for_tfe(OPENSSH_ED25519).unwrap();
    assert_eq!(check.format, "OpenSSH private key");
    let public = keys::inspect(OPENSSH_ED25519_PUB);
    let expected = public[0].key.as_ref().unwrap().sha256.clone();
    assert_eq!(check.sha256.as_deref(), Some(expected.as_str()));
    let warning = check.warning.unwrap();
    assert!(warning.contains("documents only PEM RSA"), "{warning}");
    assert!(
        warning.contains("ssh-keygen -t rsa -b 4096 -m PEM"),
        "{warning}"
    );
}

#[test]
fn a_pkcs8_key_passes_with_a_warning() {
    let check = check_private_key_for_tfe(PKCS8_ED25519).unwrap();
    assert_eq!(check.format, "PKCS#8 private key");
    assert!(check.warning.is_some());
}

#[test]
fn a_key_with_a_passphrase_is_refused_with_the_fix() {
    let error = check_private_key_for_tfe(ENCRYPTED_ED25519).unwrap_err();
    assert!(error.contains("passphrase"), "{error}");
    assert!(
        error.contains(r#"ssh-keygen -p -N "" -m PEM -f key"#),
        "{error}"
    );
}

#[test]
fn a_public_key_is_refused_and_sent_to_the_vcs() {
    let error = check_private_key_for_tfe(OPENSSH_ED25519_PUB).unwrap_err();
    assert!(error.contains("private half"), "{error}");
    assert!(error.contains("deploy key"), "{error}");
}

#[test]
fn formats_git_cannot_read_are_refused() {
    for paste in [PUTTY, GPG_PRIVATE] {
        let error = check_private_key_for_tfe(paste).unwrap_err();
        assert!(error.contains("cannot use"), "{error}");
    }
}

#[test]
fn one_key_and_nothing_else() {
    let two = format!("{RSA_PEM}\n{OPENSSH_ED25519}");
    assert!(check_private_key_for_tfe(&two)
        .unwrap_err()
        .contains("2 private keys"));

    let with_public = format!("{OPENSSH_ED25519_PUB}\n{RSA_PEM}");
    assert!(check_private_key_for_tfe(&with_public)
        .unwrap_err()
        .contains("Paste only the private key"));

    let error = check_private_key_for_tfe("").unwrap_err();
    assert!(error.contains("No private key found"), "{error}");
    let error = check_private_key_for_tfe("hello").unwrap_err();
    assert!(error.contains("No private key found"), "{error}");
}

#[test]
fn a_damaged_pem_rsa_key_is_refused() {
    // Half the lines lost in copying: the DER structure no longer parses.
    let lines: Vec<&str> = RSA_PEM.lines().collect();
    let damaged = format!("{}\n{}", lines[..10].join("\n"), lines[lines.len() - 1]);
    let error = check_private_key_for_tfe(&damaged).unwrap_err();
    assert!(error.contains("damaged"), "{error}");
}
