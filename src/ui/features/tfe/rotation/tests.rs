use super::*;

const API: &str = "https://app.terraform.io/api/v2";

fn record() -> UploadedKey {
    UploadedKey {
        fingerprint: "SHA256:old".into(),
        md5: None,
        key_type: "ssh-ed25519".into(),
        bits: 256,
        public_key: "ssh-ed25519 AAAAold".into(),
        organization: "acme".into(),
        tfe_key_id: "sshkey-old".into(),
        name: "modules".into(),
        api_origin: API.into(),
        recorded_at: String::new(),
        deploy_keys: vec![DeployKeyPlace {
            repository: "acme/modules".into(),
            key_id: 7,
            github_api: "https://api.github.com".into(),
        }],
    }
}

fn new_key() -> NewKey {
    NewKey::new(
        "sshkey-new".into(),
        "modules (rotated 2026-12-03)".into(),
        PublicHalf {
            sha256: "SHA256:new".into(),
            md5: "MD5:aa".into(),
            key_type: "ssh-ed25519".into(),
            bits: 256,
            openssh: "ssh-ed25519 AAAAnew".into(),
        },
    )
}

fn workspace(id: &str, key: Option<&str>) -> TfeWorkspace {
    TfeWorkspace {
        id: id.into(),
        name: format!("name-{id}"),
        ssh_key_id: key.map(String::from),
    }
}

#[test]
fn a_recorded_key_brings_its_type_repositories_and_old_deploy_keys() {
    let p = Progress::new(API, "acme", "sshkey-old", "modules", Some(&record()));
    assert_eq!(p.kind.as_deref(), Some("ed25519"));
    assert_eq!(p.github_api.as_deref(), Some("https://api.github.com"));
    let repos = p.repositories.clone().expect("known");
    assert_eq!(repos[0].repository, "acme/modules");
    assert_eq!(repos[0].key_id, None);
    assert_eq!(p.old_deploy_keys_left().count(), 1);
    assert!(p.is_of(API, "acme"));
    assert!(!p.is_of(API, "initech"));
}

#[test]
fn without_a_record_the_type_and_repositories_are_asked_and_no_deploy_key_is_known() {
    let p = Progress::new(API, "acme", "sshkey-old", "modules", None);
    assert_eq!(p.kind, None);
    assert_eq!(p.repositories, None);
    assert!(p.no_old_deploy_keys());
    assert!(!p.old_deploy_keys_done(), "the user skips it");
}

#[test]
fn steps_follow_in_order_and_a_lost_pair_means_generate_again() {
    let mut p = Progress::new(API, "acme", "sshkey-old", "modules", Some(&record()));
    assert_eq!(p.current(false), Step::Generate);
    assert_eq!(p.current(true), Step::Create);
    p.new_key = Some(new_key());
    assert_eq!(p.current(false), Step::DeployKeys);
    p.deploy_key_added("acme/modules", 99);
    assert_eq!(p.current(false), Step::Workspaces);
    p.listed(&[workspace("ws-a", Some("sshkey-old"))]);
    assert_eq!(p.current(false), Step::Workspaces);
    p.workspace_moved("ws-a");
    assert_eq!(p.current(false), Step::DeleteDeployKeys);
    p.deploy_key_deleted(&record().deploy_keys[0]);
    assert_eq!(p.current(false), Step::DeleteOldKey);
    p.old_key_deleted = true;
    assert_eq!(p.current(false), Step::Finish);
}

#[test]
fn step_five_without_known_deploy_keys_waits_for_a_skip() {
    let mut p = Progress::new(API, "acme", "sshkey-old", "modules", None);
    p.new_key = Some(new_key());
    assert_eq!(
        p.current(false),
        Step::DeployKeys,
        "repositories not picked yet"
    );
    p.repositories = Some(Vec::new());
    p.listed(&[]);
    // No deploy key known: step 5 waits until the user skips it.
    assert_eq!(p.current(false), Step::DeleteDeployKeys);
    p.old_deploy_keys_skipped = true;
    assert_eq!(p.current(false), Step::DeleteOldKey);
}

#[test]
fn listing_keeps_workspaces_on_the_old_key_and_counts_those_on_the_new_one_done() {
    let mut p = Progress::new(API, "acme", "sshkey-old", "modules", None);
    p.new_key = Some(new_key());
    p.listed(&[
        workspace("ws-old", Some("sshkey-old")),
        workspace("ws-new", Some("sshkey-new")),
        workspace("ws-other", Some("sshkey-other")),
        workspace("ws-none", None),
    ]);
    let ids: Vec<_> = p
        .workspaces
        .iter()
        .flatten()
        .map(|w| (w.id.as_str(), w.done))
        .collect();
    assert_eq!(ids, [("ws-old", false), ("ws-new", true)]);
    assert_eq!(p.workspaces_left(), ["ws-old"]);
}

#[test]
fn the_new_record_carries_the_new_deploy_keys_and_never_a_private_key() {
    let mut p = Progress::new(API, "acme", "sshkey-old", "modules", Some(&record()));
    assert_eq!(p.new_record(String::new()), None, "no key yet");
    p.new_key = Some(new_key());
    p.deploy_key_added("acme/modules", 99);
    let rec = p.new_record("2026-12-03T00:00:00Z".into()).expect("record");
    assert_eq!(rec.tfe_key_id, "sshkey-new");
    assert_eq!(rec.fingerprint, "SHA256:new");
    assert_eq!(rec.deploy_keys[0].key_id, 99);
    assert_eq!(rec.deploy_keys[0].github_api, "https://api.github.com");
    let saved = serde_json::to_string(&p).expect("json");
    assert!(!saved.contains("PRIVATE"), "{saved}");
    assert_eq!(decode(&saved), Some(p));
    assert_eq!(decode("{\"organization\":1}"), None);
}

#[test]
fn names_and_kinds() {
    assert_eq!(
        rotated_name("modules", "2026-12-03T20:00:00.000Z"),
        "modules (rotated 2026-12-03)"
    );
    assert_eq!(rotated_name("m", "x"), "m (rotated x)");
    assert_eq!(kind_of("ssh-rsa", 4096), Some(KeyKind::Rsa4096));
    assert_eq!(kind_of("ssh-rsa", 3072), Some(KeyKind::Rsa3072));
    assert_eq!(kind_of("ssh-rsa", 2048), None);
    assert_eq!(kind_of("ecdsa-sha2-nistp256", 256), None);
    assert_eq!(Step::Generate.number(), 1);
    assert_eq!(Step::DeleteOldKey.number(), 6);
}
