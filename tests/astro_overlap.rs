//! Astro rotation with overlap, end to end against the sandbox's rules:
//! the replacement is made from the old token's own record (scope, entity,
//! role, description, expiry period), both values work until the old token
//! is deleted, then only the new one does.

use keyward::providers::astro::{parse_created, parse_template, rotated_name, Astro};
use keyward::providers::http::{HttpRequest, HttpResponse, Method};
use keyward::providers::sandbox::{self, SandboxState};
use keyward::providers::OneTimeSecret;
use serde_json::{json, Value};

const TOKEN: &str = "test-token";
const NOW: u64 = 1_790_000_000;
const API: &str = "http://emulator.test/astro/v1";
const ORG: &str = "org-sandbox";

fn send(state: &mut SandboxState, request: &HttpRequest) -> HttpResponse {
    sandbox::handle(state, request, NOW)
}

/// A GET of a token with `value` as the bearer: 200 while it works.
fn works(state: &mut SandboxState, value: &OneTimeSecret, id: &str) -> bool {
    let request = Astro::new(API).get_token(value.expose(), ORG, id).unwrap();
    send(state, &request).status == 200
}

fn create_old(state: &mut SandboxState, expiry: Option<u32>) -> (String, OneTimeSecret) {
    let mut body = json!({"name": "ci", "description": "Deploys", "role": "DEPLOYMENT_ADMIN",
                          "scope": "DEPLOYMENT", "entityId": "dep-sandbox"});
    if let Some(days) = expiry {
        body["tokenExpiryPeriodInDays"] = days.into();
    }
    let request = HttpRequest::new(Method::Post, format!("{API}/organizations/{ORG}/tokens"))
        .bearer(TOKEN)
        .json_body("application/json", &body);
    let created = parse_created(&send(state, &request)).expect("created");
    (created.record.id, created.secret.expect("a value"))
}

#[test]
fn the_replacement_is_like_the_old_token_and_both_work_until_the_old_is_deleted() {
    let mut state = SandboxState::seeded(TOKEN, 7);
    let astro = Astro::new(API);
    let (old_id, old_value) = create_old(&mut state, Some(30));

    let read = send(&mut state, &astro.get_token(TOKEN, ORG, &old_id).unwrap());
    let template = parse_template(&read).expect("a template");
    assert_eq!(template.expiry_days, Some(30));
    let name = rotated_name(&template.name, "2026-09-21");
    let request = astro.create_like(TOKEN, ORG, &template, &name).unwrap();
    let created = parse_created(&send(&mut state, &request)).expect("created");
    let (new_id, new_value) = (created.record.id.clone(), created.secret.expect("a value"));
    assert_eq!(created.record.title, "ci (rotated 2026-09-21)");
    assert_eq!(created.record.description.as_deref(), Some("Deploys"));

    let new: Value = serde_json::from_str(
        &send(&mut state, &astro.get_token(TOKEN, ORG, &new_id).unwrap()).body,
    )
    .unwrap();
    let old: Value = serde_json::from_str(&read.body).unwrap();
    for field in [
        "scope",
        "roles",
        "expiryPeriodInDays",
        "kind",
        "description",
    ] {
        assert_eq!(new[field], old[field], "{field} is copied");
    }
    assert!(
        works(&mut state, &old_value, &old_id),
        "the old value still works"
    );
    assert!(works(&mut state, &new_value, &new_id));

    let deleted = send(
        &mut state,
        &astro.delete_token(TOKEN, ORG, &old_id).unwrap(),
    );
    assert_eq!(deleted.status, 204);
    assert!(
        !works(&mut state, &old_value, &new_id),
        "the old value is refused"
    );
    assert!(
        works(&mut state, &new_value, &new_id),
        "the new value works"
    );
}

#[test]
fn a_token_that_never_expires_is_replaced_by_one_that_never_expires() {
    let mut state = SandboxState::seeded(TOKEN, 7);
    let astro = Astro::new(API);
    let (old_id, _) = create_old(&mut state, None);
    let read = send(&mut state, &astro.get_token(TOKEN, ORG, &old_id).unwrap());
    let template = parse_template(&read).expect("a template");
    assert_eq!(template.expiry_days, None);
    let request = astro.create_like(TOKEN, ORG, &template, "ci 2").unwrap();
    let created = send(&mut state, &request);
    assert_eq!(created.status, 200, "{}", created.body);
    let created: Value = serde_json::from_str(&created.body).unwrap();
    assert!(created.get("endAt").is_none() && created.get("expiryPeriodInDays").is_none());
}
