//! `-----BEGIN …-----` blocks: PKCS#8 and PKCS#1 public keys (converted to
//! OpenSSH), every common private-key format (refused, with the public half
//! derived where the file holds it), and the look-alikes (GPG, X.509).

use super::finding::{Finding, Kind};
use super::key::{encode_blob, SshKey};
use super::openssh::key_finding;
use super::text::base64::PADDED;
use super::text::{read_armoured, Armoured, Line};
use base64::Engine as _;
use der::asn1::{AnyRef, ObjectIdentifier, UintRef};
use der::{Decode, Reader, SliceReader};
use ssh_encoding::Decode as SshDecode;
use ssh_key::public::{DsaPublicKey, EcdsaPublicKey, Ed25519PublicKey, KeyData, RsaPublicKey};
use ssh_key::Mpint;

const RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
const EC: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
const DSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10040.4.1");
const ED25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.112");
const P256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
const P384: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.34");
const P521: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.35");

/// The label of a `-----BEGIN LABEL-----` line. A label has no dashes
/// (RFC 7468), so a private key flattened onto one line is not a BEGIN line:
/// it is left to [`super::hidden`], which rebuilds it.
pub(crate) fn begin_label(line: &str) -> Option<&str> {
    line.strip_prefix("-----BEGIN ")?
        .strip_suffix("-----")
        .filter(|label| !label.contains('-'))
}

/// Reads the block starting at `start`; returns the finding and the next line.
pub(crate) fn parse_block(lines: &[Line<'_>], start: usize, label: &str) -> (Finding, usize) {
    let end = format!("-----END {label}-----");
    let line = start + 1;
    let format = format_name(label);
    match read_armoured(lines, start, |l| l == end) {
        Ok((block, next)) if block.body.is_empty() && !label.contains("PRIVATE") => {
            let problem = format!(
                "The {format} has nothing between its BEGIN and END lines. Copy the whole file \
                 again."
            );
            (Finding::invalid(line, format, problem), next)
        }
        Ok((block, next)) => (classify(label, format, &block, line), next),
        Err(next) => {
            let problem = format!(
                "The {format} has no `{end}` line: the paste was cut off. Copy the whole file."
            );
            let mut finding = Finding::invalid(line, format, problem);
            if label.contains("PRIVATE KEY") {
                finding.kind = Kind::Private;
                finding.problem = Some(private_message(format, None));
            }
            (finding, next.max(start + 1))
        }
    }
}

pub(crate) fn format_name(label: &str) -> &'static str {
    match label {
        "PUBLIC KEY" => "PKCS#8 public key",
        "RSA PUBLIC KEY" => "PKCS#1 RSA public key",
        "SSH2 PUBLIC KEY" => "RFC 4716 (SSH2) public key",
        "OPENSSH PRIVATE KEY" => "OpenSSH private key",
        "RSA PRIVATE KEY" => "PKCS#1 RSA private key",
        "DSA PRIVATE KEY" => "OpenSSL DSA private key",
        "EC PRIVATE KEY" => "SEC1 EC private key",
        "PRIVATE KEY" => "PKCS#8 private key",
        "ENCRYPTED PRIVATE KEY" => "encrypted PKCS#8 private key",
        "PGP PRIVATE KEY BLOCK" => "OpenPGP (GPG) private key",
        "PGP PUBLIC KEY BLOCK" => "OpenPGP (GPG) public key",
        "PGP SIGNATURE" | "PGP SIGNED MESSAGE" => "OpenPGP (GPG) signature",
        "PGP MESSAGE" => "OpenPGP (GPG) message",
        "CERTIFICATE" | "X509 CERTIFICATE" | "TRUSTED CERTIFICATE" => "X.509 certificate",
        "CERTIFICATE REQUEST" | "NEW CERTIFICATE REQUEST" => "X.509 certificate request",
        "X509 CRL" => "X.509 revocation list",
        "SSH SIGNATURE" => "SSH signature",
        "EC PARAMETERS" | "DH PARAMETERS" | "DSA PARAMETERS" => "OpenSSL parameters",
        label if label.contains("PRIVATE KEY") => "private key",
        _ => "PEM block",
    }
}

/// The message for every private key: never send it; paste the `.pub`.
pub(crate) fn private_message(format: &str, encrypted: Option<bool>) -> String {
    let protection = protection(encrypted);
    format!(
        "This is a private key ({format}), which must never be shared. Paste the public key \
         instead: the matching .pub file (for example ~/.ssh/id_ed25519.pub), or the output of \
         `ssh-keygen -y -f <private key file>`.{protection}"
    )
}

