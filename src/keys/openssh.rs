//! OpenSSH public key lines, as in `.pub`, `authorized_keys` and
//! `known_hosts` files, with the damage that copying and pasting does.

use super::finding::{Finding, Kind};
use super::key::{blob_type, SshKey};
use super::lint::lint_key;
use super::text::base64::UNPADDED;
use super::text::{is_base64_char, is_base64_token, is_invisible, Line};
use super::tokens::tokens;
use base64::Engine as _;
use std::borrow::Cow;

const FORMAT: &str = "OpenSSH public key";

/// Every key type ssh-keygen knows, and the certificate types.
const KEY_TYPES: &[&str] = &[
    "ssh-ed25519",
    "ssh-rsa",
    "ecdsa-sha2-nistp256",
    "ecdsa-sha2-nistp384",
    "ecdsa-sha2-nistp521",
    "sk-ssh-ed25519@openssh.com",
    "sk-ecdsa-sha2-nistp256@openssh.com",
    "ssh-dss",
    "ssh-xmss@openssh.com",
];

pub(crate) fn is_known_type(token: &str) -> bool {
    KEY_TYPES.contains(&token)
        || token
            .strip_suffix("-cert-v01@openssh.com")
            .is_some_and(|plain| {
                KEY_TYPES.contains(&plain)
                    || KEY_TYPES.contains(&format!("{plain}@openssh.com").as_str())
            })
}

/// Looks like a key type name (`something-else@vendor`) followed by base64.
fn looks_like_type(token: &str, next: Option<&str>) -> bool {
    token.len() <= 64
        && token.contains('-')
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-@._".contains(&b))
        && next.is_some_and(|n| n.starts_with("AAAA"))
}

