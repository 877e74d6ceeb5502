//! The sandbox's TFE workspaces and their `ssh-key` relationship, through
//! the real TFE client (`keyward::providers::tfe`) against the pure
//! handler: the rules the browser's Sandbox and the emulator both run.

use keyward::providers::http::{HttpRequest, HttpResponse, Method};
use keyward::providers::sandbox::{self, SandboxState};
use keyward::providers::tfe::{
    parse_created_ssh_key, parse_workspace, parse_workspace_list, PageRequest, Tfe, TfeWorkspace,
    JSON_API,
};
use keyward::providers::ErrorKind;
use serde_json::{json, Value};

const TOKEN: &str = "test-token";
const NOW: u64 = 1_790_000_000;
const ORIGIN: &str = "http://emulator.test";
const RSA_PEM: &str = include_str!("corpus/keys/test-only-rsa-pkcs1.key");
const ALL: PageRequest = PageRequest {
    number: 1,
    size: 100,
};

fn world() -> SandboxState {
    SandboxState::seeded(TOKEN, 7)
}

fn tfe() -> Tfe {
    Tfe::new(format!("{ORIGIN}/tfe/api/v2"))
}

fn send(state: &mut SandboxState, request: &HttpRequest) -> HttpResponse {
    sandbox::handle(state, request, NOW)
}

fn json_of(response: &HttpResponse) -> Value {
    serde_json::from_str(&response.body)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", response.body))
}

fn workspaces(state: &mut SandboxState, org: &str) -> Vec<TfeWorkspace> {
    let request = tfe()
        .list_workspaces_page(TOKEN, org, ALL)
        .expect("request");
    parse_workspace_list(&send(state, &request))
        .expect("the client reads the list")
        .workspaces
}

fn by_name<'w>(list: &'w [TfeWorkspace], name: &str) -> &'w TfeWorkspace {
    list.iter()
        .find(|w| w.name == name)
        .unwrap_or_else(|| panic!("no workspace {name} in {list:?}"))
}

/// The id of acme's seeded SSH key `deploy-key`.
fn seeded_key(state: &SandboxState) -> String {
    state.tfe.organizations[0].ssh_keys[0].id.clone()
}

fn create_key(state: &mut SandboxState, org: &str, name: &str) -> String {
    let request = tfe()
        .create_ssh_key(TOKEN, org, name, RSA_PEM)
        .expect("request");
    parse_created_ssh_key(&send(state, &request))
        .expect("created")
        .record
        .id
}

fn patch(state: &mut SandboxState, workspace: &str, body: &str) -> HttpResponse {
    let mut request = tfe()
        .assign_ssh_key(TOKEN, workspace, None)
        .expect("request");
    request.body = Some(body.to_string());
    send(state, &request)
}

fn pointers(response: &HttpResponse) -> Vec<String> {
    assert_eq!(response.status, 422, "{}", response.body);
    json_of(response)["errors"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| e["source"]["pointer"].as_str().unwrap_or("").to_string())
        .collect()
}

#[test]
fn seeded_workspaces_use_the_seeded_key_or_none() {
    let mut state = world();
    let key = seeded_key(&state);
    let acme = workspaces(&mut state, "acme");
    let names: Vec<&str> = acme.iter().map(|w| w.name.as_str()).collect();
    assert_eq!(
        names,
        ["app-production", "networking", "scratch"],
        "by name"
    );
    assert_eq!(by_name(&acme, "networking").ssh_key_id, Some(key.clone()));
    assert_eq!(by_name(&acme, "app-production").ssh_key_id, Some(key));
    assert_eq!(by_name(&acme, "scratch").ssh_key_id, None);
    for workspace in &acme {
        assert!(
            workspace.id.starts_with("ws-") && workspace.id.len() == 19,
            "{}",
            workspace.id
        );
    }
    let initech = workspaces(&mut state, "initech");
    assert_eq!(initech.len(), 2);
    assert!(initech.iter().all(|w| w.ssh_key_id.is_none()));
    assert_eq!(world(), world(), "the seed is deterministic");
}

