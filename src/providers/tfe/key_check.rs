//! Whether a pasted private key will work as a TFE SSH key, checked before
//! it is uploaded: TFE does not always refuse a bad key at upload, and the
//! failure then shows only when a run clones a module.

use crate::keys::{self, Finding, Kind};

/// A private key that may be uploaded to TFE.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TfeKeyCheck {
    /// `SHA256:…` of the public half, as `ssh-keygen -l` prints it, when it
    /// could be read: compare it with the deploy key in your VCS.
    pub sha256: Option<String>,
    /// The key type (`ssh-rsa`, `ssh-ed25519`, …), when known.
    pub algorithm: Option<String>,
    /// The file format, in people's words ("PKCS#1 RSA private key").
    pub format: &'static str,
    /// Set when the key may work but is not what TFE documents: show it, and
    /// let the person decide.
    pub warning: Option<String>,
    /// The public half, when it could be read: what Keyward may keep about
    /// an uploaded key (TFE never returns key material).
    pub public: Option<PublicHalf>,
}

/// The public half of a private key: public, harmless facts only.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublicHalf {
    /// `SHA256:…` as `ssh-keygen -l` prints it.
    pub sha256: String,
    /// `MD5:aa:bb:…` as `ssh-keygen -l -E md5` prints it.
    pub md5: String,
    /// `ssh-ed25519`, `ssh-rsa`, …
    pub key_type: String,
    pub bits: u32,
    /// The OpenSSH public line (`type base64`), without a comment.
    pub openssh: String,
}

const PEM_RSA: &str = "PKCS#1 RSA private key";
const OPENSSH: &str = "OpenSSH private key";
const PKCS8: &str = "PKCS#8 private key";
const SEC1: &str = "SEC1 EC private key";
const DSA: &str = "OpenSSL DSA private key";
const ENCRYPTED_PKCS8: &str = "encrypted PKCS#8 private key";

const NEW_RSA_KEY: &str = "ssh-keygen -t rsa -b 4096 -m PEM -N \"\" -f tfe_key";

/// Checks a paste meant for TFE's "SSH keys" page: exactly one private key,
/// without a passphrase, in a format the TFE runner's git can read.
///
/// Policy on formats (providers.md §2, "Key-format rules"): TFE documents
/// only PEM RSA (`-----BEGIN RSA PRIVATE KEY-----`, made with
/// `ssh-keygen -m PEM`) and does not say whether other formats are accepted
/// or rejected. So a PEM RSA key passes cleanly; OpenSSH-format, PKCS#8 and
/// EC keys pass **with a warning** rather than being refused, because OpenSSH
/// (which git uses to clone) reads all of them and refusing would block keys
/// that very likely work, while the warning names the documented format and
/// the command to get it. Formats OpenSSH cannot read at all (PuTTY,
/// SSH.com, GPG) and DSA keys (removed from current OpenSSH) are refused:
/// they are certain to fail, and only at run time.
pub fn check_private_key_for_tfe(text: &str) -> Result<TfeKeyCheck, String> {
    let findings = keys::inspect(text);
    let finding = the_private_key(text, &findings)?;
    let format = finding.format;
    let algorithm = finding.key.as_ref().map(|k| k.algorithm.clone());
    let sha256 = finding.key.as_ref().map(|k| k.sha256.clone());
    let public = finding.key.as_ref().map(|k| PublicHalf {
        sha256: k.sha256.clone(),
        md5: k.md5(),
        key_type: k.algorithm.clone(),
        bits: k.bits,
        openssh: k.openssh(),
    });
    let unreadable = finding
        .repairs
        .iter()
        .find(|r| r.starts_with("Its public half could not be read"))
        .cloned();
    usable_format(format, algorithm.as_deref(), finding.encrypted)?;
    refuse_known_bad(sha256.as_deref())?;
    let warning = format_warning(format, algorithm.as_deref(), unreadable)?;
    Ok(TfeKeyCheck {
        sha256,
        algorithm,
        format,
        warning,
        public,
    })
}