/// The sentence about a private key's passphrase, with a leading space.
pub(crate) fn protection(encrypted: Option<bool>) -> &'static str {
    match encrypted {
        Some(true) => " It is protected by a passphrase.",
        Some(false) => {
            " It is not protected by a passphrase: anyone who sees it can use it, so if you \
             pasted it somewhere shared, replace the key."
        }
        None => "",
    }
}

fn private_finding(line: usize, format: &'static str, encrypted: Option<bool>) -> Finding {
    let mut finding = Finding::new(Kind::Private, line, format);
    finding.encrypted = encrypted;
    finding.problem = Some(private_message(format, encrypted));
    finding
}

/// A private key whose public half we could read: keep its fingerprint so
/// the user can tell which key it is.
fn private_with_key(
    line: usize,
    format: &'static str,
    encrypted: Option<bool>,
    key: Result<KeyData, String>,
    comment: Option<String>,
) -> Finding {
    let mut finding = private_finding(line, format, encrypted);
    match key.and_then(|k| SshKey::from_key_data(k, comment).map_err(|e| e.describe())) {
        Ok(key) => finding.key = Some(key),
        Err(why) => finding
            .repairs
            .push(format!("Its public half could not be read: {why}")),
    }
    finding
}

fn classify(label: &str, format: &'static str, block: &Armoured, line: usize) -> Finding {
    let legacy_encrypted = block.header("Proc-Type").map(|v| v.contains("ENCRYPTED"));
    let der = || {
        PADDED
            .decode(&block.body)
            .map_err(|_| "its base64 is damaged".to_string())
    };
    match label {
        "PUBLIC KEY" | "RSA PUBLIC KEY" => {
            let converted = der().and_then(|der| {
                if label == "PUBLIC KEY" {
                    spki_to_key(&der)
                } else {
                    rsa_public(&der)
                }
            });
            match converted.and_then(|k| encode_blob(&k).map_err(|e| e.describe())) {
                Ok(blob) => {
                    let mut repairs = vec![format!("Converted from {format} to OpenSSH format")];
                    if block.crlf {
                        repairs.push("Removed Windows line endings (CRLF)".into());
                    }
                    key_finding(blob, None, None, line, format, repairs)
                }
                Err(why) => {
                    Finding::invalid(line, format, format!("This {format} can't be read: {why}."))
                }
            }
        }
        "SSH2 PUBLIC KEY" => super::ssh2::public_key(block, line),
        "OPENSSH PRIVATE KEY" => match der() {
            Ok(bytes) => openssh_private(&bytes, line),
            Err(_) => private_finding(line, format, None),
        },
        "RSA PRIVATE KEY" | "DSA PRIVATE KEY" | "EC PRIVATE KEY"
            if legacy_encrypted == Some(true) =>
        {
            private_finding(line, format, Some(true))
        }
        "RSA PRIVATE KEY" => {
            let key = der().and_then(|d| rsa_private(&d));
            private_with_key(line, format, Some(false), key, None)
        }
        "DSA PRIVATE KEY" => {
            let key = der().and_then(|d| dsa_private(&d));
            private_with_key(line, format, Some(false), key, None)
        }
        "EC PRIVATE KEY" => {
            let key = der().and_then(|d| sec1_private(&d, None));
            private_with_key(line, format, Some(false), key, None)
        }
        "PRIVATE KEY" => {
            let key = der().and_then(|d| pkcs8_private(&d));
            private_with_key(line, format, Some(false), key, None)
        }
        "ENCRYPTED PRIVATE KEY" => private_finding(line, format, Some(true)),
        "PGP PRIVATE KEY BLOCK" => private_finding(line, format, None),
        _ if label.contains("PRIVATE KEY") => private_finding(line, format, legacy_encrypted),
        _ => Finding::invalid(line, format, lookalike_message(label, format)),
    }
}

