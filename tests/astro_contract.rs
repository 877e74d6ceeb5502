//! Astro Deployment API tokens: requests and answers checked against the
//! documented shapes in providers.md §3 (from the Astro Platform API v1
//! docs and Astronomer's generated client, astro-cli `astro-client-v1`:
//! CreateApiTokenRequest, ApiToken, ApiTokensPaginated, Error).

use keyward::providers::astro::{self, Astro, NewDeploymentToken, DEPLOYMENT_ADMIN};
use keyward::providers::{ErrorKind, HttpRequest, HttpResponse, Method};
use serde_json::{json, Value};

const TOKEN: &str = "eyJhbGciOiJSUzI1NiJ9.session.signature";
const ORG: &str = "clmh57jtm000008lb58fe2wmv";
const DEPLOYMENT: &str = "clmh59gt0000308lbgswe5fvh";
const TOKEN_ID: &str = "clmh5bxyz000108lb0n1b2c3d";
/// The one-time value in the create and rotate answers below.
const SECRET: &str = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImRlcGxveW1lbnQifQ.one-time-value.sig";

fn astro() -> Astro {
    Astro::astronomer()
}

fn body(request: &HttpRequest) -> Value {
    serde_json::from_str(request.body.as_deref().expect("a body")).expect("JSON body")
}

fn new_token(expiry_days: Option<u32>) -> NewDeploymentToken<'static> {
    NewDeploymentToken {
        deployment_id: DEPLOYMENT,
        name: "CI deploys",
        description: "Used by the CI pipeline",
        role: DEPLOYMENT_ADMIN,
        expiry_days,
    }
}

/// An `ApiToken` (providers.md §3) with every documented field; `token`
/// only where the answer carries the one-time value.
fn api_token(with_value: bool) -> String {
    let mut token = json!({
        "id": TOKEN_ID,
        "name": "CI deploys",
        "description": "Used by the CI pipeline",
        "shortToken": "eyJ...sig",
        "scope": "DEPLOYMENT",
        "kind": "STANDARD",
        "startAt": "2026-03-01T10:00:00Z",
        "createdAt": "2026-03-01T10:00:00Z",
        "updatedAt": "2026-03-01T10:00:00Z",
        "endAt": "2026-05-30T10:00:00Z",
        "expiryPeriodInDays": 90,
        "lastUsedAt": "2026-03-02T08:30:00Z",
        "roles": [
            {"role": "DEPLOYMENT_ADMIN", "entityId": DEPLOYMENT, "entityType": "DEPLOYMENT"}
        ],
        "createdBy": {"id": "clmh50000", "subjectType": "USER", "username": "ada@example.com", "fullName": "Ada Lovelace"},
        "updatedBy": {"id": "clmh50000", "subjectType": "USER", "username": "ada@example.com"}
    });
    if with_value {
        token["token"] = SECRET.into();
    }
    token.to_string()
}

// ---- requests ----------------------------------------------------------

#[test]
fn list_asks_for_one_deployment_with_offset_and_limit() {
    let request = astro().list_tokens(TOKEN, ORG, DEPLOYMENT, 20, 10).unwrap();
    assert_eq!(request.method, Method::Get);
    assert_eq!(
        request.url,
        format!("https://api.astronomer.io/v1/organizations/{ORG}/tokens?deploymentId={DEPLOYMENT}&offset=20&limit=10")
    );
    assert_eq!(
        request.header_value("Authorization"),
        Some(format!("Bearer {TOKEN}").as_str())
    );
    assert_eq!(request.body, None);
}

#[test]
fn create_sends_a_deployment_scoped_body() {
    let request = astro()
        .create_deployment_token(TOKEN, ORG, &new_token(Some(90)))
        .unwrap();
    assert_eq!(request.method, Method::Post);
    assert_eq!(
        request.url,
        format!("https://api.astronomer.io/v1/organizations/{ORG}/tokens")
    );
    assert_eq!(
        request.header_value("Content-Type"),
        Some("application/json")
    );
    assert_eq!(
        body(&request),
        json!({
            "name": "CI deploys",
            "description": "Used by the CI pipeline",
            "role": "DEPLOYMENT_ADMIN",
            "scope": "DEPLOYMENT",
            "entityId": DEPLOYMENT,
            "tokenExpiryPeriodInDays": 90
        })
    );
}

#[test]
fn a_token_without_a_lifetime_leaves_the_field_out() {
    let request = astro()
        .create_deployment_token(TOKEN, ORG, &new_token(None))
        .unwrap();
    let sent = body(&request);
    assert!(sent.get("tokenExpiryPeriodInDays").is_none(), "{sent}");
    assert!(
        sent.get("expiryPeriodInDays").is_none(),
        "the response name is not sent"
    );
}

