//! Keys made by the generator, checked with the real tools on each run:
//! `ssh-keygen -y` derives the same public key from the private one (with
//! `-P` for an encrypted one), `ssh-keygen -l` gives the fingerprint
//! ssh-key computes, and `openssl rsa -check` accepts every RSA key.

use keyward_keygen::{generate, GenerateError, KeyKind, KeyRequest};
use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output};

fn request(kind: KeyKind, comment: &str, passphrase: &str) -> KeyRequest {
    KeyRequest {
        kind,
        comment: comment.into(),
        passphrase: passphrase.into(),
    }
}

fn run(program: &str, args: &[&str]) -> Output {
    Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program} runs: {e}"))
}

fn stdout(output: &Output) -> String {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone()).expect("UTF-8")
}

/// Writes the private key where ssh-keygen will read it (mode 600, or it
/// refuses).
fn private_file(dir: &Path, text: &str) -> String {
    let path = dir.join("id");
    let mut file = std::fs::File::create(&path).expect("create");
    file.write_all(text.as_bytes()).expect("write");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    path.to_str().expect("path").to_owned()
}

/// Type and base64, without the comment.
fn key_part(line: &str) -> String {
    line.split_whitespace()
        .take(2)
        .collect::<Vec<_>>()
        .join(" ")
}

fn fingerprint_by_ssh_keygen(dir: &Path, public: &str) -> String {
    let path = dir.join("id.pub");
    std::fs::write(&path, format!("{public}\n")).expect("write");
    let out = stdout(&run("ssh-keygen", &["-l", "-f", path.to_str().unwrap()]));
    out.split_whitespace()
        .nth(1)
        .expect("fingerprint")
        .to_owned()
}

fn fingerprint_by_ssh_key(public: &str) -> String {
    ssh_key::PublicKey::from_openssh(public)
        .expect("public key")
        .fingerprint(ssh_key::HashAlg::Sha256)
        .to_string()
}

#[test]
fn ed25519_is_openssh_and_ssh_keygen_derives_its_public_key() {
    let dir = tempfile::tempdir().unwrap();
    let key = generate(
        &request(KeyKind::Ed25519, "ci@runner", ""),
        &mut rand_core::OsRng,
    )
    .unwrap();
    assert!(key
        .private_key
        .starts_with("-----BEGIN OPENSSH PRIVATE KEY-----\n"));
    assert!(key.public_key.starts_with("ssh-ed25519 AAAA"));
    assert!(key.public_key.ends_with(" ci@runner"));
    let path = private_file(dir.path(), &key.private_key);
    let derived = stdout(&run("ssh-keygen", &["-y", "-P", "", "-f", &path]));
    assert_eq!(key_part(&derived), key_part(&key.public_key));
    assert_eq!(
        fingerprint_by_ssh_keygen(dir.path(), &key.public_key),
        fingerprint_by_ssh_key(&key.public_key)
    );
}

#[test]
fn an_encrypted_ed25519_key_opens_with_its_passphrase_only() {
    let dir = tempfile::tempdir().unwrap();
    let key = generate(
        &request(KeyKind::Ed25519, "laptop", "correct horse battery"),
        &mut rand_core::OsRng,
    )
    .unwrap();
    let path = private_file(dir.path(), &key.private_key);
    let derived = stdout(&run(
        "ssh-keygen",
        &["-y", "-P", "correct horse battery", "-f", &path],
    ));
    assert_eq!(key_part(&derived), key_part(&key.public_key));
    let wrong = run("ssh-keygen", &["-y", "-P", "wrong", "-f", &path]);
    assert!(
        !wrong.status.success(),
        "a wrong passphrase must not open it"
    );
    let none = run("ssh-keygen", &["-y", "-P", "", "-f", &path]);
    assert!(!none.status.success(), "no passphrase must not open it");
}

fn check_rsa(kind: KeyKind, bits: &str) {
    let dir = tempfile::tempdir().unwrap();
    let key = generate(&request(kind, "module access", ""), &mut rand_core::OsRng).unwrap();
    assert!(key
        .private_key
        .starts_with("-----BEGIN RSA PRIVATE KEY-----\n"));
    assert!(key
        .private_key
        .trim_end()
        .ends_with("-----END RSA PRIVATE KEY-----"));
    assert!(key.public_key.starts_with("ssh-rsa AAAA"));
    let path = private_file(dir.path(), &key.private_key);
    let check = stdout(&run("openssl", &["rsa", "-check", "-noout", "-in", &path]));
    assert!(check.contains("RSA key ok"), "{check}");
    let derived = stdout(&run("ssh-keygen", &["-y", "-f", &path]));
    assert_eq!(key_part(&derived), key_part(&key.public_key));
    let pub_path = dir.path().join("id.pub");
    std::fs::write(&pub_path, format!("{}\n", key.public_key)).unwrap();
    let listed = stdout(&run(
        "ssh-keygen",
        &["-l", "-f", pub_path.to_str().unwrap()],
    ));
    assert!(listed.starts_with(&format!("{bits} SHA256:")), "{listed}");
    assert_eq!(
        fingerprint_by_ssh_keygen(dir.path(), &key.public_key),
        fingerprint_by_ssh_key(&key.public_key)
    );
}

#[test]
fn rsa_3072_is_pem_pkcs1_and_accepted_by_openssl_and_ssh_keygen() {
    check_rsa(KeyKind::Rsa3072, "3072");
}

#[test]
fn rsa_4096_is_pem_pkcs1_and_accepted_by_openssl_and_ssh_keygen() {
    check_rsa(KeyKind::Rsa4096, "4096");
}

#[test]
fn two_keys_are_never_the_same() {
    let a = generate(&request(KeyKind::Ed25519, "", ""), &mut rand_core::OsRng).unwrap();
    let b = generate(&request(KeyKind::Ed25519, "", ""), &mut rand_core::OsRng).unwrap();
    assert_ne!(a.public_key, b.public_key);
    assert_ne!(*a.private_key, *b.private_key);
}

#[test]
fn bad_requests_are_refused_with_a_reason() {
    let newline = generate(
        &request(KeyKind::Ed25519, "a\nb", ""),
        &mut rand_core::OsRng,
    );
    assert_eq!(
        newline.err(),
        Some(GenerateError::CommentHasControlCharacters)
    );
    let rsa_pass = generate(
        &request(KeyKind::Rsa3072, "", "secret"),
        &mut rand_core::OsRng,
    );
    let error = rsa_pass.err().expect("refused");
    assert_eq!(error, GenerateError::PassphraseOnlyForEd25519);
    assert!(error.to_string().contains("Ed25519 keys only"));
}

#[test]
fn the_worker_request_is_json_with_kebab_case_kinds() {
    let parsed: KeyRequest =
        serde_json::from_str(r#"{"kind":"rsa-4096","comment":"x"}"#).expect("parses");
    assert_eq!(parsed.kind, KeyKind::Rsa4096);
    assert!(parsed.passphrase.is_empty());
    assert!(serde_json::from_str::<KeyRequest>(r#"{"kind":"dsa"}"#).is_err());
}
