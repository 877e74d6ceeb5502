//! A decoded SSH public key (or certificate) and the facts `ssh-keygen -l`
//! prints about it.

use super::curve::{check_point, PointError};
use super::finding::CertificateFacts;
use super::text::base64::{PADDED, UNPADDED};
use base64::Engine as _;
use md5::{Digest as _, Md5};
use sha2::Sha256;
use ssh_encoding::{Decode, Encode, Reader};

use ssh_key::public::{
    DsaPublicKey, EcdsaPublicKey, Ed25519PublicKey, KeyData, RsaPublicKey, SkEcdsaSha2NistP256,
    SkEd25519,
};
use ssh_key::{Algorithm, EcdsaCurve, HashAlg, Mpint};

/// A usable SSH public key or certificate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SshKey {
    /// The type name as written in a key line (`ssh-ed25519`, or the
    /// certificate type such as `ssh-rsa-cert-v01@openssh.com`).
    pub algorithm: String,
    /// The size as `ssh-keygen -l` prints it.
    pub bits: u32,
    pub comment: Option<String>,
    /// `SHA256:…` as `ssh-keygen -l` prints it (of the plain key, also for
    /// certificates, as ssh-keygen does).
    pub sha256: String,
    /// The wire blob of the line (the certificate blob for certificates).
    blob: Vec<u8>,
    /// The plain public key (the certified key for certificates).
    plain: KeyData,
}

/// Why a wire blob is not a usable key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum BlobError {
    /// The data ends before the key does.
    Truncated { got: usize },
    /// The line's type and the blob's own type differ.
    TypeMismatch { stated: String, actual: String },
    /// A type ssh-keygen does not know.
    UnknownType(String),
    /// Bytes after the end of the key.
    TrailingData(usize),
    /// An elliptic-curve point that is compressed or not on its curve;
    /// `ca` when it is a certificate's signing key.
    BadPoint {
        error: PointError,
        curve: &'static str,
        ca: bool,
    },
    /// Anything else, in plain words.
    Malformed(String),
}

impl BlobError {
    /// Plain words for the page and the command line.
    pub(crate) fn describe(&self) -> String {
        match self {
            BlobError::Truncated { got } => format!(
                "The key data ends too early ({got} bytes): the key was cut off when it was \
                 copied. Copy the whole line again from the .pub file."
            ),
            BlobError::TypeMismatch { stated, actual } => format!(
                "The line says `{stated}` but its key data is a `{actual}` key: the type or the \
                 data was changed. Copy the line again from the .pub file."
            ),
            BlobError::UnknownType(name) if name.is_empty() || !is_printable(name) => {
                "The key data does not start with a key type: this is not an SSH key.".into()
            }
            BlobError::UnknownType(name) => {
                format!("`{name}` is not a key type ssh-keygen knows.")
            }
            BlobError::TrailingData(n) => format!(
                "The key data has {n} extra bytes after the end of the key: two keys were \
                 probably glued together. Copy the line again from the .pub file."
            ),
            BlobError::BadPoint { error, curve, ca } => {
                let whose = if *ca {
                    "The key of the certificate authority that signed this certificate"
                } else {
                    "This key"
                };
                match error {
                    PointError::OffCurve => format!(
                        "{whose} is not a valid ECDSA key: its point is not on the {curve} \
                         curve, so the key data was changed (ssh-keygen refuses it too). Copy \
                         the key again from the .pub file."
                    ),
                    PointError::Compressed => format!(
                        "{whose} stores its {curve} point in compressed form, which SSH does \
                         not allow (ssh-keygen refuses it too). Copy the key again from the \
                         .pub file."
                    ),
                }
            }
            BlobError::Malformed(what) => format!("The key data is damaged: {what}."),
        }
    }
}

fn is_printable(s: &str) -> bool {
    s.len() <= 64 && s.bytes().all(|b| b.is_ascii_graphic())
}

const CERT_SUFFIX: &str = "-cert-v01@openssh.com";