/// The one private key of the paste, alone: refusals say what else the
/// paste is (several keys, a public key, other text, lost line breaks).
fn the_private_key<'a>(text: &str, findings: &'a [Finding]) -> Result<&'a Finding, String> {
    // Refused rather than re-wrapped: the text is stored exactly as sent
    // and never shown again, so Keyward must not send what was not pasted.
    if has_flattened_armour(text) {
        return Err(
            "The line breaks of this key were lost (its -----BEGIN and -----END lines share \
             a line with the key text, as happens when a chat or mail tool joins lines). \
             Terraform needs the key file as it is: open the file and paste it as it is, \
             line breaks included."
                .to_string(),
        );
    }
    let blocks = private_key_blocks(text);
    if blocks > 1 {
        return Err(format!(
            "The paste holds {blocks} private keys. Terraform stores one key per entry: paste \
             one key file, from its -----BEGIN line to its -----END line."
        ));
    }
    let Some(finding) = findings.iter().find(|f| f.kind == Kind::Private) else {
        if findings.iter().any(|f| f.is_usable_public()) {
            return Err(
                "This is a public key, but Terraform needs the private half: the file \
                 without .pub (for example tfe_key, not tfe_key.pub), which starts with \
                 -----BEGIN. The public half goes to your VCS as a deploy key (or to the \
                 account whose repositories Terraform reads)."
                    .to_string(),
            );
        }
        let why = findings
            .first()
            .and_then(|f| f.problem.clone())
            .unwrap_or_default();
        return Err(format!(
            "No private key found. Terraform needs the whole private key file, from \
             -----BEGIN RSA PRIVATE KEY----- to its END line. {why}"
        ));
    };
    if has_other_text(text) {
        return Err(
            "Paste only the private key: from its -----BEGIN line to its -----END line. \
             Terraform stores the text exactly as sent and never shows it again, so anything \
             else pasted with it would be stored too."
                .to_string(),
        );
    }
    Ok(finding)
}

/// Refuses a key whose private half is published (ssh-badkeys, Vagrant's
/// insecure keys): its public half as a deploy key would let anyone in.
fn refuse_known_bad(sha256: Option<&str>) -> Result<(), String> {
    match sha256.and_then(keys::known_bad::lookup) {
        Some(bad) => Err(bad.explain()),
        None => Ok(()),
    }
}

/// Refuses what git on Terraform's runners cannot use: DSA, formats
/// OpenSSH does not read, a passphrase (or no way to tell).
fn usable_format(
    format: &'static str,
    algorithm: Option<&str>,
    encrypted: Option<bool>,
) -> Result<(), String> {
    let is_dsa = format == DSA || algorithm == Some("ssh-dss");
    if is_dsa {
        return Err(
            "This is a DSA key. Current OpenSSH no longer accepts DSA keys, so git on \
             Terraform's runners would fail. Make an RSA key instead: "
                .to_string()
                + NEW_RSA_KEY,
        );
    }

    // A protected PKCS#8 key is readable once its passphrase is removed, so
    // it gets the passphrase advice below rather than a format refusal.
    if !matches!(format, PEM_RSA | OPENSSH | PKCS8 | SEC1 | ENCRYPTED_PKCS8) {
        return Err(format!(
            "Terraform cannot use this {format}: git on Terraform's runners reads OpenSSH and \
             PEM keys only. Convert it to PEM (for a PuTTY key: `puttygen key.ppk -O \
             private-openssh -o key`), or make a new key with `{NEW_RSA_KEY}`."
        ));
    }
    match encrypted {
        Some(true) => Err(format!(
            "This key is protected by a passphrase, and Terraform runs git without anyone \
                 to type it, so the key would not work. Remove the passphrase from a copy of \
                 the key: `ssh-keygen -p -N \"\" -m PEM -f key` (it asks for the old \
                 passphrase, then rewrites the file in PEM format), and paste the copy. \
                 ({format})"
        )),
        Some(false) => Ok(()),
        None => Err(format!(
            "Keyward could not read this {format} well enough to tell whether it has a \
             passphrase. Terraform documents PEM RSA keys without a passphrase: \
             `ssh-keygen -p -N \"\" -m PEM -f key` writes one from an OpenSSH key."
        )),
    }
}

/// What to warn about a usable key: anything but PEM RSA is undocumented.
fn format_warning(
    format: &'static str,
    algorithm: Option<&str>,
    unreadable: Option<String>,
) -> Result<Option<String>, String> {
    Ok(match format {
        PEM_RSA => {
            // The RSA public half sits inside the PEM structure, so not
            // reading it means the key text itself is damaged.
            if let Some(why) = unreadable {
                return Err(format!(
                    "This PEM RSA key is damaged ({why}). Copy the whole file again, from \
                     -----BEGIN RSA PRIVATE KEY----- to -----END RSA PRIVATE KEY-----."
                ));
            }
            None
        }
        OPENSSH | PKCS8 | SEC1 => {
            let is_rsa = algorithm == Some("ssh-rsa");
            let fix = if is_rsa {
                "Convert a copy to PEM with `ssh-keygen -p -m PEM -f key` (it rewrites the file \
                 in place)."
                    .to_string()
            } else {
                format!(
                    "This is not an RSA key, so conversion will not give that format: to be \
                     safe, make an RSA key with `{NEW_RSA_KEY}` and add tfe_key.pub to your VCS."
                )
            };
            let mut text = format!(
                "Terraform documents only PEM RSA keys (-----BEGIN RSA PRIVATE KEY-----) and \
                 does not say whether this {format} works; if it does not, runs fail when they \
                 clone, not now. {fix}"
            );
            if let Some(why) = unreadable {
                text.push_str(&format!(" ({why}.)"));
            }
            Some(text)
        }
        _ => None,
    })
}