fn lookalike_message(label: &str, format: &str) -> String {
    let advice = match label {
        "PGP PUBLIC KEY BLOCK" => {
            "GPG keys sign commits and mail; SSH keys open connections. GitHub takes GPG keys on \
             a separate page (Settings → SSH and GPG keys → New GPG key). For SSH, paste the \
             contents of ~/.ssh/id_ed25519.pub."
        }
        "CERTIFICATE" | "X509 CERTIFICATE" | "TRUSTED CERTIFICATE" => {
            "X.509 certificates are for TLS (HTTPS), not SSH. If you need its public key for SSH, \
             extract it with `openssl x509 -pubkey -noout` and paste that."
        }
        "SSH SIGNATURE" => "It was made with a key but it is not a key: paste the .pub file.",
        "CERTIFICATE REQUEST" | "NEW CERTIFICATE REQUEST" => {
            "A certificate request (CSR) asks a certificate authority for a TLS certificate; it is \
             not used for SSH. Paste the contents of your .pub file instead."
        }
        "EC PARAMETERS" | "DH PARAMETERS" | "DSA PARAMETERS" => {
            "It describes a curve or group, not a key."
        }
        _ => "It is not an SSH key: paste the contents of your .pub file.",
    };
    let article = if format.starts_with(['O', 'X', 'E']) || format.starts_with("SSH") {
        "an"
    } else {
        "a"
    };
    format!("This is {article} {format}, not an SSH key. {advice}")
}

fn mpint(bytes: &[u8]) -> Result<Mpint, String> {
    Mpint::from_positive_bytes(bytes).map_err(|_| "a number in it is malformed".to_string())
}

fn der_err(e: der::Error) -> String {
    match e.kind() {
        der::ErrorKind::Incomplete { .. } => "its data stops too early (lines are missing from \
                                              the block); copy the whole file again"
            .into(),
        _ => format!("its DER structure is malformed ({e})"),
    }
}

fn rsa_key(n: UintRef<'_>, e: UintRef<'_>) -> Result<KeyData, String> {
    Ok(KeyData::Rsa(RsaPublicKey {
        e: mpint(e.as_bytes())?,
        n: mpint(n.as_bytes())?,
    }))
}

fn rsa_public(der: &[u8]) -> Result<KeyData, String> {
    let key = pkcs1::RsaPublicKey::from_der(der).map_err(der_err)?;
    rsa_key(key.modulus, key.public_exponent)
}

fn rsa_private(der: &[u8]) -> Result<KeyData, String> {
    let key = pkcs1::RsaPrivateKey::from_der(der).map_err(der_err)?;
    rsa_key(key.modulus, key.public_exponent)
}

fn ecdsa_key(curve: Option<ObjectIdentifier>, point: &[u8]) -> Result<KeyData, String> {
    match curve {
        Some(P256) | Some(P384) | Some(P521) => {}
        Some(other) => return Err(format!("its curve ({other}) is not one OpenSSH supports")),
        None => return Err("it does not name its curve".into()),
    }
    if point.first() != Some(&0x04) {
        return Err("its point is compressed, and OpenSSH needs the uncompressed form".into());
    }
    let key =
        EcdsaPublicKey::from_sec1_bytes(point).map_err(|_| "its point is malformed".to_string())?;
    Ok(KeyData::Ecdsa(key))
}

fn dsa_key(
    p: UintRef<'_>,
    q: UintRef<'_>,
    g: UintRef<'_>,
    y: UintRef<'_>,
) -> Result<KeyData, String> {
    Ok(KeyData::Dsa(DsaPublicKey {
        p: mpint(p.as_bytes())?,
        q: mpint(q.as_bytes())?,
        g: mpint(g.as_bytes())?,
        y: mpint(y.as_bytes())?,
    }))
}

fn spki_to_key(der: &[u8]) -> Result<KeyData, String> {
    let spki = spki::SubjectPublicKeyInfoRef::from_der(der).map_err(der_err)?;
    let bits = spki
        .subject_public_key
        .as_bytes()
        .ok_or_else(|| "its key bits are not whole bytes".to_string())?;
    let params = spki.algorithm.parameters;
    match spki.algorithm.oid {
        RSA => rsa_public(bits),
        EC => ecdsa_key(params.and_then(|p| p.decode_as().ok()), bits),
        ED25519 => {
            let bytes: [u8; 32] = bits
                .try_into()
                .map_err(|_| "its Ed25519 key is not 32 bytes".to_string())?;
            Ok(KeyData::Ed25519(Ed25519PublicKey(bytes)))
        }
        DSA => {
            let params = params.ok_or("its DSA parameters are missing")?;
            let (p, q, g) = dsa_params(params)?;
            let y = UintRef::from_der(bits).map_err(der_err)?;
            dsa_key(p, q, g, y)
        }
        other => Err(format!(
            "its algorithm ({}) is not one OpenSSH supports",
            oid_name(other)
        )),
    }
}

fn oid_name(oid: ObjectIdentifier) -> String {
    match oid.to_string().as_str() {
        "1.3.101.113" => "Ed448".into(),
        "1.3.101.110" => "X25519".into(),
        "1.3.101.111" => "X448".into(),
        "1.2.840.113549.1.1.10" => "RSA-PSS".into(),
        other => other.into(),
    }
}