fn map_error(error: ssh_key::Error, got: usize) -> BlobError {
    match error {
        ssh_key::Error::Encoding(ssh_encoding::Error::Length) => BlobError::Truncated { got },
        ssh_key::Error::Encoding(ssh_encoding::Error::TrailingData { remaining })
        | ssh_key::Error::TrailingData { remaining } => BlobError::TrailingData(remaining),
        ssh_key::Error::Encoding(ssh_encoding::Error::CharacterEncoding) => {
            BlobError::Malformed("a text field is not valid UTF-8".into())
        }
        ssh_key::Error::Encoding(ssh_encoding::Error::Overflow) => {
            BlobError::Malformed("a length field is impossibly large".into())
        }
        ssh_key::Error::FormatEncoding => {
            BlobError::Malformed("a number is not in canonical form".into())
        }
        ssh_key::Error::AlgorithmUnknown | ssh_key::Error::Ecdsa(_) => {
            BlobError::Malformed("the elliptic-curve point does not match its curve".into())
        }
        other => BlobError::Malformed(other.to_string()),
    }
}

/// A key whose elliptic-curve point ssh-keygen would refuse.
fn checked(key: KeyData, ca: bool) -> Result<KeyData, BlobError> {
    match check_point(&key) {
        Ok(()) => Ok(key),
        Err((error, curve)) => Err(BlobError::BadPoint { error, curve, ca }),
    }
}

fn decode_err(error: ssh_encoding::Error, got: usize) -> BlobError {
    map_error(ssh_key::Error::Encoding(error), got)
}

/// Reads the type name that starts every SSH key blob.
pub(crate) fn blob_type(blob: &[u8]) -> Result<String, BlobError> {
    let mut reader = blob;
    let len = u32::decode(&mut reader).map_err(|e| decode_err(e, blob.len()))? as usize;
    if len > 64 || len > reader.len() {
        // A real type name is short; a huge length means this is not a key blob.
        return Err(if len <= 64 {
            BlobError::Truncated { got: blob.len() }
        } else {
            BlobError::UnknownType(String::new())
        });
    }
    Ok(String::from_utf8_lossy(&reader[..len]).into_owned())
}

impl SshKey {
    /// Decodes a wire blob. `stated` is the type written before it, if any.
    pub(crate) fn from_blob(
        blob: Vec<u8>,
        stated: Option<&str>,
        comment: Option<String>,
    ) -> Result<(SshKey, Option<CertificateFacts>), BlobError> {
        let actual = blob_type(&blob)?;
        if let Some(stated) = stated {
            if stated != actual {
                return Err(BlobError::TypeMismatch {
                    stated: stated.into(),
                    actual,
                });
            }
        }
        if let Some(plain_type) = actual.strip_suffix(CERT_SUFFIX) {
            let (plain, facts) = decode_certificate(&blob, plain_type)?;
            let plain_blob = encode_blob(&plain)?;
            let key = SshKey::build(actual, blob, &plain_blob, plain, comment)?;
            return Ok((key, Some(facts)));
        }
        match Algorithm::new(&actual) {
            Ok(Algorithm::Other(_)) | Err(_) => return Err(BlobError::UnknownType(actual)),
            Ok(_) => {}
        }
        let plain = {
            let mut reader = blob.as_slice();
            let key = KeyData::decode(&mut reader).map_err(|e| map_error(e, blob.len()))?;
            if !reader.is_empty() {
                return Err(BlobError::TrailingData(reader.len()));
            }
            checked(key, false)?
        };
        let sha256 = fingerprint_sha256(&blob);
        let bits = key_bits(&plain).ok_or_else(|| BlobError::UnknownType(actual.clone()))?;
        Ok((
            SshKey {
                algorithm: actual,
                bits,
                comment,
                sha256,
                blob,
                plain,
            },
            None,
        ))
    }

    /// Builds a key from a plain public key (converted from another format).
    pub(crate) fn from_key_data(
        plain: KeyData,
        comment: Option<String>,
    ) -> Result<SshKey, BlobError> {
        let blob = encode_blob(&plain)?;
        let algorithm = plain.algorithm().as_str().to_string();
        let plain_blob = blob.clone();
        SshKey::build(algorithm, blob, &plain_blob, plain, comment)
    }

    fn build(
        algorithm: String,
        blob: Vec<u8>,
        plain_blob: &[u8],
        plain: KeyData,
        comment: Option<String>,
    ) -> Result<SshKey, BlobError> {
        let plain = checked(plain, false)?;
        let bits = key_bits(&plain).ok_or_else(|| BlobError::UnknownType(algorithm.clone()))?;
        Ok(SshKey {
            algorithm,
            bits,
            comment,
            sha256: fingerprint_sha256(plain_blob),
            blob,
            plain,
        })
    }

    /// The wire blob of the line.
    pub fn blob(&self) -> &[u8] {
        &self.blob
    }

    /// The plain public key (for a certificate, the key it certifies).
    pub fn key_data(&self) -> &KeyData {
        &self.plain
    }

