//! PuTTY private key files (`.ppk`, versions 2 and 3). Their public half is
//! stored in clear text, so even a protected file tells which key it is.

use super::finding::{Finding, Kind};
use super::key::SshKey;
use super::pem::private_message;
use super::text::base64::PADDED;
use super::text::{is_invisible, Line};
use base64::Engine as _;

const FORMAT: &str = "PuTTY private key (.ppk)";

/// The first line of a `.ppk`: `PuTTY-User-Key-File-3: ssh-ed25519`, and
/// nothing else (a flattened file is left to [`super::hidden`]).
pub(crate) fn is_start(line: &str) -> bool {
    line.starts_with("PuTTY-User-Key-File-") && line.split_whitespace().count() <= 2
}

/// Reads a `.ppk` starting at `start`; returns the finding and the next line.
pub(crate) fn parse(lines: &[Line<'_>], start: usize) -> (Finding, usize) {
    let mut encryption = None;
    let mut comment = None;
    let mut public = String::new();
    let mut i = start + 1;
    while i < lines.len() {
        let line = lines[i].text.trim();
        i += 1;
        let Some((name, value)) = line.split_once(':') else {
            break;
        };
        let value = value.trim();
        match name {
            "Encryption" => encryption = Some(value != "none"),
            "Comment" => comment = Some(value.to_string()).filter(|c| !c.is_empty()),
            "Public-Lines" | "Private-Lines" => {
                let count: usize = value.parse().unwrap_or(0).min(lines.len());
                let body_end = (i + count).min(lines.len());
                if name == "Public-Lines" {
                    for body in &lines[i..body_end] {
                        public.extend(
                            body.text
                                .chars()
                                .filter(|c| !c.is_whitespace() && !is_invisible(*c)),
                        );
                    }
                }
                i = body_end;
            }
            "Private-MAC" | "Private-Hash" => break,
            _ => {}
        }
    }
    let mut finding = Finding::new(Kind::Private, start + 1, FORMAT);
    finding.encrypted = encryption;
    let mut problem = private_message(FORMAT, encryption);
    problem.push_str(
        " In PuTTYgen, load this file and copy the box “Public key for pasting into OpenSSH \
         authorized_keys file”.",
    );
    finding.problem = Some(problem);
    if let Ok(blob) = PADDED.decode(&public) {
        if let Ok((key, _)) = SshKey::from_blob(blob, None, comment) {
            finding.key = Some(key);
        }
    }
    (finding, i)
}