#[test]
fn the_workspace_document_has_tfe_s_shape() {
    let mut state = world();
    let request = tfe()
        .list_workspaces_page(TOKEN, "acme", ALL)
        .expect("request");
    let response = send(&mut state, &request);
    assert_eq!(response.header("content-type"), Some(JSON_API));
    let body = json_of(&response);
    let first = &body["data"][0];
    assert_eq!(first["type"], "workspaces");
    assert_eq!(first["attributes"]["name"], "app-production");
    assert!(first["attributes"]["created-at"].is_string());
    assert_eq!(
        first["relationships"]["organization"]["data"],
        json!({"id": "acme", "type": "organizations"})
    );
    assert_eq!(
        first["relationships"]["ssh-key"]["data"],
        json!({"id": seeded_key(&state), "type": "ssh-keys"})
    );
    assert_eq!(
        first["links"]["self"],
        "/tfe/api/v2/organizations/acme/workspaces/app-production"
    );
    let scratch = &body["data"][2];
    assert_eq!(scratch["relationships"]["ssh-key"], json!({"data": null}));
    assert_eq!(body["meta"]["pagination"]["total-count"], 3);
}

#[test]
fn the_list_is_paged_like_tfe() {
    let mut state = world();
    let page = |state: &mut SandboxState, number, size| {
        let request = tfe()
            .list_workspaces_page(TOKEN, "acme", PageRequest { number, size })
            .expect("request");
        parse_workspace_list(&send(state, &request)).expect("page")
    };
    let first = page(&mut state, 1, 2);
    assert_eq!(first.workspaces.len(), 2);
    assert_eq!(first.next_page(), Some(2));
    assert!(first
        .next_link
        .as_deref()
        .is_some_and(|l| l.contains("page%5Bnumber%5D=2&page%5Bsize%5D=2")));
    let second = page(&mut state, 2, 2);
    assert_eq!(second.workspaces.len(), 1);
    assert_eq!(second.next_page(), None);
    let pagination = second.pagination.expect("meta.pagination");
    assert_eq!(pagination.total_pages, Some(2));
    assert_eq!(pagination.prev_page, Some(1));
    // With no page parameters TFE still pages this list (20 a page), and
    // never more than 100 a page.
    let bare = HttpRequest::new(
        Method::Get,
        format!("{ORIGIN}/tfe/api/v2/organizations/acme/workspaces"),
    )
    .bearer(TOKEN);
    let body = json_of(&send(&mut state, &bare));
    assert_eq!(body["meta"]["pagination"]["page-size"], 20);
    let huge = HttpRequest::new(
        Method::Get,
        format!("{ORIGIN}/tfe/api/v2/organizations/acme/workspaces?page%5Bsize%5D=500"),
    )
    .bearer(TOKEN);
    let body = json_of(&send(&mut state, &huge));
    assert_eq!(body["meta"]["pagination"]["page-size"], 100);
}

#[test]
fn a_workspace_is_reassigned_and_unassigned() {
    let mut state = world();
    let new_key = create_key(&mut state, "acme", "rotated");
    let networking = by_name(&workspaces(&mut state, "acme"), "networking").clone();
    let request = tfe()
        .assign_ssh_key(TOKEN, &networking.id, Some(&new_key))
        .expect("request");
    let response = send(&mut state, &request);
    assert_eq!(response.status, 200, "{}", response.body);
    let moved = parse_workspace(&response).expect("the workspace comes back");
    assert_eq!(moved.id, networking.id);
    assert_eq!(moved.ssh_key_id.as_deref(), Some(new_key.as_str()));
    let after = workspaces(&mut state, "acme");
    assert_eq!(by_name(&after, "networking").ssh_key_id, Some(new_key));
    assert_eq!(
        by_name(&after, "app-production").ssh_key_id,
        Some(seeded_key(&state)),
        "only the patched workspace moved"
    );

    let request = tfe()
        .assign_ssh_key(TOKEN, &networking.id, None)
        .expect("request");
    let response = send(&mut state, &request);
    assert_eq!(
        json_of(&response)["data"]["relationships"]["ssh-key"],
        json!({"data": null})
    );
    let read = tfe().get_workspace(TOKEN, &networking.id).expect("request");
    let shown = parse_workspace(&send(&mut state, &read)).expect("one workspace");
    assert_eq!(
        (shown.name.as_str(), shown.ssh_key_id),
        ("networking", None)
    );
}