#[test]
fn lifetimes_outside_one_to_365_days_are_refused_before_sending() {
    for days in [1, 365] {
        assert!(astro()
            .create_deployment_token(TOKEN, ORG, &new_token(Some(days)))
            .is_ok());
    }
    for days in [0, 366, 3650] {
        let error = astro()
            .create_deployment_token(TOKEN, ORG, &new_token(Some(days)))
            .unwrap_err();
        assert_eq!(error.kind, ErrorKind::Invalid);
        assert_eq!(error.status, 0);
        assert_eq!(error.field_errors[0].0, "tokenExpiryPeriodInDays");
    }
}

#[test]
fn missing_names_roles_and_ids_are_refused() {
    let mut missing_name = new_token(None);
    missing_name.name = " ";
    assert!(astro()
        .create_deployment_token(TOKEN, ORG, &missing_name)
        .is_err());
    let mut missing_role = new_token(None);
    missing_role.role = "";
    assert!(astro()
        .create_deployment_token(TOKEN, ORG, &missing_role)
        .is_err());
    let mut missing_deployment = new_token(None);
    missing_deployment.deployment_id = "";
    assert!(astro()
        .create_deployment_token(TOKEN, ORG, &missing_deployment)
        .is_err());
    assert!(astro().update_token(TOKEN, ORG, TOKEN_ID, "", "d").is_err());
}

#[test]
fn update_is_a_post_with_name_and_description() {
    let request = astro()
        .update_token(TOKEN, ORG, TOKEN_ID, "Renamed", "New words")
        .unwrap();
    assert_eq!(request.method, Method::Post);
    assert_eq!(
        request.url,
        format!("https://api.astronomer.io/v1/organizations/{ORG}/tokens/{TOKEN_ID}")
    );
    assert_eq!(
        body(&request),
        json!({"name": "Renamed", "description": "New words"})
    );
}

#[test]
fn get_rotate_and_delete_requests() {
    let base = format!("https://api.astronomer.io/v1/organizations/{ORG}/tokens/{TOKEN_ID}");
    let request = astro().get_token(TOKEN, ORG, TOKEN_ID).unwrap();
    assert_eq!(
        (request.method, request.url.as_str()),
        (Method::Get, base.as_str())
    );

    let request = astro().rotate_token(TOKEN, ORG, TOKEN_ID).unwrap();
    assert_eq!(request.method, Method::Post);
    assert_eq!(request.url, format!("{base}/rotate"));
    assert_eq!(request.body, None);

    let request = astro().delete_token(TOKEN, ORG, TOKEN_ID).unwrap();
    assert_eq!(
        (request.method, request.url.as_str()),
        (Method::Delete, base.as_str())
    );
}

#[test]
fn names_and_ids_cannot_change_the_path() {
    let base = "https://api.astronomer.io/v1/organizations";
    let request = astro().get_token(TOKEN, "org/../x", "a b?c").unwrap();
    assert_eq!(request.url, format!("{base}/org%2F..%2Fx/tokens/a%20b%3Fc"));
    let request = astro()
        .list_tokens(TOKEN, ORG, "d&limit=1000", 0, 10)
        .unwrap();
    assert!(
        request
            .url
            .ends_with("deploymentId=d%26limit%3D1000&offset=0&limit=10"),
        "{}",
        request.url
    );

    for bad in ["..", ".", ""] {
        assert_eq!(
            astro().get_token(TOKEN, bad, TOKEN_ID).unwrap_err().status,
            0
        );
        assert!(astro().rotate_token(TOKEN, ORG, bad).is_err());
        assert!(astro().delete_token(TOKEN, ORG, bad).is_err());
    }

    let mut odd = new_token(None);
    odd.name = "../../tokens x/y";
    let request = astro().create_deployment_token(TOKEN, ORG, &odd).unwrap();
    assert_eq!(request.url, format!("{base}/{ORG}/tokens"));
    assert_eq!(body(&request)["name"], "../../tokens x/y");
}

// ---- answers -----------------------------------------------------------

#[test]
fn api_tokens_paginated_gives_records_a_total_and_the_next_offset() {
    // ApiTokensPaginated: {tokens:[ApiToken], totalCount, offset, limit}.
    let body = format!(
        r#"{{"tokens":[{}],"totalCount":3,"offset":0,"limit":1}}"#,
        api_token(false)
    );
    let page = astro::parse_token_page(&HttpResponse::new(200, body)).unwrap();
    assert_eq!(page.total_count, 3);
    assert_eq!((page.offset, page.limit), (0, 1));
    assert_eq!(page.next_offset, Some(1));

    let record = &page.tokens[0];
    assert_eq!(record.id, TOKEN_ID);
    assert_eq!(record.title, "CI deploys");
    assert_eq!(
        record.description.as_deref(),
        Some("Used by the CI pipeline")
    );
    assert_eq!(record.short_token.as_deref(), Some("eyJ...sig"));
    assert_eq!(record.created_at.as_deref(), Some("2026-03-01T10:00:00Z"));
    assert_eq!(record.last_used_at.as_deref(), Some("2026-03-02T08:30:00Z"));
    assert_eq!(record.expires_at.as_deref(), Some("2026-05-30T10:00:00Z"));
    assert_eq!(record.roles, vec!["DEPLOYMENT_ADMIN".to_string()]);
    assert_eq!(record.added_by.as_deref(), Some("Ada Lovelace"));

    let last = format!(
        r#"{{"tokens":[{}],"totalCount":3,"offset":2,"limit":1}}"#,
        api_token(false)
    );
    assert_eq!(
        astro::parse_token_page(&HttpResponse::new(200, last))
            .unwrap()
            .next_offset,
        None
    );
    let empty = r#"{"tokens":[],"totalCount":0,"offset":0,"limit":20}"#;
    let page = astro::parse_token_page(&HttpResponse::new(200, empty)).unwrap();
    assert!(page.tokens.is_empty());
    assert_eq!(page.next_offset, None);
}

