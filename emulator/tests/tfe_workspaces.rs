//! TFE workspaces and their `ssh-key` relationship over real HTTP: the
//! real TFE client against the real `keyward-emulator` binary, doing what a
//! key rotation does (list the workspaces using the old key, point each at
//! the new one) plus unassigning, and the 404 and 422 refusals.

mod support;

use std::time::Duration;

use keyward::providers::tfe::{self, PageRequest, Tfe, TfeWorkspace};
use keyward::providers::ErrorKind;
use support::{rsa_pem_private, send, Emulator, TOKEN};

const TIMEOUT: Duration = Duration::from_secs(10);
const ALL: PageRequest = PageRequest {
    number: 1,
    size: 100,
};

fn list(tfe: &Tfe, org: &str) -> Vec<TfeWorkspace> {
    let request = tfe.list_workspaces_page(TOKEN, org, ALL).expect("request");
    let response = send(&request, TIMEOUT).expect("an answer");
    tfe::parse_workspace_list(&response)
        .expect("the list")
        .workspaces
}

fn assign(tfe: &Tfe, workspace: &str, key: Option<&str>) -> keyward::providers::HttpResponse {
    let request = tfe.assign_ssh_key(TOKEN, workspace, key).expect("request");
    send(&request, TIMEOUT).expect("an answer")
}

#[test]
fn workspaces_are_listed_reassigned_unassigned_and_refused() {
    let emulator = Emulator::start(&[]);
    let tfe = Tfe::new(emulator.api("tfe/api/v2"));
    let old_key = tfe::parse_ssh_key_list(
        &send(&tfe.list_ssh_keys(TOKEN, "acme").expect("req"), TIMEOUT).expect("answer"),
    )
    .expect("keys")
    .keys[0]
        .id
        .clone();
    let dir = tempfile::tempdir().expect("a temporary directory");
    let pem = rsa_pem_private(dir.path(), "rotated", "");
    let created = send(
        &tfe.create_ssh_key(TOKEN, "acme", "rotated", &pem)
            .expect("req"),
        TIMEOUT,
    )
    .expect("answer");
    let new_key = tfe::parse_created_ssh_key(&created)
        .expect("created")
        .record
        .id;

    // The rotation: every workspace on the old key moves to the new one.
    let using_old: Vec<TfeWorkspace> = list(&tfe, "acme")
        .into_iter()
        .filter(|w| w.ssh_key_id.as_deref() == Some(old_key.as_str()))
        .collect();
    assert_eq!(using_old.len(), 2, "{using_old:?}");
    for workspace in &using_old {
        let moved =
            tfe::parse_workspace(&assign(&tfe, &workspace.id, Some(&new_key))).expect("reassigned");
        assert_eq!(moved.ssh_key_id.as_deref(), Some(new_key.as_str()));
    }
    let after = list(&tfe, "acme");
    assert!(
        after
            .iter()
            .all(|w| w.ssh_key_id.as_deref() != Some(old_key.as_str())),
        "{after:?}"
    );
    let path = format!(
        "PATCH /tfe/api/v2/workspaces/{}/relationships/ssh-key 200",
        using_old[0].id
    );
    assert_eq!(emulator.count(&path, 1), 1, "one PATCH per workspace");

    let unassigned =
        tfe::parse_workspace(&assign(&tfe, &using_old[0].id, None)).expect("unassigned");
    assert_eq!(unassigned.ssh_key_id, None);

    let missing = tfe::parse_workspace(&assign(&tfe, "ws-doesnotexist0000", Some(&new_key)))
        .expect_err("unknown workspace");
    assert_eq!((missing.status, missing.kind), (404, ErrorKind::NotFound));
    let foreign = tfe::parse_workspace(&assign(&tfe, &using_old[1].id, Some("sshkey-nope")))
        .expect_err("not a key of acme");
    assert_eq!((foreign.status, foreign.kind), (422, ErrorKind::Invalid));
    assert_eq!(foreign.field_errors[0].0, "id");
    let hidden = tfe
        .list_workspaces_page(TOKEN, "globex", ALL)
        .expect("request");
    assert_eq!(send(&hidden, TIMEOUT).expect("answer").status, 404);
}

#[test]
fn a_local_page_may_patch_the_relationship() {
    let emulator = Emulator::start(&[]);
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(TIMEOUT))
        .build()
        .into();
    let response = agent
        .options(format!(
            "{}/tfe/api/v2/workspaces/ws-x/relationships/ssh-key",
            emulator.base
        ))
        .header("Origin", "http://127.0.0.1:8080")
        .header("Access-Control-Request-Method", "PATCH")
        .header(
            "Access-Control-Request-Headers",
            "authorization, content-type",
        )
        .call()
        .expect("an answer");
    assert_eq!(response.status(), 204);
    let methods = response
        .headers()
        .get("access-control-allow-methods")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    assert!(methods.contains("PATCH"), "{methods}");
}
