//! `---- BEGIN SSH2 … ----` blocks (RFC 4716): the public-key export of
//! PuTTYgen and `ssh-keygen -e`, and SSH.com's private key format.

use super::finding::{Finding, Kind};
use super::key::SshKey;
use super::openssh::key_finding;
use super::pem::private_message;
use super::text::base64::PADDED;
use super::text::{read_armoured, unquote, Armoured, Line};
use base64::Engine as _;
use ssh_encoding::Decode;
use ssh_key::public::{DsaPublicKey, KeyData, RsaPublicKey};
use ssh_key::Mpint;

/// The label of a `---- BEGIN LABEL ----` line.
pub(crate) fn begin_label(line: &str) -> Option<&str> {
    line.strip_prefix("---- BEGIN ")?
        .strip_suffix(" ----")
        .map(str::trim)
        // A flattened block is not a BEGIN line: see [`super::hidden`].
        .filter(|label| !label.contains('-'))
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

/// SSH.com's private key (as PuTTYgen's `-O private-sshcom` writes it):
/// magic, length, key type, cipher name, then the key data, which holds the
/// public numbers beside the private ones. When the cipher is `none` the
/// public half is read, so the user can tell which key it is.
fn sshcom_private(block: &Armoured, line: usize) -> Finding {
    const FORMAT: &str = "SSH.com private key";
    const MAGIC: u32 = 0x3f6f_f9eb;
    let bytes = PADDED.decode(&block.body).unwrap_or_default();
    let mut r = bytes.as_slice();
    let header = (|| {
        let magic = u32::decode(&mut r).ok()?;
        let _length = u32::decode(&mut r).ok()?;
        let key_type = String::decode(&mut r).ok()?;
        let cipher = String::decode(&mut r).ok()?;
        (magic == MAGIC).then_some((key_type, cipher))
    })();
    let mut finding = Finding::new(Kind::Private, line, FORMAT);
    finding.encrypted = header.as_ref().map(|(_, cipher)| cipher != "none");
    finding.problem = Some(private_message(FORMAT, finding.encrypted));
    if let Some((key_type, _)) = header.filter(|(_, cipher)| cipher == "none") {
        let comment = block
            .header("Comment")
            .map(|c| unquote(c).to_string())
            .filter(|c| !c.is_empty());
        let public = Vec::<u8>::decode(&mut r)
            .ok()
            .and_then(|data| sshcom_public(&key_type, &data))
            .ok_or_else(|| "its key data is damaged".to_string())
            .and_then(|key| SshKey::from_key_data(key, comment).map_err(|e| e.describe()));
        match public {
            Ok(key) => finding.key = Some(key),
            Err(why) => finding
                .repairs
                .push(format!("Its public half could not be read: {why}")),
        }
    }
    finding
}

/// The public numbers of an unencrypted SSH.com key: the data is a string
/// holding, for RSA, e, d, n, u, p, q; for DSA, 0, p, g, q, y, x (PuTTY's
/// import.c documents the format). The private numbers are skipped, not kept.
fn sshcom_public(key_type: &str, data: &[u8]) -> Option<KeyData> {
    let mut outer = data;
    let payload = Vec::<u8>::decode(&mut outer).ok()?;
    let mut r = payload.as_slice();
    if key_type.starts_with("if-modn{sign{rsa") {
        let e = sshcom_mpint(&mut r)?;
        sshcom_skip(&mut r)?;
        let n = sshcom_mpint(&mut r)?;
        Some(KeyData::Rsa(RsaPublicKey { e, n }))
    } else if key_type.starts_with("dl-modp{sign{dsa") {
        // 0: the parameters follow (1 would name predefined ones, never seen).
        if u32::decode(&mut r).ok()? != 0 {
            return None;
        }
        let p = sshcom_mpint(&mut r)?;
        let g = sshcom_mpint(&mut r)?;
        let q = sshcom_mpint(&mut r)?;
        let y = sshcom_mpint(&mut r)?;
        Some(KeyData::Dsa(DsaPublicKey { p, q, g, y }))
    } else {
        None
    }
}

/// An SSH.com number: its size in bits, then that many bits, big-endian.
fn sshcom_number<'a>(r: &mut &'a [u8]) -> Option<&'a [u8]> {
    let bits = u32::decode(r).ok()? as usize;
    let len = bits.div_ceil(8);
    let (number, rest) = (r.len() >= len).then(|| r.split_at(len))?;
    *r = rest;
    Some(number)
}

fn sshcom_mpint(r: &mut &[u8]) -> Option<Mpint> {
    Mpint::from_positive_bytes(sshcom_number(r)?).ok()
}

fn sshcom_skip(r: &mut &[u8]) -> Option<()> {
    sshcom_number(r).map(|_| ())
}