    pub fn is_certificate(&self) -> bool {
        self.algorithm.ends_with(CERT_SUFFIX)
    }

    /// The canonical OpenSSH line without comment: `type base64`.
    pub fn openssh(&self) -> String {
        format!("{} {}", self.algorithm, PADDED.encode(&self.blob))
    }

    /// The canonical line with the comment, as a `.pub` file holds it.
    pub fn openssh_with_comment(&self) -> String {
        match &self.comment {
            Some(comment) if !comment.is_empty() => format!("{} {comment}", self.openssh()),
            _ => self.openssh(),
        }
    }

    /// For a certificate: the plain key it certifies, as a canonical line.
    pub fn plain_openssh(&self) -> Option<String> {
        let blob = encode_blob(&self.plain).ok()?;
        Some(format!(
            "{} {}",
            self.plain.algorithm().as_str(),
            PADDED.encode(&blob)
        ))
    }

    /// `MD5:aa:bb:…` as `ssh-keygen -l -E md5` prints it.
    pub fn md5(&self) -> String {
        let digest = match self.is_certificate() {
            true => Md5::digest(encode_blob(&self.plain).unwrap_or_default()),
            false => Md5::digest(&self.blob),
        };
        let mut out = String::with_capacity(4 + 16 * 3);
        out.push_str("MD5:");
        for (i, byte) in digest.iter().enumerate() {
            if i > 0 {
                out.push(':');
            }
            out.push_str(&format!("{byte:02x}"));
        }
        out
    }

    /// The short type name ssh-keygen prints in parentheses: `ED25519`,
    /// `RSA-CERT`, `ECDSA-SK`.
    pub fn short_type(&self) -> String {
        let base = match &self.plain {
            KeyData::Rsa(_) => "RSA",
            KeyData::Dsa(_) => "DSA",
            KeyData::Ecdsa(_) => "ECDSA",
            KeyData::Ed25519(_) => "ED25519",
            KeyData::SkEcdsaSha2NistP256(_) => "ECDSA-SK",
            KeyData::SkEd25519(_) => "ED25519-SK",
            _ => "UNKNOWN",
        };
        if self.is_certificate() {
            format!("{base}-CERT")
        } else {
            base.to_string()
        }
    }

    /// The randomart box exactly as `ssh-keygen -lv` prints it.
    pub fn randomart(&self) -> String {
        // ssh-keygen writes "[TYPE BITS]" into a 17-byte buffer: if that does
        // not fit it falls back to "[TYPE]", and snprintf cuts to 16 chars.
        let mut title = format!("[{} {}]", self.short_type(), self.bits);
        if title.len() > 17 {
            title = format!("[{}]", self.short_type());
        }
        title.truncate(16);
        ssh_key::Fingerprint::new(HashAlg::Sha256, &self.plain).to_randomart(&title)
    }
}

/// The wire blob of a plain public key.
pub(crate) fn encode_blob(key: &KeyData) -> Result<Vec<u8>, BlobError> {
    let malformed = |e: ssh_encoding::Error| BlobError::Malformed(e.to_string());
    let mut blob = Vec::with_capacity(key.encoded_len().map_err(malformed)?);
    key.encode(&mut blob).map_err(malformed)?;
    Ok(blob)
}

/// `SHA256:` + unpadded base64 of the SHA-256 of the plain key blob.
pub(crate) fn fingerprint_sha256(plain_blob: &[u8]) -> String {
    let digest = Sha256::digest(plain_blob);
    let mut out = String::with_capacity(7 + 43);
    out.push_str("SHA256:");
    UNPADDED.encode_string(digest, &mut out);
    out
}

fn mpint_bits(n: &Mpint) -> u32 {
    let bytes = n.as_positive_bytes().unwrap_or_default();
    match bytes.first() {
        None => 0,
        Some(first) => (bytes.len() as u32) * 8 - first.leading_zeros(),
    }
}

/// The size ssh-keygen prints for a key.
fn key_bits(key: &KeyData) -> Option<u32> {
    Some(match key {
        KeyData::Rsa(rsa) => mpint_bits(&rsa.n),
        KeyData::Dsa(dsa) => mpint_bits(&dsa.p),
        KeyData::Ecdsa(ecdsa) => match ecdsa.curve() {
            EcdsaCurve::NistP256 => 256,
            EcdsaCurve::NistP384 => 384,
            EcdsaCurve::NistP521 => 521,
        },
        KeyData::Ed25519(_) | KeyData::SkEd25519(_) | KeyData::SkEcdsaSha2NistP256(_) => 256,
        _ => return None,
    })
}

