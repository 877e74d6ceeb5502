//! Property tests: whatever is pasted, `inspect` answers (never panics, never
//! hangs) and its answer keeps the engine's promises. The inputs are random
//! text and bytes, the real keys of `tests/corpus` with random paste damage,
//! and random concatenations of corpus cases.

use keyward::keys::{inspect, Finding, Kind};
use proptest::prelude::*;
use proptest::sample::Index;
use std::path::Path;
use std::sync::OnceLock;

/// Every corpus paste and every key file, as text.
fn corpus() -> &'static [String] {
    static CORPUS: OnceLock<Vec<String>> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
        let mut texts = Vec::new();
        for dir in [root.clone(), root.join("keys")] {
            let mut paths: Vec<_> = std::fs::read_dir(&dir)
                .expect("tests/corpus exists")
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file() && p.extension().is_none_or(|x| x != "expect"))
                .collect();
            paths.sort();
            for path in paths {
                let bytes = std::fs::read(&path).expect("read a corpus file");
                texts.push(String::from_utf8_lossy(&bytes).into_owned());
            }
        }
        assert!(texts.len() > 40, "the corpus is missing");
        texts
    })
}

/// Private-key material anywhere in the paste, as the engine must refuse it:
/// a BEGIN or END line of a private-key block (also flattened onto a line
/// after a public key), a PuTTY key, or an OpenSSH private key's base64.
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

fn is_sha256_shape(fingerprint: &str) -> bool {
    fingerprint.strip_prefix("SHA256:").is_some_and(|b64| {
        b64.len() == 43
            && b64
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/')
    })
}

fn is_md5_shape(fingerprint: &str) -> bool {
    fingerprint.strip_prefix("MD5:").is_some_and(|hex| {
        hex.len() == 47
            && hex.split(':').all(|pair| {
                pair.len() == 2
                    && pair
                        .bytes()
                        .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
            })
    })
}

/// Inspects `paste` and checks every promise the engine makes about it.
fn check(paste: &str) -> Result<Vec<Finding>, TestCaseError> {
    let findings = inspect(paste);
    prop_assert!(!findings.is_empty(), "inspect returned no finding");
    let private = findings.iter().any(|f| f.kind == Kind::Private);
    if private || has_private_marker(paste) {
        prop_assert_eq!(findings.len(), 1, "a private key must be the only finding");
        prop_assert_eq!(findings[0].kind, Kind::Private);
    }
    let lines = paste.split(['\n', '\r']).count().max(1);
    for finding in &findings {
        prop_assert!(
            finding.line >= 1 && finding.line <= lines,
            "line {}",
            finding.line
        );
        let json = finding.to_json();
        let kind = json.get("kind").and_then(|k| k.as_str());
        prop_assert!(
            matches!(kind, Some("public" | "certificate" | "private" | "invalid")),
            "kind {:?}",
            kind
        );
        prop_assert!(json.get("lints").is_some_and(|l| l.is_array()), "lints");
        if finding.kind == Kind::Invalid {
            prop_assert!(finding.problem.is_some(), "invalid without a problem");
            prop_assert!(json.get("message").is_some(), "invalid without a message");
        }
        if let Some(key) = &finding.key {
            prop_assert!(is_sha256_shape(&key.sha256), "sha256 {}", key.sha256);
            prop_assert!(is_md5_shape(&key.md5()), "md5 {}", key.md5());
            prop_assert!(json.get("sha256").is_some() && json.get("openssh").is_some());
        }
        if finding.is_usable_public() {
            // The canonical line reads back as the same key, with nothing to repair.
            let key = finding.key.as_ref().expect("usable keys have a key");
            let again = inspect(&key.openssh_with_comment());
            prop_assert_eq!(
                again.len(),
                1,
                "canonical line {:?}",
                key.openssh_with_comment()
            );
            let back = again[0].key.as_ref();
            prop_assert_eq!(back.map(|k| &k.sha256), Some(&key.sha256));
            prop_assert_eq!(back.map(|k| &k.algorithm), Some(&key.algorithm));
            prop_assert_eq!(back.and_then(|k| k.comment.as_ref()), key.comment.as_ref());
            prop_assert!(
                again[0].repairs.is_empty(),
                "repairs {:?}",
                again[0].repairs
            );
        }
    }
    Ok(findings)
}

/// Characters that copying and pasting slips into keys.
const DAMAGE: &[char] = &[
    '\r', '\n', '\t', ' ', '\u{a0}', '\u{200b}', '\u{feff}', '\u{2060}', '\u{ad}', '…', '=', '"',
    '-', '_', '.', '+', '/', 'A', 'é', '日', '🔑', '\0', '\u{7f}', '\u{2028}',
];

/// One paste-damage step: 0 flip, 1 insert, 2 delete, 3 split the line,
/// 4 cut everything after, 5 duplicate a stretch.
fn damage(text: &mut String, op: u8, at: Index, c: char) {
    let chars: Vec<char> = text.chars().collect();
    if chars.is_empty() {
        text.push(c);
        return;
    }
    let i = at.index(chars.len());
    let mut out: Vec<char> = chars.clone();
    match op % 6 {
        0 => out[i] = c,
        1 => out.insert(i, c),
        2 => {
            out.remove(i);
        }
        3 => out.insert(i, '\n'),
        4 => out.truncate(i),
        _ => {
            let end = (i + 1 + (c as usize % 80)).min(chars.len());
            out.splice(i..i, chars[i..end].iter().copied());
        }
    }
    *text = out.into_iter().collect();
}