#[test]
fn create_and_rotate_put_the_value_only_in_the_one_time_secret() {
    let created = astro::parse_created(&HttpResponse::new(200, api_token(true))).unwrap();
    let secret = created.secret.as_ref().expect("the one-time value");
    assert_eq!(secret.expose(), SECRET);
    assert_eq!(created.record.short_token.as_deref(), Some("eyJ...sig"));

    let shown = format!("{created:?}");
    assert!(!shown.contains(SECRET), "{shown}");
    assert!(!shown.contains("one-time-value"), "{shown}");
    assert!(shown.contains("[redacted]"));
    let record = format!("{:?}", created.record);
    assert!(!record.contains("one-time-value"), "{record}");
    assert_eq!(format!("{secret}"), "[redacted]");
}

#[test]
fn a_created_answer_without_its_value_is_an_error() {
    let error = astro::parse_created(&HttpResponse::new(200, api_token(false))).unwrap_err();
    assert_eq!(error.kind, ErrorKind::Unexpected);
    assert!(error.explanation.contains("only once"));
}

#[test]
fn reads_never_carry_a_value_into_the_record() {
    // Even if a read carried one, the record has no place for it.
    let record = astro::parse_token(&HttpResponse::new(200, api_token(true))).unwrap();
    assert!(!format!("{record:?}").contains("one-time-value"));
    assert_eq!(astro::parse_deleted(&HttpResponse::new(204, "")), Ok(()));
}

#[test]
fn odd_bodies_are_errors_not_panics() {
    for body in ["", "[]", "null", r#"{"tokens":null}"#, r#"{"tokens":"x"}"#] {
        let error = astro::parse_token_page(&HttpResponse::new(200, body)).unwrap_err();
        assert_eq!(error.kind, ErrorKind::Unexpected, "{body}");
    }
    let odd =
        r#"{"tokens":[{"name":"no id"},{"id":"t1","roles":"x","createdBy":7}],"totalCount":"2"}"#;
    let page = astro::parse_token_page(&HttpResponse::new(200, odd)).unwrap();
    assert_eq!(page.tokens.len(), 1);
    assert_eq!(page.total_count, 2);
    assert!(astro::parse_created(&HttpResponse::new(200, r#"{"token":5}"#)).is_err());
}

// ---- errors ------------------------------------------------------------

#[test]
fn the_error_shape_with_field_errors() {
    // Error: {message, requestId, statusCode, fieldErrors?:[{code, field, message}]}
    let body = r#"{"message":"Invalid request","requestId":"2f1c0d9e-77aa","statusCode":400,"fieldErrors":[{"code":"max","field":"tokenExpiryPeriodInDays","message":"must be at most 365"},{"code":"required","field":"name"}]}"#;
    let error = astro::parse_error(&HttpResponse::new(400, body));
    assert_eq!(error.kind, ErrorKind::Invalid);
    assert_eq!(
        error.provider_message.as_deref(),
        Some("Invalid request (request ID 2f1c0d9e-77aa)")
    );
    assert_eq!(
        error.field_errors,
        vec![
            (
                "tokenExpiryPeriodInDays".to_string(),
                "must be at most 365".to_string()
            ),
            ("name".to_string(), "required".to_string()),
        ]
    );
}

#[test]
fn astro_specific_explanations() {
    let forbidden = r#"{"message":"forbidden","requestId":"r1","statusCode":403}"#;
    let error = astro::parse_error(&HttpResponse::new(403, forbidden));
    assert_eq!(error.kind, ErrorKind::Forbidden);
    assert!(error
        .explanation
        .contains("Workspace or Organization owner or admin"));

    let missing = r#"{"message":"deployment not found","requestId":"r2","statusCode":404}"#;
    let error = astro::parse_error(&HttpResponse::new(404, missing));
    assert_eq!(error.kind, ErrorKind::NotFound);
    assert!(error.explanation.contains("Deployment"));
    assert!(astro::parse_token(&HttpResponse::new(404, missing)).is_err());

    let error = astro::parse_error(&HttpResponse::new(401, ""));
    assert_eq!(error.kind, ErrorKind::BadToken);
    assert!(error.explanation.contains("rotated"));

    let error = astro::parse_error(&HttpResponse::new(500, "<html>oops</html>"));
    assert_eq!(error.kind, ErrorKind::ServerError);
    assert_eq!(error.provider_message, None);
}