#[test]
fn unknown_or_hidden_workspaces_are_404_and_foreign_keys_422() {
    let mut state = world();
    let acme = workspaces(&mut state, "acme");
    let scratch = by_name(&acme, "scratch").id.clone();
    let hidden = state.tfe.organizations[1].workspaces[0].id.clone();
    assert!(!state.tfe.organizations[1].member, "globex is not visible");
    for workspace in ["ws-nope", hidden.as_str()] {
        let key = seeded_key(&state);
        let request = tfe()
            .assign_ssh_key(TOKEN, workspace, Some(&key))
            .expect("request");
        let error = parse_workspace(&send(&mut state, &request)).expect_err("404");
        assert_eq!((error.status, error.kind), (404, ErrorKind::NotFound));
        let read = tfe().get_workspace(TOKEN, workspace).expect("request");
        assert_eq!(send(&mut state, &read).status, 404);
    }
    for org in ["globex", "nope"] {
        let request = tfe().list_workspaces_page(TOKEN, org, ALL).expect("req");
        assert_eq!(send(&mut state, &request).status, 404, "{org}");
    }
    let initech_key = create_key(&mut state, "initech", "elsewhere");
    for key in [initech_key.as_str(), "sshkey-doesnotexist00"] {
        let request = tfe()
            .assign_ssh_key(TOKEN, &scratch, Some(key))
            .expect("request");
        let response = send(&mut state, &request);
        assert_eq!(pointers(&response), ["/data/attributes/id"], "{key}");
        let error = parse_workspace(&response).expect_err("422");
        assert_eq!(error.kind, ErrorKind::Invalid);
    }
    assert_eq!(
        by_name(&workspaces(&mut state, "acme"), "scratch").ssh_key_id,
        None
    );

    let wrong_type = r#"{"data":{"type":"ssh-keys","attributes":{"id":null}}}"#;
    assert_eq!(
        pointers(&patch(&mut state, &scratch, wrong_type)),
        ["/data/type"]
    );
    for no_id in [
        r#"{"data":{"type":"workspaces","attributes":{}}}"#,
        r#"{"data":{"type":"workspaces","attributes":{"id":7}}}"#,
        r#"{"data":{"type":"workspaces","attributes":{"id":" "}}}"#,
    ] {
        assert_eq!(
            pointers(&patch(&mut state, &scratch, no_id)),
            ["/data/attributes/id"]
        );
    }
    assert_eq!(patch(&mut state, &scratch, "{not json").status, 400);
    let wrong_token = tfe().assign_ssh_key("wrong", &scratch, None).expect("req");
    assert_eq!(send(&mut state, &wrong_token).status, 401);
    let mut whole = tfe().assign_ssh_key(TOKEN, &scratch, None).expect("req");
    whole.url = whole.url.replace("/relationships/ssh-key", "");
    assert_eq!(
        send(&mut state, &whole).status,
        404,
        "only the relationship is patched here"
    );
}

#[test]
fn deleting_a_key_leaves_its_workspaces_without_one() {
    let mut state = world();
    let key = seeded_key(&state);
    let request = tfe().delete_ssh_key(TOKEN, &key).expect("request");
    assert_eq!(send(&mut state, &request).status, 204);
    let acme = workspaces(&mut state, "acme");
    assert!(
        acme.iter().all(|w| w.ssh_key_id.is_none()),
        "no workspace names a deleted key: {acme:?}"
    );
}

#[test]
fn data_saved_before_workspaces_existed_still_loads() {
    let state = world();
    let mut saved = serde_json::to_value(&state).expect("serialises");
    let organizations = saved["tfe"]["organizations"]
        .as_array_mut()
        .expect("organizations");
    for org in organizations {
        org.as_object_mut().map(|o| o.remove("workspaces"));
    }
    let loaded: SandboxState = serde_json::from_value(saved).expect("old data loads");
    assert!(loaded
        .tfe
        .organizations
        .iter()
        .all(|o| o.workspaces.is_empty()));
    assert_eq!(
        loaded.tfe.organizations[0].ssh_keys,
        state.tfe.organizations[0].ssh_keys
    );
}