/// How many private-key blocks the paste holds. `keys::inspect` stops at
/// the first private key (a paste with one is refused as a whole for public
/// keys), so more than one is counted here by their first lines.
fn private_key_blocks(text: &str) -> usize {
    text.lines()
        .map(str::trim)
        .filter(|line| {
            (line.starts_with("-----BEGIN") && line.contains("PRIVATE KEY"))
                || (line.starts_with("---- BEGIN") && line.contains("PRIVATE KEY"))
                || line.starts_with("PuTTY-User-Key-File")
        })
        .count()
}

/// Whether anything but whitespace lies outside the first BEGIN…END block.
/// Only PEM-armoured keys are checked: they are the formats TFE can use.
fn has_other_text(text: &str) -> bool {
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let Some(begin) = lines.iter().position(|l| l.starts_with("-----BEGIN")) else {
        return false;
    };
    let end = lines
        .iter()
        .skip(begin)
        .position(|l| l.starts_with("-----END"))
        .map_or(lines.len(), |offset| begin + offset + 1);
    let visible = |l: &&str| {
        !l.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
            .is_empty()
    };
    lines[..begin].iter().any(visible) || lines[end..].iter().any(visible)
}

/// Whether a PEM armour line (`-----BEGIN …-----` / `-----END …-----`)
/// shares its line with other text: a key whose newlines were turned into
/// spaces, which TFE's git cannot read.
fn has_flattened_armour(text: &str) -> bool {
    text.lines().map(str::trim).any(|line| {
        (line.contains("-----BEGIN") || line.contains("-----END"))
            && (line.matches("-----").count() != 2
                || !line.starts_with("-----")
                || !line.ends_with("-----"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const RSA_PEM: &str = include_str!("../../../tests/corpus/keys/test-only-rsa-pkcs1.key");

    #[test]
    fn a_known_compromised_key_is_refused() {
        // No published private key is kept in the repository: the check on
        // the public half's fingerprint is tested alone.
        let vagrant = "SHA256:1M4RzhMyWuFS/86uPY/ce2prh/dVTHW7iD2RhpquOZA";
        let err = refuse_known_bad(Some(vagrant)).expect_err("Vagrant's key is refused");
        assert!(err.contains("Vagrant insecure RSA key"), "{err}");
        let ours = check_private_key_for_tfe(RSA_PEM).expect("a PEM RSA key passes");
        assert_eq!(refuse_known_bad(ours.sha256.as_deref()), Ok(()));
        assert_eq!(refuse_known_bad(None), Ok(()));
    }

    #[test]
    fn pem_rsa_with_line_breaks_is_accepted() {
        let check = check_private_key_for_tfe(RSA_PEM).expect("a PEM RSA key passes");
        assert_eq!(check.format, PEM_RSA);
        // The public half is the one the engine reads from the key itself.
        let public = check.public.expect("the public half");
        assert_eq!(Some(&public.sha256), check.sha256.as_ref());
        assert_eq!(public.key_type, "ssh-rsa");
        assert!(public.bits >= 2048, "{}", public.bits);
        assert!(public.md5.starts_with("MD5:"), "{}", public.md5);
        assert!(
            public.openssh.starts_with("ssh-rsa AAAA"),
            "{}",
            public.openssh
        );
        assert!(!public.openssh.contains("PRIVATE"));
    }

    #[test]
    fn flattened_pem_rsa_is_refused_with_line_breaks_advice() {
        let flat = RSA_PEM.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(!flat.contains('\n'));
        let err = check_private_key_for_tfe(&flat).expect_err("a flattened key is refused");
        assert!(err.contains("line breaks of this key were lost"), "{err}");
        assert!(err.contains("paste it as it is"), "{err}");
    }

    #[test]
    fn key_body_joined_to_armour_lines_is_refused() {
        let mut lines: Vec<&str> = RSA_PEM.lines().collect();
        let last = lines.len() - 1;
        let joined = format!("{} {}", lines[last - 1], lines[last]);
        lines.truncate(last - 1);
        let text = format!("{}\n{joined}\n", lines.join("\n"));
        let err = check_private_key_for_tfe(&text).expect_err("a joined END line is refused");
        assert!(err.contains("line breaks of this key were lost"), "{err}");
    }
}
