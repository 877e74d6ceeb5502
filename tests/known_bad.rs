//! The known-compromised key list (`keys::known_bad`) against ssh-keygen:
//! published public keys (fixtures, public halves only) are found by the
//! fingerprint ssh-keygen prints and flagged by the engine's lint; a key
//! generated now is not.

#![cfg(not(target_arch = "wasm32"))]

use keyward::keys::{inspect, known_bad, LintCode};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/known_bad");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "pub"))
        .collect();
    files.sort();
    assert!(files.len() >= 2, "fixtures missing in {}", dir.display());
    files
}

/// `SHA256:…` as `ssh-keygen -l -f` prints it for `path`.
fn keygen_fingerprint(path: &Path) -> String {
    let out = Command::new("ssh-keygen")
        .arg("-l")
        .arg("-f")
        .arg(path)
        .output()
        .expect("ssh-keygen runs (apt install openssh-client)");
    assert!(
        out.status.success(),
        "ssh-keygen -l {}: {out:?}",
        path.display()
    );
    let text = String::from_utf8_lossy(&out.stdout);
    text.split_whitespace()
        .nth(1)
        .filter(|f| f.starts_with("SHA256:"))
        .unwrap_or_else(|| panic!("no fingerprint in {text}"))
        .to_string()
}

fn has_lint(paste: &str) -> bool {
    inspect(paste)
        .iter()
        .any(|f| f.lints.iter().any(|l| l.code == LintCode::KnownCompromised))
}

#[test]
fn published_keys_are_found_by_their_ssh_keygen_fingerprint_and_linted() {
    for path in fixtures() {
        let fingerprint = keygen_fingerprint(&path);
        let bad = known_bad::lookup(&fingerprint)
            .unwrap_or_else(|| panic!("{} ({fingerprint}) is not on the list", path.display()));
        assert!(!bad.name.is_empty() && !bad.source.is_empty());
        let text = std::fs::read_to_string(&path).expect("fixture reads");
        assert!(
            !text.contains("PRIVATE"),
            "{}: public keys only",
            path.display()
        );
        let findings = inspect(&text);
        assert_eq!(findings.len(), 1, "{}", path.display());
        let lint = findings[0]
            .lints
            .iter()
            .find(|l| l.code == LintCode::KnownCompromised)
            .unwrap_or_else(|| panic!("{} is not flagged", path.display()));
        assert!(lint.message.contains(bad.name), "{}", lint.message);
        assert!(lint.message.contains(bad.source), "{}", lint.message);
        assert!(
            lint.message.contains("ssh-keygen -t ed25519"),
            "{}",
            lint.message
        );
    }
}

#[test]
fn vagrant_keys_are_named_with_their_source() {
    let rsa = known_bad::lookup("SHA256:1M4RzhMyWuFS/86uPY/ce2prh/dVTHW7iD2RhpquOZA");
    assert_eq!(rsa.map(|b| b.name), Some("Vagrant insecure RSA key"));
    assert!(rsa.is_some_and(|b| b.source.starts_with("hashicorp/vagrant keys/")));
    let ed25519 = known_bad::lookup("SHA256:WkvqjnyPAeC0cbPErYiGP9vqHdgL1MqqvPdIe3lvHgI");
    assert_eq!(
        ed25519.map(|b| b.name),
        Some("Vagrant insecure Ed25519 key")
    );
}

#[test]
fn a_freshly_generated_key_is_not_flagged() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let key = dir.path().join("fresh");
    let status = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-C", "fresh@keyward", "-f"])
        .arg(&key)
        .status()
        .expect("ssh-keygen runs");
    assert!(status.success());
    let public = key.with_extension("pub");
    let fingerprint = keygen_fingerprint(&public);
    assert_eq!(known_bad::lookup(&fingerprint), None);
    let text = std::fs::read_to_string(&public).expect("the .pub reads");
    let findings = inspect(&text);
    assert!(findings[0].is_usable_public(), "{findings:?}");
    assert!(!has_lint(&text));
}

#[test]
fn every_stored_fingerprint_is_well_formed_unique_and_sorted() {
    let all: Vec<_> = known_bad::all().collect();
    assert!(all.len() >= 60, "{} entries", all.len());
    let mut seen = HashSet::new();
    let mut previous = "";
    for (fingerprint, bad) in &all {
        let digest = fingerprint.strip_prefix("SHA256:").unwrap_or_default();
        assert_eq!(digest.len(), 43, "{fingerprint}");
        assert!(
            digest
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/'),
            "{fingerprint}"
        );
        assert!(seen.insert(*fingerprint), "{fingerprint} twice");
        // lookup() searches by halves: the list must stay in byte order.
        assert!(previous < *fingerprint, "{previous} before {fingerprint}");
        previous = fingerprint;
        assert!(!bad.name.trim().is_empty() && !bad.source.trim().is_empty());
        assert_eq!(known_bad::lookup(fingerprint), Some(*bad));
    }
    assert_eq!(known_bad::lookup(""), None);
    assert_eq!(known_bad::lookup("SHA256:"), None);
    assert_eq!(known_bad::lookup("garbage ☃"), None);
}

#[test]
fn the_exagrid_key_that_ssh_keygen_refuses_is_still_found() {
    // Its RSA modulus has 1023 bits: ssh-keygen will not print its
    // fingerprint, and its .pub file in ssh-badkeys is cut short, so it was
    // derived from the published private key's public half.
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/known_bad/exagrid-cve-2016-1561.1023-bit.txt");
    let text = std::fs::read_to_string(path).expect("fixture reads");
    let findings = inspect(&text);
    let key = findings[0].key.as_ref().expect("the engine reads it");
    assert_eq!(key.bits, 1023);
    let bad = known_bad::lookup(&key.sha256).expect("on the list");
    assert!(bad.name.contains("ExaGrid"), "{}", bad.name);
    assert!(has_lint(&text));
}
