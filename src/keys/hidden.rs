//! Private-key material where no block parser looks for it: in a key's
//! comment, its options, a known_hosts name, or on the same line after a
//! public key. That is what a private key becomes when a chat tool, an e-mail
//! client or a careless `tr` turns its line breaks into spaces, and the line
//! parser would otherwise read all of it as the public key's comment.
//!
//! Any marker of private-key material anywhere in a paste refuses the whole
//! paste. The flattened key is then rebuilt (its words put back on lines) and
//! read by the ordinary parsers, to name its format and show which key it is.

use super::finding::{Finding, Kind};
use super::text::base64::{PADDED, UNPADDED};
use super::text::{is_base64_token, split_lines, Line};
use super::{pem, putty, ssh2};
use base64::Engine as _;

/// The start of an OpenSSH private key blob (`openssh-key-v1\0`) in base64:
/// the body of every `OPENSSH PRIVATE KEY` block begins with it.
const OPENSSH_BLOB: &str = "b3BlbnNzaC1rZXktdjE";
const PUTTY: &str = "PuTTY-User-Key-File-";
/// Every `.ppk` has this line, also when its first line was not copied.
const PUTTY_PRIVATE_LINES: &str = "Private-Lines:";

/// What kind of marker was found.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Marker {
    /// `-----BEGIN/END … PRIVATE KEY…-----` (PEM) or
    /// `---- BEGIN/END SSH2 ENCRYPTED PRIVATE KEY ----` (SSH.com).
    Armour {
        label: String,
        begin: bool,
    },
    Putty,
    PuttyBody,
    OpensshBlob,
}

/// A marker found in a paste: where it starts and the word that gave it away.
#[derive(Clone, Debug)]
pub(crate) struct Found {
    offset: usize,
    /// The text that identifies the marker (looked for in comments).
    needle: &'static str,
    marker: Marker,
}

/// The first marker of private-key material in the paste, if any.
pub(crate) fn find(paste: &str) -> Option<Found> {
    let armour = armour_marker(paste);
    let simple = [
        (OPENSSH_BLOB, Marker::OpensshBlob),
        (PUTTY, Marker::Putty),
        (PUTTY_PRIVATE_LINES, Marker::PuttyBody),
    ]
    .into_iter()
    .filter_map(|(needle, marker)| {
        // `contains` is a SIMD scan on x86_64, `find` a slower two-way
        // search: the offset is looked for only in a paste that has one.
        if !paste.contains(needle) {
            return None;
        }
        Some(Found {
            offset: paste.find(needle)?,
            needle,
            marker,
        })
    });
    armour.into_iter().chain(simple).min_by_key(|f| f.offset)
}

/// The first `BEGIN`/`END` line of a private-key block, flattened or not.
fn armour_marker(paste: &str) -> Option<Found> {
    if !paste.contains("PRIVATE KEY") {
        return None;
    }
    let bytes = paste.as_bytes();
    let mut from = 0;
    while let Some(hit) = paste[from..].find("PRIVATE KEY") {
        let at = from + hit;
        from = at + 1;
        // Walk back over the label's other words to `BEGIN ` or `END `.
        let mut start = at;
        while start > 0 && (bytes[start - 1].is_ascii_alphanumeric() || bytes[start - 1] == b' ') {
            start -= 1;
        }
        let before = &paste[start..at];
        let Some((word, label_head)) = ["BEGIN ", "END "]
            .iter()
            .filter_map(|w| before.find(w).map(|i| (w, i)))
            .min_by_key(|&(_, i)| i)
            .map(|(w, i)| (*w, &before[i + w.len()..]))
        else {
            continue;
        };
        let word_at = at - label_head.len() - word.len();
        let dashes = paste[..word_at].trim_end_matches(' ');
        if !dashes.ends_with("--") {
            continue;
        }
        let dash_start = dashes.trim_end_matches('-').len();
        let tail = if paste[at..].starts_with("PRIVATE KEY BLOCK") {
            "PRIVATE KEY BLOCK"
        } else {
            "PRIVATE KEY"
        };
        return Some(Found {
            offset: dash_start,
            needle: "PRIVATE KEY",
            marker: Marker::Armour {
                label: format!("{label_head}{tail}"),
                begin: word == "BEGIN ",
            },
        });
    }
    None
}