fn damaged_corpus() -> impl Strategy<Value = String> {
    (
        any::<Index>(),
        prop::collection::vec((0u8..6, any::<Index>(), prop::sample::select(DAMAGE)), 0..8),
    )
        .prop_map(|(pick, steps)| {
            let cases = corpus();
            let mut text = cases[pick.index(cases.len())].clone();
            for (op, at, c) in steps {
                damage(&mut text, op, at, c);
            }
            text
        })
}

fn corpus_mix() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            any::<Index>(),
            prop::sample::select(&["", "\n", "\r\n", "\n\n", " ", "\t"][..]),
        ),
        1..5,
    )
    .prop_map(|parts| {
        let cases = corpus();
        parts
            .into_iter()
            .map(|(pick, sep)| format!("{}{sep}", cases[pick.index(cases.len())]))
            .collect()
    })
}

/// Pieces of every format, glued at random: reaches the parsers' corners.
const WORDS: &[&str] = &[
    "ssh-ed25519",
    "ssh-rsa",
    "ecdsa-sha2-nistp256",
    "ssh-ed25519-cert-v01@openssh.com",
    "sk-ssh-ed25519@openssh.com",
    "x-y@z",
    "AAAA",
    "AAAAC3NzaC1lZDI1NTE5AAAAI",
    "AAAAB3NzaC1yc2EAAAADAQAB",
    "AAAAIHNzaC1lZDI1NTE5LWNlcnQtdjAxQG9wZW5zc2guY29t",
    "=",
    "==",
    "…",
    "\"",
    "command=\"a b\"",
    "-----BEGIN PUBLIC KEY-----",
    "-----END PUBLIC KEY-----",
    "-----BEGIN RSA PUBLIC KEY-----",
    "-----BEGIN OPENSSH PRIVATE KEY-----",
    "-----END RSA PRIVATE KEY-----",
    "---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----",
    "b3BlbnNzaC1rZXktdjE",
    "PuTTY-User-Key-File-3: ssh-ed25519 Encryption: none",
    "-----BEGIN CERTIFICATE-----",
    "---- BEGIN SSH2 PUBLIC KEY ----",
    "---- END SSH2 PUBLIC KEY ----",
    "Comment: \"x\\",
    "PuTTY-User-Key-File-3: ssh-ed25519",
    "Public-Lines: 99999999999",
    "Private-Lines: 2",
    "MCowBQYDK2VwAyEA",
    "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA",
    "SHA256:",
    "\n",
    "\r\n",
    " ",
    "\t",
];

fn word_salad() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 0..40).prop_map(|w| w.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text(paste in "\\PC{0,300}") {
        check(&paste)?;
    }

    #[test]
    fn arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..1500)) {
        check(&String::from_utf8_lossy(&bytes))?;
    }

    #[test]
    fn damaged_real_keys(paste in damaged_corpus()) {
        check(&paste)?;
    }

    #[test]
    fn concatenated_corpus_cases(paste in corpus_mix()) {
        check(&paste)?;
    }

    #[test]
    fn format_word_salad(paste in word_salad()) {
        check(&paste)?;
    }
}

/// The undamaged corpus keeps the promises too (and the private-marker rule
/// holds for each private key file).
#[test]
fn corpus_as_is() {
    for text in corpus() {
        check(text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    }
}

/// A small deterministic generator, so the big inputs need no extra crate.
fn pseudo_random(seed: u64) -> impl FnMut() -> u64 {
    let mut state = seed;
    move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    }
}

const MEGABYTE: usize = 1 << 20;

#[test]
fn one_megabyte_of_random_text() {
    let mut next = pseudo_random(0x9e37_79b9_7f4a_7c15);
    let alphabet: Vec<char> =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/= \n\t-.:é…"
            .chars()
            .collect();
    let mut text = String::with_capacity(MEGABYTE + 4);
    while text.len() < MEGABYTE {
        text.push(alphabet[(next() % alphabet.len() as u64) as usize]);
    }
    check(&text).unwrap();
}

#[test]
fn one_megabyte_line_without_newline() {
    let mut next = pseudo_random(42);
    let mut line = String::from("ssh-rsa ");
    while line.len() < MEGABYTE {
        let c = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
            [(next() % 64) as usize];
        line.push(c as char);
    }
    check(&line).unwrap();
    check(&line["ssh-rsa ".len()..]).unwrap();
}

#[test]
fn one_megabyte_of_wrapped_base64() {
    // A huge base64 file wrapped at 64 columns, with and without a key type:
    // the line joining must stay linear.
    let mut next = pseudo_random(7);
    let mut body = String::from("AAAA");
    while body.len() < MEGABYTE {
        let c = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
            [(next() % 64) as usize];
        body.push(c as char);
        if body.len() % 65 == 64 {
            body.push('\n');
        }
    }
    check(&body).unwrap();
    check(&format!("ssh-rsa {body}")).unwrap();
    check(&format!("ssh-rsa AAAAB3NzaC1yc2EAAAADAQAB{body}")).unwrap();
}