fn dsa_params(params: AnyRef<'_>) -> Result<(UintRef<'_>, UintRef<'_>, UintRef<'_>), String> {
    params
        .sequence(|r| Ok((r.decode()?, r.decode()?, r.decode()?)))
        .map_err(der_err)
}

fn dsa_private(der: &[u8]) -> Result<KeyData, String> {
    // OpenSSL's legacy DSA key: SEQUENCE { version, p, q, g, y, x }.
    let mut reader = SliceReader::new(der).map_err(der_err)?;
    let (p, q, g, y) = reader
        .sequence(|r| {
            let _version: UintRef<'_> = r.decode()?;
            let p: UintRef<'_> = r.decode()?;
            let q: UintRef<'_> = r.decode()?;
            let g: UintRef<'_> = r.decode()?;
            let y: UintRef<'_> = r.decode()?;
            let _x: UintRef<'_> = r.decode()?;
            Ok((p, q, g, y))
        })
        .map_err(der_err)?;
    dsa_key(p, q, g, y)
}

fn sec1_private(der: &[u8], curve: Option<ObjectIdentifier>) -> Result<KeyData, String> {
    let key = sec1::EcPrivateKey::from_der(der).map_err(der_err)?;
    let curve = key.parameters.and_then(|p| p.named_curve()).or(curve);
    let point = key
        .public_key
        .ok_or("the file does not include its public point, so it can't be shown here")?;
    ecdsa_key(curve, point)
}

fn pkcs8_private(der: &[u8]) -> Result<KeyData, String> {
    let info = pkcs8::PrivateKeyInfo::from_der(der).map_err(der_err)?;
    match info.algorithm.oid {
        RSA => rsa_private(info.private_key),
        EC => sec1_private(
            info.private_key,
            info.algorithm.parameters.and_then(|p| p.decode_as().ok()),
        ),
        ED25519 => match info.public_key {
            Some(public) => {
                let bytes: [u8; 32] = public
                    .try_into()
                    .map_err(|_| "its Ed25519 public key is not 32 bytes".to_string())?;
                Ok(KeyData::Ed25519(Ed25519PublicKey(bytes)))
            }
            // OpenSSL 3 writes only the seed (CurvePrivateKey ::= OCTET STRING).
            None => {
                let seed =
                    der::asn1::OctetStringRef::from_der(info.private_key).map_err(der_err)?;
                let seed: &[u8; 32] = seed
                    .as_bytes()
                    .try_into()
                    .map_err(|_| "its Ed25519 seed is not 32 bytes".to_string())?;
                Ok(KeyData::Ed25519(Ed25519PublicKey(
                    super::curve::ed25519_public(seed),
                )))
            }
        },
        DSA => Err(
            "this DSA file holds only the private number; run `ssh-keygen -y -f <file>` \
                    to print its public key"
                .into(),
        ),
        other => Err(format!(
            "its algorithm ({}) is not one OpenSSH supports",
            oid_name(other)
        )),
    }
}

/// `openssh-key-v1`: the public key sits in clear text before the (possibly
/// encrypted) private part, so it is read even from protected keys.
///
/// Parsed here with ssh-encoding rather than `ssh_key::PrivateKey`, which
/// would need the crypto and encryption features (size) just to skip over
/// the private part we never want to touch.
pub(crate) fn openssh_private(bytes: &[u8], line: usize) -> Finding {
    const FORMAT: &str = "OpenSSH private key";
    let Some(mut r) = bytes.strip_prefix(b"openssh-key-v1\0") else {
        return private_finding(line, FORMAT, None);
    };
    let header = (|| -> Result<(String, Vec<u8>), ssh_encoding::Error> {
        let cipher = <String as SshDecode>::decode(&mut r)?;
        let _kdf = <String as SshDecode>::decode(&mut r)?;
        let _kdf_options = <Vec<u8> as SshDecode>::decode(&mut r)?;
        let _count = <u32 as SshDecode>::decode(&mut r)?;
        let public = <Vec<u8> as SshDecode>::decode(&mut r)?;
        Ok((cipher, public))
    })();
    match header {
        Ok((cipher, public)) => {
            let encrypted = Some(cipher != "none");
            let mut finding = private_finding(line, FORMAT, encrypted);
            match SshKey::from_blob(public, None, None) {
                Ok((key, _)) => finding.key = Some(key),
                Err(e) => finding.repairs.push(format!(
                    "Its public half could not be read: {}",
                    e.describe()
                )),
            }
            finding
        }
        Err(_) => private_finding(line, FORMAT, None),
    }
}
