//! The recorded inventory for tests/inventory.rs: keys generated now by
//! ssh-keygen (with the fingerprints ssh-keygen prints) and entries built
//! from the records the providers' own parsers return for recorded answers.
//!
//! Use it with `#[path = "support/inventory_data.rs"] mod data;`.

use keyward::inventory::{Entry, EntryKind, Place};
use keyward::providers::github::{parse_key_list, Operation};
use keyward::providers::{astro, tfe, HttpResponse, KeyRecord, Provider};
use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;

/// 2026-01-01T00:00:00Z (`date -u -d 2026-01-01 +%s`).
pub(crate) const NOW: u64 = 1_767_225_600;

/// A key made by ssh-keygen, with the fingerprints ssh-keygen prints.
pub(crate) struct Generated {
    pub(crate) line: String,
    pub(crate) sha256: String,
    pub(crate) md5: String,
    pub(crate) private: String,
}

fn keygen_print(path: &Path, hash: &str) -> String {
    let out = Command::new("ssh-keygen")
        .args(["-l", "-E", hash, "-f"])
        .arg(path)
        .output()
        .expect("ssh-keygen runs");
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    text.split_whitespace()
        .nth(1)
        .unwrap_or_default()
        .to_string()
}

pub(crate) fn generate(dir: &Path, name: &str, args: &[&str]) -> Generated {
    let path = dir.join(name);
    let status = Command::new("ssh-keygen")
        .args(["-q", "-N", "", "-C", name])
        .args(args)
        .arg("-f")
        .arg(&path)
        .status()
        .expect("ssh-keygen runs (apt install openssh-client)");
    assert!(status.success(), "ssh-keygen {args:?}");
    let public = path.with_extension("pub");
    Generated {
        line: std::fs::read_to_string(&public).unwrap().trim().to_string(),
        sha256: keygen_print(&public, "sha256"),
        md5: keygen_print(&public, "md5"),
        private: std::fs::read_to_string(&path).unwrap(),
    }
}

pub(crate) struct Keys {
    pub(crate) ed25519: Generated,
    pub(crate) rsa1024: Generated,
    pub(crate) dsa: Generated,
    pub(crate) ecdsa: Generated,
}

pub(crate) fn keys() -> &'static Keys {
    static KEYS: OnceLock<Keys> = OnceLock::new();
    KEYS.get_or_init(|| {
        let dir = tempfile::tempdir().expect("a temp dir");
        Keys {
            ed25519: generate(dir.path(), "ed", &["-t", "ed25519"]),
            rsa1024: generate(dir.path(), "rsa", &["-t", "rsa", "-b", "1024"]),
            dsa: generate(dir.path(), "dsa", &["-t", "dsa"]),
            ecdsa: generate(dir.path(), "ec", &["-t", "ecdsa", "-b", "256"]),
        }
    })
}

pub(crate) const VAGRANT: &str = include_str!("../fixtures/known_bad/vagrant-insecure-rsa.pub");
pub(crate) const VAGRANT_SHA256: &str = "SHA256:1M4RzhMyWuFS/86uPY/ce2prh/dVTHW7iD2RhpquOZA";

fn github(operation: Operation, body: serde_json::Value) -> Vec<KeyRecord> {
    let response = HttpResponse::new(200, body.to_string());
    parse_key_list(&response, operation)
        .expect("a key list")
        .items
}

