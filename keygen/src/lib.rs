//! Key pairs for Keyward, made from a cryptographically secure random
//! source (in a browser, the Web Crypto API through getrandom): Ed25519 in
//! OpenSSH's own format, optionally encrypted with a passphrase, and RSA
//! 3072 or 4096 as PEM `RSA PRIVATE KEY` (PKCS#1), the format HCP
//! Terraform's docs ask for. The public half is an OpenSSH
//! `authorized_keys` line.
//!
//! Pure: no I/O and no logging. The private key lives in [`Zeroizing`]
//! memory, wiped when dropped.

use rand_core::CryptoRngCore;
use rsa::pkcs1::EncodeRsaPrivateKey;
use rsa::traits::PublicKeyParts;
use serde::{Deserialize, Serialize};
use ssh_key::public::{KeyData, RsaPublicKey};
use ssh_key::{Algorithm, LineEnding, Mpint, PrivateKey, PublicKey};
use std::fmt;
use zeroize::{Zeroize, Zeroizing};

/// What to make.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum KeyKind {
    #[serde(rename = "ed25519")]
    Ed25519,
    #[serde(rename = "rsa-3072")]
    Rsa3072,
    #[serde(rename = "rsa-4096")]
    Rsa4096,
}

impl KeyKind {
    /// The RSA modulus size, if RSA.
    pub fn rsa_bits(self) -> Option<usize> {
        match self {
            KeyKind::Ed25519 => None,
            KeyKind::Rsa3072 => Some(3072),
            KeyKind::Rsa4096 => Some(4096),
        }
    }
}

/// One request, as the page sends it to the worker (JSON).
#[derive(Deserialize)]
pub struct KeyRequest {
    pub kind: KeyKind,
    /// The public key's comment (and the OpenSSH private key's).
    #[serde(default)]
    pub comment: String,
    /// Encrypts an Ed25519 key in OpenSSH format (bcrypt-pbkdf, AES-256-CTR,
    /// as `ssh-keygen` does). Empty means none.
    #[serde(default)]
    pub passphrase: String,
}

impl Drop for KeyRequest {
    fn drop(&mut self) {
        self.passphrase.zeroize();
    }
}

/// A new pair.
pub struct GeneratedKey {
    /// OpenSSH (`-----BEGIN OPENSSH PRIVATE KEY-----`) for Ed25519, PEM
    /// `-----BEGIN RSA PRIVATE KEY-----` for RSA; LF line endings.
    pub private_key: Zeroizing<String>,
    /// `ssh-ed25519 AAAA… comment` / `ssh-rsa AAAA… comment`.
    pub public_key: String,
}

/// Why no key was made; each says what to change.
#[derive(Debug, PartialEq, Eq)]
pub enum GenerateError {
    /// The comment would break the public key's line.
    CommentHasControlCharacters,
    /// PEM `RSA PRIVATE KEY` (what Terraform reads) has no passphrase here.
    PassphraseOnlyForEd25519,
    /// The random source or an encoder failed (never expected).
    Failed(String),
}

impl fmt::Display for GenerateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GenerateError::CommentHasControlCharacters => f.write_str(
                "The comment cannot hold line breaks, tabs or other control characters: use plain text such as you@laptop.",
            ),
            GenerateError::PassphraseOnlyForEd25519 => f.write_str(
                "A passphrase is offered for Ed25519 keys only: an RSA key is made as PEM for HCP Terraform, which needs it unencrypted.",
            ),
            GenerateError::Failed(why) => write!(f, "The key could not be made: {why}"),
        }
    }
}

impl std::error::Error for GenerateError {}

/// Makes a pair as `request` asks, with randomness from `rng`.
pub fn generate(
    request: &KeyRequest,
    rng: &mut impl CryptoRngCore,
) -> Result<GeneratedKey, GenerateError> {
    if request.comment.chars().any(char::is_control) {
        return Err(GenerateError::CommentHasControlCharacters);
    }
    match request.kind.rsa_bits() {
        None => ed25519(request, rng),
        Some(_) if !request.passphrase.is_empty() => Err(GenerateError::PassphraseOnlyForEd25519),
        Some(bits) => rsa_pem(bits, &request.comment, rng),
    }
}

fn ed25519(
    request: &KeyRequest,
    rng: &mut impl CryptoRngCore,
) -> Result<GeneratedKey, GenerateError> {
    let mut key = PrivateKey::random(rng, Algorithm::Ed25519).map_err(failed)?;
    key.set_comment(request.comment.as_str());
    let public_key = key.public_key().to_openssh().map_err(failed)?;
    if !request.passphrase.is_empty() {
        key = key
            .encrypt(rng, request.passphrase.as_bytes())
            .map_err(failed)?;
    }
    let private_key = key.to_openssh(LineEnding::LF).map_err(failed)?;
    Ok(GeneratedKey {
        private_key,
        public_key,
    })
}

fn rsa_pem(
    bits: usize,
    comment: &str,
    rng: &mut impl CryptoRngCore,
) -> Result<GeneratedKey, GenerateError> {
    let key = rsa::RsaPrivateKey::new(rng, bits).map_err(failed)?;
    let private_key = key
        .to_pkcs1_pem(rsa::pkcs1::LineEnding::LF)
        .map_err(failed)?;
    // The public half in SSH's encoding: e and n as SSH mpints, built here
    // from the two numbers rather than through ssh-key's `rsa` feature,
    // which would pull a second big-number library.
    let public = RsaPublicKey {
        e: Mpint::from_positive_bytes(&key.e().to_bytes_be()).map_err(failed)?,
        n: Mpint::from_positive_bytes(&key.n().to_bytes_be()).map_err(failed)?,
    };
    let public_key = PublicKey::new(KeyData::Rsa(public), comment)
        .to_openssh()
        .map_err(failed)?;
    Ok(GeneratedKey {
        private_key,
        public_key,
    })
}

fn failed(error: impl fmt::Display) -> GenerateError {
    GenerateError::Failed(error.to_string())
}
