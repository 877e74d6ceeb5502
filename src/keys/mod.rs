//! The key engine: turns whatever a person pastes into findings, one per key,
//! each a usable key or a specific problem, with the same fingerprints as
//! `ssh-keygen -l`.
//!
//! Pure Rust: no web dependency, no I/O, no knowledge of who will receive the
//! key (providers apply their own policy to the [`Lint`]s). It must never
//! panic on any input: a panic in WASM kills the page.

mod curve;
mod finding;
mod hidden;
mod key;
pub mod known_bad;
mod lint;
mod openssh;
mod pem;
mod putty;
mod ssh2;
mod text;
mod tokens;

pub use finding::{CertificateFacts, Finding, Kind};
pub use key::SshKey;
pub use lint::{Lint, LintCode, MAX_COMMENT_CHARS};

/// Inspects a paste: every key in it, in the order they appear.
///
/// A paste that holds a private key anywhere is refused as a whole: the
/// result is that one private finding, because the user pasted the wrong file.
/// A paste with no key at all gives one invalid finding that says why.
pub fn inspect(paste: &str) -> Vec<Finding> {
    let lines = text::split_lines(paste);
    let mut findings = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i]
            .text
            .trim_matches(|c: char| c.is_whitespace() || text::is_invisible(c));
        if line.is_empty() {
            i += 1;
            continue;
        }
        let (finding, next) = if let Some(label) = pem::begin_label(line) {
            pem::parse_block(&lines, i, label)
        } else if let Some(label) = ssh2::begin_label(line) {
            ssh2::parse_block(&lines, i, label)
        } else if putty::is_start(line) {
            putty::parse(&lines, i)
        } else if let Some(found) = openssh::parse_at(&lines, i) {
            found
        } else {
            i += 1;
            continue;
        };
        if finding.kind == Kind::Private {
            // A published private key is worse than a pasted one: say so.
            let mut finding = finding;
            lint::check_known_bad(&mut finding);
            return vec![finding];
        }
        findings.push(finding);
        i = next.max(i + 1);
    }
    if let Some(found) = hidden::find(paste) {
        return vec![hidden::refuse(paste, &lines, &found, &findings)];
    }
    // Invisible characters are removed from comments, so a marker broken by
    // one would appear in the key line the engine offers: look without them.
    // They are all non-ASCII, and `is_ascii` is a fast word-at-a-time check.
    if !paste.is_ascii() && paste.chars().any(text::is_invisible) {
        let visible: String = paste.chars().filter(|&c| !text::is_invisible(c)).collect();
        if let Some(found) = hidden::find(&visible) {
            let lines = text::split_lines(&visible);
            return vec![hidden::refuse(&visible, &lines, &found, &findings)];
        }
    }
    // After the private-key scan, which looks for markers in the comments.
    findings.iter_mut().for_each(lint::check_comment);
    findings.iter_mut().for_each(lint::check_known_bad);
    if findings.is_empty() {
        return vec![nothing_found(paste)];
    }
    lint::mark_duplicates(&mut findings);
    findings
}

/// The verdict for a paste with no key in it: as specific as we can be.
fn nothing_found(paste: &str) -> Finding {
    const FORMAT: &str = "text";
    let trimmed = paste.trim();
    let problem = if trimmed.is_empty() {
        "Nothing to inspect: the input is empty. Paste a public key, such as the one line in \
         ~/.ssh/id_ed25519.pub."
    } else if trimmed
        .split_whitespace()
        .any(|word| word.starts_with("SHA256:") || word.starts_with("MD5:") || looks_like_md5(word))
    {
        "This is a key fingerprint, not a key. Paste the public key itself: the one line in the \
         .pub file (`ssh-keygen -l` shows fingerprints; `cat ~/.ssh/id_ed25519.pub` shows the key)."
    } else if trimmed.starts_with("ssh-")
        || trimmed.starts_with("ecdsa-")
        || trimmed.starts_with("sk-")
    {
        "This starts like a key type but no key data follows it. Paste the whole line: type, \
         then a long base64 string, then an optional comment."
    } else {
        "No SSH key found. A public key is one line that starts with its type (ssh-ed25519, \
         ssh-rsa, ecdsa-sha2-nistp256, …), then a long base64 string, then an optional comment, \
         as in ~/.ssh/id_ed25519.pub."
    };
    Finding::invalid(1, FORMAT, problem)
}

fn looks_like_md5(text: &str) -> bool {
    text.len() == 47
        && text
            .split(':')
            .all(|pair| pair.len() == 2 && pair.bytes().all(|b| b.is_ascii_hexdigit()))
}
