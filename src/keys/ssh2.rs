//! `---- BEGIN SSH2 … ----` blocks (RFC 4716): the public-key export of
//! PuTTYgen and `ssh-keygen -e`, and SSH.com's private key format.

use super::finding::{Finding, Kind};
use super::openssh::key_finding;
use super::pem::private_message;
use super::text::base64::PADDED;
use super::text::{read_armoured, unquote, Armoured, Line};
use base64::Engine as _;
use ssh_encoding::Decode;

/// The label of a `---- BEGIN LABEL ----` line.
pub(crate) fn begin_label(line: &str) -> Option<&str> {
    line.strip_prefix("---- BEGIN ")?
        .strip_suffix(" ----")
        .map(str::trim)
}

pub(crate) fn parse_block(lines: &[Line<'_>], start: usize, label: &str) -> (Finding, usize) {
    let end = format!("---- END {label} ----");
    let line = start + 1;
    let private = label.contains("PRIVATE");
    let format = if private {
        "SSH.com private key"
    } else {
        "RFC 4716 (SSH2) public key"
    };
    match read_armoured(lines, start, |l| l == end) {
        Ok((block, next)) if private => (sshcom_private(&block, line), next),
        Ok((block, next)) if block.body.is_empty() => {
            let problem = format!(
                "The {format} has no key data between its BEGIN and END lines. Copy the whole \
                 file again."
            );
            (Finding::invalid(line, format, problem), next)
        }
        Ok((block, next)) => (public_key(&block, line), next),
        Err(next) => {
            let mut finding = Finding::invalid(
                line,
                format,
                format!(
                    "The {format} has no `{end}` line: the paste was cut off. Copy the whole file."
                ),
            );
            if private {
                finding.kind = Kind::Private;
                finding.problem = Some(private_message(format, None));
            }
            (finding, next.max(start + 1))
        }
    }
}

/// An RFC 4716 public key, converted to an OpenSSH line.
pub(crate) fn public_key(block: &Armoured, line: usize) -> Finding {
    const FORMAT: &str = "RFC 4716 (SSH2) public key";
    let comment = block
        .header("Comment")
        .map(|c| unquote(c).to_string())
        .filter(|c| !c.is_empty());
    match PADDED.decode(&block.body) {
        Ok(blob) => {
            let mut repairs =
                vec!["Converted from RFC 4716 (SSH2) format to OpenSSH format".to_string()];
            if block.crlf {
                repairs.push("Removed Windows line endings (CRLF)".into());
            }
            key_finding(blob, None, comment, line, FORMAT, repairs)
        }
        Err(_) => Finding::invalid(
            line,
            FORMAT,
            "The key data of this RFC 4716 (SSH2) block is not valid base64: it was changed when \
             copied. Export it again (PuTTYgen: Conversions → Export SSH.com key, or \
             `ssh-keygen -e -f key.pub`).",
        ),
    }
}

/// SSH.com's private key: magic, length, key type, cipher name, data.
/// Only the cipher name is read, to say whether a passphrase protects it.
fn sshcom_private(block: &Armoured, line: usize) -> Finding {
    const FORMAT: &str = "SSH.com private key";
    const MAGIC: u32 = 0x3f6f_f9eb;
    let encrypted = PADDED.decode(&block.body).ok().and_then(|bytes| {
        let mut r = bytes.as_slice();
        let magic = u32::decode(&mut r).ok()?;
        let _length = u32::decode(&mut r).ok()?;
        let _key_type = String::decode(&mut r).ok()?;
        let cipher = String::decode(&mut r).ok()?;
        (magic == MAGIC).then_some(cipher != "none")
    });
    let mut finding = Finding::new(Kind::Private, line, FORMAT);
    finding.encrypted = encrypted;
    finding.problem = Some(private_message(FORMAT, encrypted));
    finding
}
