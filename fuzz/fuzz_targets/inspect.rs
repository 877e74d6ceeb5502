//! Any bytes, read as a paste the way the inspect example reads a file.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let findings = keyward::keys::inspect(&text);
    assert!(!findings.is_empty(), "inspect returned no finding");
    let private = findings
        .iter()
        .any(|f| f.kind == keyward::keys::Kind::Private);
    if private || has_private_marker(&text) {
        assert_eq!(findings.len(), 1, "a private key must be the only finding");
        assert_eq!(
            findings[0].kind,
            keyward::keys::Kind::Private,
            "private-key material anywhere must be refused as private"
        );
    }
    for finding in &findings {
        let json = finding.to_json();
        assert!(json.get("kind").is_some() && json.get("lints").is_some());
        if let Some(key) = &finding.key {
            assert!(key.sha256.starts_with("SHA256:") && key.sha256.len() == 7 + 43);
            let _ = key.md5();
            let _ = key.randomart();
            let _ = key.openssh_with_comment();
        }
    }
});

/// Private-key material anywhere in the paste, as the engine must refuse it:
/// a BEGIN or END line of a private-key block (also flattened onto a line
/// after a public key), a PuTTY key, or an OpenSSH private key's base64.
/// A copy of `has_private_marker` in tests/no_panic.rs (the fuzz crate is its
/// own workspace and cannot share test code): keep the two alike.
fn has_private_marker(paste: &str) -> bool {
    if [
        "PuTTY-User-Key-File-",
        "Private-Lines:",
        "b3BlbnNzaC1rZXktdjE",
    ]
    .iter()
    .any(|m| paste.contains(m))
    {
        return true;
    }
    let bytes = paste.as_bytes();
    paste.match_indices("PRIVATE KEY").any(|(at, _)| {
        let mut start = at;
        while start > 0 && (bytes[start - 1].is_ascii_alphanumeric() || bytes[start - 1] == b' ') {
            start -= 1;
        }
        let before = &paste[start..at];
        let word = ["BEGIN ", "END "]
            .iter()
            .filter_map(|w| before.find(w))
            .min();
        word.is_some_and(|i| paste[..start + i].trim_end_matches(' ').ends_with("--"))
    })
}
