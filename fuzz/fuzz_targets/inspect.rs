//! Any bytes, read as a paste the way the inspect example reads a file.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let findings = keyward::keys::inspect(&text);
    assert!(!findings.is_empty(), "inspect returned no finding");
    if findings
        .iter()
        .any(|f| f.kind == keyward::keys::Kind::Private)
    {
        assert_eq!(findings.len(), 1, "a private key must be the only finding");
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
