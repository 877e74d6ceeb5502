//! Elliptic-curve facts the wire format does not check by itself: that an
//! ECDSA public point lies on its curve (ssh-keygen refuses a key whose point
//! does not, and so must we, or we would offer a key no server can use).
//!
//! It also derives the public key of an Ed25519 private key stored as its
//! seed alone, to say which key a refused private key is.
//!
//! The RustCrypto and dalek curve crates do the arithmetic: hand-written
//! modular arithmetic is the kind of code that is easy to get subtly wrong.

use curve25519_dalek::EdwardsPoint;
use primeorder::{FieldBytes, PrimeCurveParams, PrimeField};
use sha2::{Digest as _, Sha512};
use ssh_key::public::{EcdsaPublicKey, KeyData};
use zeroize::Zeroizing;

/// Why an elliptic-curve point was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PointError {
    /// Only the uncompressed form (`04 || x || y`) is valid in SSH.
    Compressed,
    /// The coordinates do not satisfy the curve's equation (or are out of
    /// range, or the point is the identity).
    OffCurve,
}

/// Checks every elliptic-curve point of a key; other key types pass.
pub(crate) fn check_point(key: &KeyData) -> Result<(), (PointError, &'static str)> {
    let (bytes, curve) = match key {
        KeyData::Ecdsa(EcdsaPublicKey::NistP256(p)) => (p.as_bytes(), Curve::P256),
        KeyData::Ecdsa(EcdsaPublicKey::NistP384(p)) => (p.as_bytes(), Curve::P384),
        KeyData::Ecdsa(EcdsaPublicKey::NistP521(p)) => (p.as_bytes(), Curve::P521),
        KeyData::SkEcdsaSha2NistP256(sk) => (sk.ec_point().as_bytes(), Curve::P256),
        _ => return Ok(()),
    };
    let name = curve.name();
    if bytes.first() != Some(&0x04) {
        return Err((PointError::Compressed, name));
    }
    let on_curve = match curve {
        Curve::P256 => on_curve::<p256::NistP256>(bytes),
        Curve::P384 => on_curve::<p384::NistP384>(bytes),
        Curve::P521 => on_curve::<p521::NistP521>(bytes),
    };
    if on_curve {
        Ok(())
    } else {
        Err((PointError::OffCurve, name))
    }
}

/// Whether an uncompressed SEC1 point (`04 || x || y`) satisfies
/// y² = x³ + ax + b. This is OpenSSH's sshkey_ec_validate_public for the
/// NIST curves: coordinates below the field prime (`from_repr` refuses the
/// rest), on the curve, not the identity (which has no affine coordinates);
/// the curves have cofactor 1, so a point on the curve is in the group.
///
/// Only the field arithmetic is used, not `PublicKey::from_sec1_bytes`,
/// whose point decompression (a square root) the WASM would carry for nothing.
fn on_curve<C: PrimeCurveParams>(point: &[u8]) -> bool {
    let n = (point.len().saturating_sub(1)) / 2;
    if point.len() != 1 + 2 * n || n != FieldBytes::<C>::default().len() {
        return false;
    }
    let coordinate = |bytes: &[u8]| {
        Option::from(C::FieldElement::from_repr(
            FieldBytes::<C>::clone_from_slice(bytes),
        ))
    };
    let (Some(x), Some(y)) = (coordinate(&point[1..1 + n]), coordinate(&point[1 + n..])) else {
        return false;
    };
    let x: C::FieldElement = x;
    // Products rather than `square()`: the curves' squaring is a second,
    // separate routine as large as the product, and speed does not matter here.
    y * y == x * x * x + C::EQUATION_A * x + C::EQUATION_B
}

#[derive(Clone, Copy)]
enum Curve {
    P256,
    P384,
    P521,
}

impl Curve {
    fn name(self) -> &'static str {
        match self {
            Curve::P256 => "NIST P-256",
            Curve::P384 => "NIST P-384",
            Curve::P521 => "NIST P-521",
        }
    }
}

/// The public key of an Ed25519 private key given as its 32-byte seed
/// (RFC 8032, 5.1.5): the clamped first half of SHA-512(seed) times the base
/// point. The secret intermediates are wiped when dropped.
pub(crate) fn ed25519_public(seed: &[u8; 32]) -> [u8; 32] {
    let hash = Zeroizing::new(Sha512::digest(seed));
    let mut scalar = Zeroizing::new([0u8; 32]);
    scalar.copy_from_slice(&hash[..32]);
    EdwardsPoint::mul_base_clamped(*scalar)
        .compress()
        .to_bytes()
}