/// The first character of the key data that is not base64 (nor invisible).
fn first_bad_character(data: &str) -> Option<char> {
    if data.is_ascii() {
        return data
            .bytes()
            .find(|&b| !(b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=')))
            .map(char::from);
    }
    data.chars()
        .find(|&c| !is_base64_char(c) && !is_invisible(c))
}

/// Tries to read a key line starting at line `index`. Returns the finding and
/// the index of the next unread line, or `None` if the line holds no key.
pub(crate) fn parse_at(lines: &[Line<'_>], index: usize) -> Option<(Finding, usize)> {
    let (text, quoted) = unquote_line(lines[index].text);
    let toks = tokens(text);
    let word = |k: usize| toks.get(k).map(|&(s, e)| &text[s..e]);
    let type_at = (0..toks.len()).find(|&k| {
        let token = &text[toks[k].0..toks[k].1];
        is_known_type(token) || looks_like_type(token, word(k + 1))
    });
    let line_no = index + 1;
    let mut repairs = Vec::new();
    if lines[index].crlf {
        repairs.push("Removed Windows line endings (CRLF)".to_string());
    }
    if quoted {
        repairs.push("Removed the quotes around the key".to_string());
    }

    let (stated, data_token, mut comment) = match type_at {
        Some(k) => {
            let prefix =
                text[..toks[k].0].trim_matches(|c: char| c.is_whitespace() || is_invisible(c));
            if !prefix.is_empty() {
                repairs.push(describe_prefix(prefix));
            }
            let comment = toks
                .get(k + 2)
                .map(|&(s, _)| text[s..].trim())
                .unwrap_or("");
            (
                Some(word(k).unwrap_or_default()),
                word(k + 1).unwrap_or(""),
                comment,
            )
        }
        None => {
            // A bare base64 blob with its type missing: the blob names its type.
            let first = word(0)?;
            if !(first.starts_with("AAAA") && first.len() >= 16 && is_base64_token(first))
                || names_unknown_type(first)
            {
                return None;
            }
            let comment = toks.get(1).map(|&(s, _)| text[s..].trim()).unwrap_or("");
            (None, first, comment)
        }
    };
    // One trailing space is no damage: ssh-keygen writes it when the comment is empty.
    let trailing = &text[text.trim_end().len()..];
    if text.starts_with(char::is_whitespace) || !(trailing.is_empty() || trailing == " ") {
        repairs.push("Removed spaces around the key".to_string());
    }
    if let Some(k) = type_at {
        let between = &text[toks[k].1..toks.get(k + 1).map_or(toks[k].1, |t| t.0)];
        let spaces = between.chars().filter(|c| c.is_whitespace()).count();
        if spaces > 1 || between.contains('\t') || between.contains('\u{a0}') {
            repairs
                .push("Replaced tabs or repeated spaces between the fields with one space".into());
        }
    }

    let mut data = Cow::Borrowed(data_token);
    // When nothing will be joined to it, an all-ASCII token is checked by the
    // decoder itself (one pass less on the hot path), which names the bad
    // character only when it fails.
    let check_now = comment.is_empty() || !data.is_ascii();
    if let Some(bad) = check_now.then(|| first_bad_character(&data)).flatten() {
        let problem = bad_character(bad);
        let mut finding = Finding::invalid(line_no, FORMAT, problem);
        finding.repairs = repairs;
        return Some((finding, index + 1));
    }

    // The key data may continue on the next lines (a terminal or an e-mail
    // wrapped it). Join lines while the data is incomplete.
    let mut next = index + 1;
    let mut joined = 0;
    while comment.is_empty() && next < lines.len() {
        let following = lines[next].text;
        let toks = tokens(following);
        let Some(&(s, e)) = toks.first() else { break };
        let token = &following[s..e];
        if !is_base64_token(token)
            || is_known_type(token)
            || data.len() >= MAX_JOINED_DATA
            || decodes_completely(&data)
        {
            break;
        }
        data.to_mut().push_str(token);
        comment = toks
            .get(1)
            .map(|&(s, _)| following[s..].trim())
            .unwrap_or("");
        next += 1;
        joined += 1;
    }
    let mut comment = comment.to_string();
    if joined > 0 {
        // A terminal wraps at a fixed width, in the comment too: while the
        // line read last is exactly as wide as the first, the next continues it.
        let width = text.chars().count();
        while next < lines.len() && lines[next - 1].text.chars().count() == width {
            let following = lines[next].text;
            let first = tokens(following).first().map(|&(s, e)| &following[s..e]);
            match first {
                Some(token)
                    if !is_known_type(token)
                        && !token.starts_with("AAAA")
                        && !token.starts_with("---") => {}
                _ => break,
            }
            comment.push_str(following);
            next += 1;
        }
        comment = comment.trim().to_string();
        repairs.push(format!(
            "Joined the key data that was broken over {} lines",
            joined + 1
        ));
    }
    if [&data, text, &comment]
        .iter()
        .any(|s| !s.is_ascii() && s.chars().any(is_invisible))
    {
        repairs.push(
            "Removed invisible characters (zero-width spaces, byte-order marks) from the key line"
                .into(),
        );
        data.to_mut().retain(|c| !is_invisible(c));
        comment.retain(|c| !is_invisible(c));
    }

    let blob = match decode_base64(&data, &mut repairs) {
        Ok(blob) => blob,
        Err(problem) => {
            let mut finding = Finding::invalid(line_no, FORMAT, problem);
            finding.repairs = repairs;
            return Some((finding, next));
        }
    };
    if stated.is_none() {
        match blob_type(&blob) {
            Ok(kind) if is_known_type(&kind) => repairs.push(format!(
                "Added the missing key type `{kind}` in front of the key data"
            )),
            // Not a key after all: leave the line to the "no key found" verdict.
            _ => return None,
        }
    }
    let comment = (!comment.is_empty()).then_some(comment);
    Some((
        key_finding(blob, stated, comment, line_no, FORMAT, repairs),
        next,
    ))
}

/// Turns a decoded blob into a public-key or certificate finding, or an
/// invalid one that says what is wrong with the blob.
pub(crate) fn key_finding(
    blob: Vec<u8>,
    stated: Option<&str>,
    comment: Option<String>,
    line: usize,
    format: &'static str,
    repairs: Vec<String>,
) -> Finding {
    match SshKey::from_blob(blob, stated, comment) {
        Ok((key, certificate)) => {
            let kind = if certificate.is_some() {
                Kind::Certificate
            } else {
                Kind::Public
            };
            let mut finding = Finding::new(kind, line, format);
            finding.lints = lint_key(kind, key.key_data(), key.bits);
            finding.key = Some(key);
            finding.certificate = certificate.map(Box::new);
            finding.repairs = repairs;
            finding
        }
        Err(error) => {
            let mut finding = Finding::invalid(line, format, error.describe());
            finding.repairs = repairs;
            finding
        }
    }
}

/// A whole line in quotes or backticks, as JSON, YAML, Terraform and chat
/// tools show a key (`"ssh-ed25519 AAAA… me",`): the text inside them.
fn unquote_line(line: &str) -> (&str, bool) {
    let trimmed = line.trim();
    let trimmed = trimmed.strip_suffix(',').unwrap_or(trimmed);
    for quote in ['"', '\'', '`'] {
        if let Some(inner) = trimmed
            .strip_prefix(quote)
            .and_then(|t| t.strip_suffix(quote))
        {
            if !inner.contains(quote) && !inner.trim().is_empty() {
                return (inner, true);
            }
        }
    }
    (line, false)
}

/// The `authorized_keys` options (sshd(8), AUTHORIZED_KEYS FILE FORMAT).
const OPTIONS: &[&str] = &[
    "from=",
    "command=",
    "no-pty",
    "no-port-forwarding",
    "no-agent-forwarding",
    "no-x11-forwarding",
    "restrict",
    "environment=",
    "permitopen=",
    "permitlisten=",
    "principals=",
    "tunnel=",
    "expiry-time=",
    "cert-authority",
    "no-touch-required",
    "verify-required",
    "port-forwarding",
    "pty",
    "agent-forwarding",
    "x11-forwarding",
    "user-rc",
    "no-user-rc",
];

/// True if a line's first word is an `authorized_keys` option list (and not
/// known_hosts host names).
pub(crate) fn is_option_list(word: &str) -> bool {
    // A hashed known_hosts name (`|1|salt|hash`) has `=` in its base64.
    !word.starts_with('|') && (word.contains('=') || OPTIONS.iter().any(|o| word.starts_with(o)))
}

fn describe_prefix(prefix: &str) -> String {
    let shown: String = prefix.chars().take(60).collect();
    let ellipsis = if prefix.chars().count() > 60 {
        "…"
    } else {
        ""
    };
    if prefix.starts_with("@cert-authority") || prefix.starts_with("@revoked") {
        format!(
            "Removed the known_hosts marker and host names before the key (`{shown}{ellipsis}`)"
        )
    } else if OPTIONS.iter().any(|o| prefix.contains(o)) {
        format!("Removed the authorized_keys options before the key (`{shown}{ellipsis}`)")
    } else {
        format!("Removed the text before the key (`{shown}{ellipsis}`), such as a known_hosts host name")
    }
}

fn bad_character(c: char) -> String {
    match c {
        '…' => "The key data ends in `…`: it was shortened for display (web pages and some \
                tools do this). Copy the full key from the .pub file instead."
            .into(),
        '.' => "The key data contains `.`: it was shortened or changed when copied. Copy the \
                full key from the .pub file instead."
            .into(),
        '-' | '_' => format!(
            "The key data contains `{c}`, which is URL-safe base64; OpenSSH keys use standard \
             base64 (`+` and `/`). Copy the key again from the .pub file."
        ),
        c if c.is_control() => format!(
            "The key data contains the control character U+{:04X}. Copy the key again from the \
             .pub file.",
            c as u32
        ),
        c => format!(
            "The key data contains `{c}`, which is not a base64 character: the key was changed \
             when copied. Copy it again from the .pub file."
        ),
    }
}

/// The most key data that lines are joined into: far more than any real key
/// or certificate (a 16384-bit RSA key is under 3 KB of base64), and it keeps
/// a huge base64 paste from being decoded again for every line joined.
const MAX_JOINED_DATA: usize = 16 * 1024;

/// True if the start of the base64 already shows a type name that is not a
/// key type, so no amount of further data makes it a key.
fn names_unknown_type(data: &str) -> bool {
    let mut head: String = data
        .chars()
        .filter(|&c| c != '=' && !is_invisible(c))
        .take(92)
        .collect();
    head.truncate(head.len() / 4 * 4);
    let Ok(bytes) = UNPADDED.decode(&head) else {
        return false;
    };
    let Some(len) = bytes
        .get(..4)
        .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    else {
        return false;
    };
    let len = len as usize;
    match bytes.get(4..4 + len.min(64)) {
        _ if len > 64 => true,
        Some(name) if 4 + len <= bytes.len() => !is_known_type(&String::from_utf8_lossy(name)),
        _ => false,
    }
}

/// True if the base64 decodes to a complete key blob (no more data needed).
fn decodes_completely(data: &str) -> bool {
    if names_unknown_type(data) {
        return false;
    }
    let clean: String = data
        .chars()
        .filter(|&c| c != '=' && !is_invisible(c))
        .collect();
    match UNPADDED.decode(&clean) {
        Ok(blob) => SshKey::from_blob(blob, None, None).is_ok(),
        Err(_) => false,
    }
}

/// Decodes the key data, repairing its padding if needed.
fn decode_base64(data: &str, repairs: &mut Vec<String>) -> Result<Vec<u8>, String> {
    let unpadded = data.trim_end_matches('=');
    let given_padding = data.len() - unpadded.len();
    if unpadded.contains('=') {
        return Err(
            "The key data has `=` in the middle: two keys or two copies were glued \
                    together. Copy the line again from the .pub file."
                .into(),
        );
    }
    if unpadded.is_empty() {
        return Err(
            "The key type is there but the key data after it is missing. Copy the whole \
                    line from the .pub file."
                .into(),
        );
    }
    let blob = UNPADDED.decode(unpadded).map_err(|_| {
        if let Some(bad) = first_bad_character(unpadded) {
            bad_character(bad)
        } else if unpadded.len() % 4 == 1 {
            "The key data has one character too many or too few: it was cut short or a \
             character was added when copied. Copy the line again from the .pub file."
                .to_string()
        } else {
            "The key data is not valid base64 (its last character is wrong): it was changed \
             when copied. Copy the line again from the .pub file."
                .to_string()
        }
    })?;
    let expected_padding = (4 - unpadded.len() % 4) % 4;
    if given_padding != expected_padding {
        repairs.push(if given_padding == 0 {
            "Added the missing `=` padding at the end of the key data".to_string()
        } else {
            "Corrected the `=` padding at the end of the key data".to_string()
        });
    }
    Ok(blob)
}
