//! What the engine says about one key found in a paste.

use super::key::SshKey;
use super::lint::Lint;

/// The verdict on one key-shaped thing in a paste.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A usable public key.
    Public,
    /// An OpenSSH certificate (a public key signed by a CA).
    Certificate,
    /// A private key: never to be sent where a public key is wanted.
    Private,
    /// Something that is not a usable key, with the reason in `message`.
    Invalid,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Public => "public",
            Kind::Certificate => "certificate",
            Kind::Private => "private",
            Kind::Invalid => "invalid",
        }
    }
}

/// Facts only an OpenSSH certificate has.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CertificateFacts {
    pub serial: u64,
    /// `user` or `host`.
    pub cert_type: &'static str,
    pub key_id: String,
    pub principals: Vec<String>,
    /// Seconds since the epoch; 0 means "since always".
    pub valid_after: u64,
    /// Seconds since the epoch; `u64::MAX` means "forever".
    pub valid_before: u64,
    pub critical_options: Vec<String>,
    pub extensions: Vec<String>,
    /// The signing CA's key type, e.g. `ssh-ed25519`.
    pub ca_algorithm: String,
    /// The signing CA's fingerprint, as `ssh-keygen -l` prints it.
    pub ca_sha256: String,
}

/// One finding: a key (usable or not) or a specific problem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub kind: Kind,
    /// 1-based line of the paste where this finding starts.
    pub line: usize,
    /// The format it was written in, in people's words ("OpenSSH public key").
    pub format: &'static str,
    /// The key, for public keys, certificates and private keys whose public
    /// half could be read or derived.
    pub key: Option<SshKey>,
    /// Boxed: most findings are plain keys, and a smaller `Finding` moves faster.
    pub certificate: Option<Box<CertificateFacts>>,
    /// For private keys: whether a passphrase protects them (None: unknown).
    pub encrypted: Option<bool>,
    /// What is wrong (invalid, private) in plain words.
    pub problem: Option<String>,
    /// What the engine repaired or converted to get a canonical key.
    pub repairs: Vec<String>,
    pub lints: Vec<Lint>,
}

impl Finding {
    pub(crate) fn new(kind: Kind, line: usize, format: &'static str) -> Self {
        Finding {
            kind,
            line,
            format,
            key: None,
            certificate: None,
            encrypted: None,
            problem: None,
            repairs: Vec::new(),
            lints: Vec::new(),
        }
    }

    pub(crate) fn invalid(line: usize, format: &'static str, problem: impl Into<String>) -> Self {
        let mut finding = Finding::new(Kind::Invalid, line, format);
        finding.problem = Some(problem.into());
        finding
    }

    /// True for a key that may be sent where a public key is wanted
    /// (lints may still advise against it).
    pub fn is_usable_public(&self) -> bool {
        matches!(self.kind, Kind::Public | Kind::Certificate) && self.key.is_some()
    }

    /// The one line summary the command line and the page show as `message`:
    /// the problem if there is one, else the repairs made.
    pub fn message(&self) -> Option<String> {
        match &self.problem {
            Some(problem) if self.repairs.is_empty() => Some(problem.clone()),
            Some(problem) => Some(format!("{problem} ({})", self.repairs.join("; "))),
            None if self.repairs.is_empty() => None,
            None => Some(self.repairs.join("; ")),
        }
    }

    /// The stable JSON object of `examples/inspect.rs`.
    pub fn to_json(&self) -> serde_json::Value {
        let mut object = serde_json::Map::new();
        object.insert("kind".into(), self.kind.as_str().into());
        object.insert("line".into(), self.line.into());
        object.insert("format".into(), self.format.into());
        if let Some(key) = &self.key {
            object.insert("algorithm".into(), key.algorithm.clone().into());
            object.insert("bits".into(), key.bits.into());
            if let Some(comment) = &key.comment {
                object.insert("comment".into(), comment.clone().into());
            }
            object.insert("sha256".into(), key.sha256.clone().into());
            object.insert("md5".into(), key.md5().into());
            object.insert("openssh".into(), key.openssh().into());
        }
        if let Some(cert) = &self.certificate {
            let mut c = serde_json::Map::new();
            c.insert("serial".into(), cert.serial.into());
            c.insert("type".into(), cert.cert_type.into());
            c.insert("key_id".into(), cert.key_id.clone().into());
            c.insert("principals".into(), cert.principals.clone().into());
            c.insert("valid_after".into(), cert.valid_after.into());
            c.insert("valid_before".into(), cert.valid_before.into());
            c.insert(
                "critical_options".into(),
                cert.critical_options.clone().into(),
            );
            c.insert("extensions".into(), cert.extensions.clone().into());
            c.insert("ca_algorithm".into(), cert.ca_algorithm.clone().into());
            c.insert("ca_sha256".into(), cert.ca_sha256.clone().into());
            object.insert("certificate".into(), c.into());
        }
        if self.kind == Kind::Private {
            if let Some(encrypted) = self.encrypted {
                object.insert("encrypted".into(), encrypted.into());
            }
        }
        if let Some(message) = self.message() {
            object.insert("message".into(), message.into());
        }
        let lints: Vec<serde_json::Value> =
            self.lints.iter().map(|l| l.code.as_str().into()).collect();
        object.insert("lints".into(), lints.into());
        object.into()
    }
}