/// The one finding for a paste that hides private-key material: a private
/// finding on the marker's line, saying where the key hides and, when the
/// flattened key could be rebuilt, which key it is.
pub(crate) fn refuse(
    paste: &str,
    lines: &[Line<'_>],
    found: &Found,
    findings: &[Finding],
) -> Finding {
    let (line, place) = place(paste, lines, found, findings);
    let rest = &paste[found.offset..];
    let rebuilt = match &found.marker {
        Marker::Armour { label, begin: true } => Some(rebuild_armoured(rest, label)),
        Marker::Putty => Some(rebuild_putty(rest)),
        Marker::OpensshBlob => rebuild_blob(rest),
        Marker::Armour { begin: false, .. } | Marker::PuttyBody => None,
    };
    let mut finding = rebuilt.unwrap_or_else(|| {
        let format = match &found.marker {
            Marker::Armour { label, .. } if label.starts_with("SSH2 ") => "SSH.com private key",
            Marker::Armour { label, .. } => pem::format_name(label),
            Marker::Putty | Marker::PuttyBody => "PuTTY private key (.ppk)",
            Marker::OpensshBlob => "OpenSSH private key",
        };
        Finding::new(Kind::Private, line, format)
    });
    finding.kind = Kind::Private;
    finding.line = line;
    finding.certificate = None;
    finding.problem = Some(format!(
        "A private key was found {place}: {}. A private key must never be shared, and nothing \
         in this paste will be used: its line breaks were probably turned into spaces when it \
         was copied, so it hid among the text. Paste only the public key: the matching .pub \
         file (for example ~/.ssh/id_ed25519.pub), or the output of `ssh-keygen -y -f <private \
         key file>`.{}",
        finding.format,
        pem::protection(finding.encrypted)
    ));
    finding
}

/// The 1-based line of the marker and where on it the key hides, in words.
fn place(paste: &str, lines: &[Line<'_>], found: &Found, findings: &[Finding]) -> (usize, String) {
    let base = paste.as_ptr() as usize;
    let index = lines
        .iter()
        .rposition(|l| l.text.as_ptr() as usize - base <= found.offset)
        .unwrap_or(0);
    let number = index + 1;
    let in_comment = findings.iter().rev().find(|f| {
        f.line <= number
            && f.key
                .as_ref()
                .and_then(|k| k.comment.as_deref())
                .is_some_and(|c| c.contains(found.needle))
    });
    if let Some(finding) = in_comment {
        return (
            number,
            format!("in the comment of the key on line {}", finding.line),
        );
    }
    let Some(text) = lines.get(index).map(|l| l.text) else {
        return (number, format!("on line {number}"));
    };
    let column = (found.offset + base)
        .saturating_sub(text.as_ptr() as usize)
        .min(text.len());
    let after = text.get(column..).unwrap_or("");
    let key_follows = after
        .split_whitespace()
        .skip(1)
        .any(super::openssh::is_known_type);
    if !key_follows {
        return (number, format!("on line {number}"));
    }
    let first = text.split_whitespace().next().unwrap_or("");
    let where_ = if text.get(..column).unwrap_or("").trim().is_empty() {
        format!("before the key on line {number}")
    } else if first.starts_with('@') || !super::openssh::is_option_list(first) {
        format!("in the known_hosts host names before the key on line {number}")
    } else {
        format!("in the options of the key on line {number}")
    };
    (number, where_)
}

/// The words of a flattened text (split at any whitespace, line breaks too).
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(char::is_whitespace).filter(|w| !w.is_empty())
}

fn is_header_name(word: &str) -> bool {
    word.len() > 1
        && word.ends_with(':')
        && word[..word.len() - 1]
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// A flattened `BEGIN` … `END` block as the lines it was, read by its parser.
fn rebuild_armoured(rest: &str, label: &str) -> Finding {
    let ssh2 = label.starts_with("SSH2 ");
    let (begin, end) = if ssh2 {
        (
            format!("---- BEGIN {label} ----"),
            format!("---- END {label} ----"),
        )
    } else {
        (
            format!("-----BEGIN {label}-----"),
            format!("-----END {label}-----"),
        )
    };
    // The body runs from after the BEGIN marker's dashes to the END marker.
    let body_start = rest
        .find(label)
        .map(|i| i + label.len())
        .map(|i| i + rest[i..].len() - rest[i..].trim_start_matches([' ', '-']).len())
        .unwrap_or(rest.len());
    let body = &rest[body_start..];
    let end_word = format!("END {label}");
    let (body, ended) = match body.find(&end_word) {
        Some(i) => (body[..i].trim_end_matches([' ', '-']), true),
        None => (body, false),
    };
    let mut text = begin;
    text.push('\n');
    let mut words = words(body);
    while let Some(word) = words.next() {
        text.push_str(word);
        // A header (`Proc-Type: 4,ENCRYPTED`, `Comment: "a b"`) keeps its value.
        if is_header_name(word) {
            let mut quoted = false;
            for value in words.by_ref() {
                text.push(' ');
                text.push_str(value);
                quoted ^= value.matches('"').count() % 2 == 1;
                if !quoted {
                    break;
                }
            }
        }
        text.push('\n');
    }
    if ended {
        text.push_str(&end);
        text.push('\n');
    }
    let lines = split_lines(&text);
    if ssh2 {
        ssh2::parse_block(&lines, 0, label).0
    } else {
        pem::parse_block(&lines, 0, label).0
    }
}

/// The header names of a `.ppk` file.
const PPK_HEADERS: &[&str] = &[
    "Encryption:",
    "Comment:",
    "Public-Lines:",
    "Private-Lines:",
    "Private-MAC:",
    "Private-Hash:",
    "Key-Derivation:",
    "Argon2-Memory:",
    "Argon2-Passes:",
    "Argon2-Parallelism:",
    "Argon2-Salt:",
];

/// A flattened `.ppk` as the lines it was, read by the PuTTY parser.
fn rebuild_putty(rest: &str) -> Finding {
    let is_header = |w: &str| w.starts_with(PUTTY) || PPK_HEADERS.contains(&w);
    let mut text = String::new();
    let mut words = words(rest).peekable();
    while let Some(header) = words.next() {
        if !is_header(header) {
            break;
        }
        let mut values = Vec::new();
        while let Some(value) = words.next_if(|w| !is_header(w)) {
            values.push(value);
        }
        if header.ends_with("-Lines:") {
            // The count, then the body: one line per word, counted again.
            let body = values.get(1..).unwrap_or_default();
            text.push_str(&format!("{header} {}\n", body.len()));
            for line in body {
                text.push_str(line);
                text.push('\n');
            }
        } else {
            text.push_str(&format!("{header} {}\n", values.join(" ")));
        }
        if header == "Private-MAC:" || header == "Private-Hash:" {
            break;
        }
    }
    putty::parse(&split_lines(&text), 0).0
}

/// A bare OpenSSH private key body (no BEGIN line): its base64 words.
fn rebuild_blob(rest: &str) -> Option<Finding> {
    let data: String = words(rest).take_while(|w| is_base64_token(w)).collect();
    let bytes = PADDED
        .decode(&data)
        .or_else(|_| UNPADDED.decode(data.trim_end_matches('=')))
        .ok()?;
    Some(pem::openssh_private(&bytes, 1))
}