/// The recorded inventory: see the comment on each entry for what it is.
pub(crate) fn entries() -> Vec<Entry> {
    let k = keys();
    let user = github(
        Operation::ListUserKeys,
        serde_json::json!([
            // 0: healthy, but the same key as deploy key 2 and TFE key 5.
            {"id": 1, "key": k.ed25519.line, "url": "u", "title": "laptop", "verified": true,
             "read_only": false, "created_at": "2025-06-01T00:00:00Z", "last_used": "2025-12-20T10:00:00Z"},
            // 1: RSA 1024, unused for 356 days: GitHub deletes it soon.
            {"id": 2, "key": k.rsa1024.line, "url": "u", "title": "old laptop", "verified": true,
             "read_only": false, "created_at": "2024-11-01T00:00:00Z", "last_used": "2025-01-10T00:00:00Z"},
        ]),
    );
    let deploy = github(
        Operation::ListDeployKeys,
        serde_json::json!([
            // 2: read-write, never used, added by mallory.
            {"id": 3, "key": k.ed25519.line, "url": "u", "title": "ci", "verified": true,
             "created_at": "2025-12-01T00:00:00Z", "read_only": false, "added_by": "mallory", "last_used": null},
            // 3: Vagrant's insecure key.
            {"id": 4, "key": VAGRANT.trim(), "url": "u", "title": "vagrant", "verified": true,
             "created_at": "2025-12-01T00:00:00Z", "read_only": true, "last_used": "2025-12-30T00:00:00Z"},
            // 4: DSA.
            {"id": 5, "key": k.dsa.line, "url": "u", "title": "=cmd|' /C calc'!A0", "verified": true,
             "created_at": "2025-12-01T00:00:00Z", "read_only": true, "last_used": "2025-12-30T00:00:00Z"},
        ]),
    );
    let tfe_body = serde_json::json!({"data": [{"id": "sshkey-1", "type": "ssh-keys",
        "attributes": {"name": "modules, \"main\"", "created-at": "2025-01-01T00:00:00Z"}}]});
    let tfe_keys = tfe::parse_ssh_key_list(&HttpResponse::new(200, tfe_body.to_string()))
        .expect("a TFE list")
        .keys;
    let astro_body = serde_json::json!({"tokens": [
        {"id": "t1", "name": "soon", "createdAt": "2025-12-01T00:00:00Z", "endAt": "2026-01-06T00:00:00Z"},
        {"id": "t2", "name": "gone", "createdAt": "2025-01-01T00:00:00Z", "endAt": "2025-12-01T00:00:00Z",
         "lastUsedAt": "2025-11-30T00:00:00Z"},
        {"id": "t3", "name": "forever", "createdAt": "2025-12-01T00:00:00Z",
         "lastUsedAt": "2025-12-31T00:00:00Z", "createdBy": {"username": "alice"}},
    ], "totalCount": 3, "offset": 0, "limit": 20});
    let tokens = astro::parse_token_page(&HttpResponse::new(200, astro_body.to_string()))
        .expect("a token page")
        .tokens;
    let user_place = || Place::UserKey {
        account: "octocat".into(),
    };
    let repo = |r: &str| Place::DeployKey {
        repository: r.into(),
    };
    let gh = |place, record: &KeyRecord, link: &str| {
        Entry::from_record(
            Provider::GitHub,
            "Work",
            place,
            EntryKind::SshKey,
            record,
            link,
        )
    };
    let astro_place = Place::AstroDeployment {
        organization: "org1".into(),
        deployment: Some("dep1".into()),
    };
    let mut list = vec![
        gh(user_place(), &user[0], "/user/keys"),
        gh(user_place(), &user[1], "/user/keys"),
        gh(repo("o/r"), &deploy[0], "/repos/o/r/keys"),
        gh(repo("o/v"), &deploy[1], "/repos/o/v/keys"),
        gh(repo("o/d"), &deploy[2], "/repos/o/d/keys"),
        // 5: a TFE key Keyward uploaded: its fingerprint was recorded then.
        Entry::from_record(
            Provider::HcpTerraform,
            "HCP",
            Place::TfeOrganization {
                organization: "acme".into(),
            },
            EntryKind::SshKey,
            &tfe_keys[0],
            "/orgs/acme/keys",
        )
        .with_recorded_fingerprint(Some(&k.ed25519.sha256)),
    ];
    for token in &tokens {
        // 6 expires in 5 days, 7 expired, 8 never expires.
        list.push(Entry::from_record(
            Provider::Astronomer,
            "Astro",
            astro_place.clone(),
            EntryKind::Token,
            token,
            "/astro",
        ));
    }
    // 9: a listed key that cannot be read.
    let broken = KeyRecord {
        id: "9".into(),
        title: "broken".into(),
        public_key: Some("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI".into()),
        ..KeyRecord::default()
    };
    list.push(gh(user_place(), &broken, "/user/keys"));
    list
}