/// Decodes an OpenSSH certificate (PROTOCOL.certkeys).
///
/// Written here rather than with `ssh_key::Certificate` because that type
/// refuses `valid_before = forever` (u64::MAX), the default of `ssh-keygen -s`.
fn decode_certificate(
    blob: &[u8],
    plain_type: &str,
) -> Result<(KeyData, CertificateFacts), BlobError> {
    let got = blob.len();
    let err = |e: ssh_encoding::Error| decode_err(e, got);
    let key_err = |e: ssh_key::Error| map_error(e, got);
    let mut r = blob;
    let _cert_type_name = String::decode(&mut r).map_err(err)?;
    let _nonce = Vec::<u8>::decode(&mut r).map_err(err)?;
    // Security-key types drop their `@openssh.com` before the certificate
    // suffix: `sk-ssh-ed25519-cert-v01@openssh.com` certifies `sk-ssh-ed25519@openssh.com`.
    let algorithm = Algorithm::new(plain_type)
        .or_else(|_| Algorithm::new(&format!("{plain_type}@openssh.com")))
        .map_err(|_| BlobError::UnknownType(format!("{plain_type}{CERT_SUFFIX}")))?;
    let plain = match algorithm {
        Algorithm::Rsa { .. } => KeyData::Rsa(RsaPublicKey::decode(&mut r).map_err(key_err)?),
        Algorithm::Dsa => KeyData::Dsa(DsaPublicKey::decode(&mut r).map_err(key_err)?),
        Algorithm::Ecdsa { .. } => KeyData::Ecdsa(EcdsaPublicKey::decode(&mut r).map_err(key_err)?),
        Algorithm::Ed25519 => KeyData::Ed25519(Ed25519PublicKey::decode(&mut r).map_err(key_err)?),
        Algorithm::SkEcdsaSha2NistP256 => {
            KeyData::SkEcdsaSha2NistP256(SkEcdsaSha2NistP256::decode(&mut r).map_err(key_err)?)
        }
        Algorithm::SkEd25519 => KeyData::SkEd25519(SkEd25519::decode(&mut r).map_err(key_err)?),
        _ => return Err(BlobError::UnknownType(format!("{plain_type}{CERT_SUFFIX}"))),
    };
    let serial = u64::decode(&mut r).map_err(err)?;
    let cert_type = match u32::decode(&mut r).map_err(err)? {
        1 => "user",
        2 => "host",
        _ => {
            return Err(BlobError::Malformed(
                "the certificate type is neither user nor host".into(),
            ))
        }
    };
    let key_id = String::decode(&mut r).map_err(err)?;
    let principals = Vec::<String>::decode(&mut r).map_err(err)?;
    let valid_after = u64::decode(&mut r).map_err(err)?;
    let valid_before = u64::decode(&mut r).map_err(err)?;
    let critical_options = option_names(&Vec::<u8>::decode(&mut r).map_err(err)?)?;
    let extensions = option_names(&Vec::<u8>::decode(&mut r).map_err(err)?)?;
    let _reserved = Vec::<u8>::decode(&mut r).map_err(err)?;
    let ca_blob = Vec::<u8>::decode(&mut r).map_err(err)?;
    let _signature = Vec::<u8>::decode(&mut r).map_err(err)?;
    if !r.is_empty() {
        return Err(BlobError::TrailingData(r.len()));
    }
    let ca_algorithm = blob_type(&ca_blob)?;
    // ssh-keygen reads the signing key too, and refuses a bad point in it.
    if let Ok(ca) = KeyData::decode(&mut ca_blob.as_slice()) {
        checked(ca, true)?;
    }
    Ok((
        plain,
        CertificateFacts {
            serial,
            cert_type,
            key_id,
            principals,
            valid_after,
            valid_before,
            critical_options,
            extensions,
            ca_algorithm,
            ca_sha256: fingerprint_sha256(&ca_blob),
        },
    ))
}

/// Names in a certificate's options map (name, then a string of data).
fn option_names(mut map: &[u8]) -> Result<Vec<String>, BlobError> {
    let got = map.len();
    let mut names = Vec::new();
    while !map.is_empty() {
        names.push(String::decode(&mut map).map_err(|e| decode_err(e, got))?);
        map.drain_prefixed().map_err(|e| decode_err(e, got))?;
    }
    Ok(names)
}
