//! The key engine against the reference tools, on keys made at test time.
//!
//! Every key here is generated when the test runs (ssh-keygen, puttygen,
//! openssl, in a temporary directory) and every fact the engine reports is
//! compared with what `ssh-keygen` prints for the same file: size, SHA256 and
//! MD5 fingerprints, the short type in parentheses, the randomart box, the
//! canonical line, and for certificates what `ssh-keygen -L` lists. No
//! fingerprint is written down by hand. The only fixed key material is the
//! security-key test vectors from OpenSSH's own regression tests (no hardware
//! token here to make new ones); they are public keys and certificates only.
//!
//! Needs on PATH: `ssh-keygen` (OpenSSH 9.x), `puttygen` (PuTTY 0.75 or newer,
//! for `--ppk-param`; Debian package putty-tools) and `openssl`.
//!
//! Every test shares one set of generated keys (RSA up to 4096 bits takes a
//! while to make), created once under cargo's `CARGO_TARGET_TMPDIR`.

#![cfg(unix)]

use keyward::keys::{inspect, CertificateFacts, Finding, Kind, LintCode, SshKey};
use std::collections::BTreeSet;
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

// ---------------------------------------------------------------------------
// Running the tools
// ---------------------------------------------------------------------------

/// A tool invocation; ssh-keygen prints certificate times in local time, so
/// every tool runs with `TZ=UTC` and the test formats times in UTC too.
fn command(program: &str, args: &[&str], dir: &Path) -> Command {
    let mut command = Command::new(program);
    command
        .args(args)
        .current_dir(dir)
        .env("TZ", "UTC")
        .stdin(Stdio::null());
    command
}

fn check(program: &str, args: &[&str], output: std::io::Result<Output>) -> String {
    let output = output.unwrap_or_else(|e| {
        panic!(
            "cannot run `{program}` ({e}). This test needs ssh-keygen (OpenSSH), puttygen \
             (putty-tools) and openssl on PATH."
        )
    });
    assert!(
        output.status.success(),
        "`{program} {}` failed ({}):\n{}{}",
        args.join(" "),
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("tool output is UTF-8")
}

/// Runs a tool in `dir`, fails the test if it fails, returns its stdout.
fn run(program: &str, args: &[&str], dir: &Path) -> String {
    check(program, args, command(program, args, dir).output())
}

fn spawn(program: &str, args: &[&str], dir: &Path) -> Child {
    command(program, args, dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run `{program}` ({e})"))
}

fn keygen(args: &[&str], dir: &Path) -> String {
    run("ssh-keygen", args, dir)
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn write(path: &Path, text: &str) {
    fs::write(path, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
}

/// ssh-keygen refuses private key files others can read.
fn make_private(path: &Path) {
    fs::set_permissions(path, fs::Permissions::from_mode(0o600))
        .unwrap_or_else(|e| panic!("cannot chmod {}: {e}", path.display()));
}

fn path_str(path: &Path) -> &str {
    path.to_str().expect("temporary paths are UTF-8")
}

// ---------------------------------------------------------------------------
// The shared keys
// ---------------------------------------------------------------------------

/// Keys made once with `ssh-keygen -t TYPE [-b BITS] -C COMMENT -N ''`.
/// The comments cover the shapes `ssh-keygen -l` must echo: a mail address,
/// several words, none at all (the .pub line then ends in a space), UTF-8.
const KEYS: &[(&str, &str, Option<u32>, &str)] = &[
    ("ed25519", "ed25519", None, "alice@example.com"),
    ("ed25519-utf8", "ed25519", None, "Zoë's clé ünïcødé"),
    ("rsa1024", "rsa", Some(1024), "old rsa key"),
    // An odd size: the bit count must come from the modulus, not the bytes.
    ("rsa2047", "rsa", Some(2047), "odd sized"),
    ("rsa2048", "rsa", Some(2048), "bob@laptop"),
    ("rsa3072", "rsa", Some(3072), ""),
    ("rsa4096", "rsa", Some(4096), "big rsa key"),
    ("ecdsa256", "ecdsa", Some(256), "p-256 key"),
    ("ecdsa384", "ecdsa", Some(384), "p-384 key"),
    ("ecdsa521", "ecdsa", Some(521), "p-521 key"),
    ("dsa", "dsa", None, "legacy dsa"),
];

/// How many tests use the shared directory (every test in this file does);
/// the last one to finish removes it. A filtered run leaves it behind in
/// cargo's target/tmp.
fn fixture_users() -> usize {
    include_str!("ssh_keygen.rs")
        .lines()
        .filter(|line| line.trim() == "#[test]")
        .count()
}

struct Fixture {
    dir: Mutex<Option<tempfile::TempDir>>,
    root: PathBuf,
    finished: AtomicUsize,
}

/// A test's hold on the shared keys; the directory goes when the last test
/// using it is done (also when it failed: the guard drops while unwinding).
struct Keys {
    fixture: &'static Fixture,
}

impl Drop for Keys {
    fn drop(&mut self) {
        if self.fixture.finished.fetch_add(1, Ordering::SeqCst) + 1 == fixture_users() {
            if let Ok(mut dir) = self.fixture.dir.lock() {
                dir.take();
            }
        }
    }
}

impl Keys {
    fn get() -> Keys {
        static FIXTURE: OnceLock<Fixture> = OnceLock::new();
        let fixture = FIXTURE.get_or_init(|| {
            let dir = tempfile::Builder::new()
                .prefix("ssh_keygen-")
                .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
                .expect("a temporary directory");
            let root = dir.path().to_path_buf();
            // All keys at once: the RSA ones take most of the time.
            let mut children = Vec::new();
            for &(name, kind, bits, comment) in KEYS {
                let bits = bits.map(|b| b.to_string());
                let mut args = vec!["-q", "-t", kind, "-N", "", "-C", comment, "-f", name];
                if let Some(bits) = &bits {
                    args.extend(["-b", bits.as_str()]);
                }
                children.push((name, spawn("ssh-keygen", &args, &root)));
            }
            for (name, child) in children {
                check("ssh-keygen", &["-t", name], child.wait_with_output());
            }
            Fixture {
                dir: Mutex::new(Some(dir)),
                root,
                finished: AtomicUsize::new(0),
            }
        });
        Keys { fixture }
    }

    /// A fresh directory for one test's files.
    fn workdir(&self, name: &str) -> PathBuf {
        let dir = self.fixture.root.join(name);
        fs::create_dir_all(&dir).expect("a work directory");
        dir
    }

    /// The private key file of one of [`KEYS`].
    fn private(&self, name: &str) -> PathBuf {
        assert!(KEYS.iter().any(|k| k.0 == name), "no key {name}");
        self.fixture.root.join(name)
    }

    fn public(&self, name: &str) -> PathBuf {
        assert!(KEYS.iter().any(|k| k.0 == name), "no key {name}");
        self.fixture.root.join(format!("{name}.pub"))
    }

    /// Copies a key pair into `dir` under a new name (for tools that write
    /// next to their input, like `ssh-keygen -s` and `ssh-keygen -p`).
    fn copy_pair(&self, name: &str, dir: &Path, new_name: &str) -> PathBuf {
        let private = dir.join(new_name);
        fs::copy(self.private(name), &private).expect("copy the private key");
        fs::copy(self.public(name), dir.join(format!("{new_name}.pub"))).expect("copy the .pub");
        make_private(&private);
        private
    }
}

fn key_names() -> impl Iterator<Item = &'static str> {
    KEYS.iter().map(|k| k.0)
}

// ---------------------------------------------------------------------------
// What ssh-keygen says
// ---------------------------------------------------------------------------

/// One line of `ssh-keygen -l`: `BITS FINGERPRINT COMMENT (TYPE)`.
#[derive(Debug, Clone, PartialEq)]
struct Listed {
    bits: u32,
    fingerprint: String,
    /// None where ssh-keygen prints `no comment`.
    comment: Option<String>,
    short_type: String,
}

fn parse_listed(line: &str) -> Listed {
    let (bits, rest) = line.split_once(' ').expect("ssh-keygen -l: bits");
    let (fingerprint, rest) = rest.split_once(' ').expect("ssh-keygen -l: fingerprint");
    let (comment, short_type) = rest.rsplit_once(" (").expect("ssh-keygen -l: type");
    Listed {
        bits: bits.parse().expect("ssh-keygen -l: bits are a number"),
        fingerprint: fingerprint.to_string(),
        comment: (comment != "no comment").then(|| comment.to_string()),
        short_type: short_type
            .strip_suffix(')')
            .expect("ssh-keygen -l: (type)")
            .into(),
    }
}

/// `ssh-keygen -l -E HASH -f FILE`, one entry per key in the file.
fn listed(file: &Path, hash: &str) -> Vec<Listed> {
    let dir = file.parent().expect("a file in a directory");
    keygen(&["-l", "-E", hash, "-f", path_str(file)], dir)
        .lines()
        .map(parse_listed)
        .collect()
}

/// Everything ssh-keygen prints about a public key or certificate file.
#[derive(Debug)]
struct Reference {
    /// First field of the line.
    algorithm: String,
    /// The first two fields of the line.
    openssh: String,
    /// The rest of the line, None if empty.
    comment: Option<String>,
    sha256: Listed,
    md5: Listed,
    /// The box of `ssh-keygen -lv` (the lines after the first).
    randomart: String,
}

fn reference(file: &Path) -> Reference {
    let text = read(file);
    let line = text.lines().next().expect("a key line");
    let mut fields = line.splitn(3, ' ');
    let algorithm = fields.next().expect("a type").to_string();
    let data = fields.next().expect("key data");
    let comment = fields.next().map(str::trim).filter(|c| !c.is_empty());
    let dir = file.parent().expect("a file in a directory");
    let verbose = keygen(&["-lv", "-f", path_str(file)], dir);
    let mut verbose_lines = verbose.lines();
    // The first line of -lv is what `ssh-keygen -l -E sha256` prints.
    let sha256 = parse_listed(verbose_lines.next().expect("ssh-keygen -lv output"));
    Reference {
        openssh: format!("{algorithm} {data}"),
        algorithm,
        comment: comment.map(str::to_string),
        md5: listed(file, "md5").remove(0),
        sha256,
        randomart: verbose_lines.collect::<Vec<_>>().join("\n"),
    }
}

/// The lint codes the engine must give a key ssh-keygen describes so.
fn expected_lints(algorithm: &str, bits: u32) -> BTreeSet<&'static str> {
    let mut lints = BTreeSet::new();
    let plain = algorithm.trim_end_matches("-cert-v01@openssh.com");
    if plain == "ssh-dss" {
        lints.insert(LintCode::Dsa.as_str());
    }
    if plain == "ssh-rsa" && bits < 1024 {
        lints.insert(LintCode::RsaTooShort.as_str());
    } else if plain == "ssh-rsa" && bits < 2048 {
        lints.insert(LintCode::RsaWeak.as_str());
    }
    if algorithm != plain {
        lints.insert(LintCode::Certificate.as_str());
    }
    lints
}

fn lint_codes(finding: &Finding) -> BTreeSet<&'static str> {
    finding.lints.iter().map(|l| l.code.as_str()).collect()
}

/// The key facts the engine reports equal ssh-keygen's (the comment is
/// checked by the callers: conversions carry their own).
fn assert_key(key: &SshKey, want: &Reference, what: &str) {
    assert_eq!(key.algorithm, want.algorithm, "{what}: algorithm");
    assert_eq!(key.bits, want.sha256.bits, "{what}: bits");
    assert_eq!(key.sha256, want.sha256.fingerprint, "{what}: sha256");
    assert_eq!(key.md5(), want.md5.fingerprint, "{what}: md5");
    assert_eq!(
        key.short_type(),
        want.sha256.short_type,
        "{what}: short type"
    );
    assert_eq!(key.openssh(), want.openssh, "{what}: canonical line");
    assert_eq!(
        key.randomart().trim_end(),
        want.randomart.trim_end(),
        "{what}: randomart"
    );
}

/// A finding for an ssh-keygen-made public key or certificate line.
fn assert_line_finding(finding: &Finding, want: &Reference, what: &str) {
    let kind = if want.algorithm.ends_with("-cert-v01@openssh.com") {
        Kind::Certificate
    } else {
        Kind::Public
    };
    assert_eq!(finding.kind, kind, "{what}: kind ({:?})", finding.message());
    let key = finding.key.as_ref().expect("a key");
    assert_key(key, want, what);
    assert_eq!(key.comment, want.comment, "{what}: comment");
    assert_eq!(
        key.comment, want.sha256.comment,
        "{what}: comment per ssh-keygen -l"
    );
    assert_eq!(
        finding.repairs,
        Vec::<String>::new(),
        "{what}: a file straight from ssh-keygen needs no repair"
    );
    assert_eq!(finding.problem, None, "{what}: problem");
    let mut lints = expected_lints(&want.algorithm, want.sha256.bits);
    lints.extend(
        lint_codes(finding)
            .into_iter()
            .filter(|&c| c == LintCode::Duplicate.as_str()),
    );
    assert_eq!(lint_codes(finding), lints, "{what}: lints");
}

fn inspect_one(text: &str, what: &str) -> Finding {
    let mut findings = inspect(text);
    assert_eq!(findings.len(), 1, "{what}: one finding, got {findings:#?}");
    findings.remove(0)
}

// ---------------------------------------------------------------------------
// Plain public keys
// ---------------------------------------------------------------------------

#[test]
fn public_keys_match_ssh_keygen() {
    let keys = Keys::get();
    for name in key_names() {
        let file = keys.public(name);
        let want = reference(&file);
        let finding = inspect_one(&read(&file), name);
        assert_line_finding(&finding, &want, name);
        assert_eq!(finding.format, "OpenSSH public key", "{name}");
        let size = KEYS.iter().find(|k| k.0 == name).and_then(|k| k.2);
        if let Some(bits) = size {
            assert_eq!(
                want.sha256.bits, bits,
                "{name}: ssh-keygen made the size asked"
            );
        }
    }
}

// ---------------------------------------------------------------------------
// Export formats converted back
// ---------------------------------------------------------------------------

/// The `Comment:` header of an RFC 4716 block, unquoted.
fn rfc4716_comment(text: &str) -> Option<String> {
    text.lines()
        .find_map(|l| l.strip_prefix("Comment:"))
        .map(|c| c.trim().trim_matches('"').to_string())
        .filter(|c| !c.is_empty())
}

#[test]
fn exported_public_keys_convert_back() {
    let keys = Keys::get();
    let dir = keys.workdir("exports");
    for name in key_names() {
        let original = keys.public(name);
        let want = reference(&original);
        let is = |prefix: &str| want.algorithm.starts_with(prefix);

        // ssh-keygen -e: RFC 4716 for every type; PKCS#8 and PEM for the
        // types OpenSSL knows (ssh-keygen 9.2 refuses them for Ed25519).
        let mut exports = vec![("RFC4716", "---- BEGIN SSH2 PUBLIC KEY ----")];
        if !is("ssh-ed25519") {
            exports.push(("PKCS8", "-----BEGIN PUBLIC KEY-----"));
            exports.push((
                "PEM",
                if is("ssh-rsa") {
                    "-----BEGIN RSA PUBLIC KEY-----"
                } else {
                    // ssh-keygen writes PKCS#8 for the other types.
                    "-----BEGIN PUBLIC KEY-----"
                },
            ));
        }
        for (format, begin) in exports {
            let what = format!("{name} ssh-keygen -e -m {format}");
            let text = keygen(&["-e", "-m", format, "-f", path_str(&original)], &dir);
            assert!(text.starts_with(begin), "{what}: {text}");
            let finding = inspect_one(&text, &what);
            assert_eq!(
                finding.kind,
                Kind::Public,
                "{what}: {:?}",
                finding.message()
            );
            let key = finding.key.as_ref().expect("a key");
            assert_key(key, &want, &what);
            assert_eq!(key.comment, rfc4716_comment(&text), "{what}: comment");
            assert_eq!(
                lint_codes(&finding),
                expected_lints(&want.algorithm, want.sha256.bits),
                "{what}: lints"
            );
            assert!(!finding.repairs.is_empty(), "{what}: says it converted");
        }

        // PuTTYgen's public export: RFC 4716 with the key's own comment.
        let what = format!("{name} puttygen -O public");
        let text = run(
            "puttygen",
            &[path_str(&keys.private(name)), "-O", "public"],
            &dir,
        );
        let finding = inspect_one(&text, &what);
        assert_eq!(
            finding.kind,
            Kind::Public,
            "{what}: {:?}",
            finding.message()
        );
        let key = finding.key.as_ref().expect("a key");
        assert_key(key, &want, &what);
        assert_eq!(
            key.comment,
            rfc4716_comment(&text),
            "{what}: header comment"
        );
        assert_eq!(key.comment, want.comment, "{what}: the key's own comment");

        // PuTTYgen's OpenSSH line is the same line ssh-keygen wrote.
        let what = format!("{name} puttygen -O public-openssh");
        let text = run(
            "puttygen",
            &[path_str(&keys.private(name)), "-O", "public-openssh"],
            &dir,
        );
        let finding = inspect_one(&text, &what);
        assert_key(finding.key.as_ref().expect("a key"), &want, &what);
    }
}

// ---------------------------------------------------------------------------
// Private keys
// ---------------------------------------------------------------------------

/// What a private key file tells about its public half.
#[derive(Clone, Copy, Debug)]
enum Half {
    /// Stored in the file (in clear even when the key is encrypted): the
    /// engine must show it, with ssh-keygen's fingerprint.
    Shown,
    /// Not in the file in a form the engine can read without a passphrase or
    /// key arithmetic; `key` must be None:
    /// - encrypted PKCS#8 and legacy encrypted PEM (`Proc-Type: 4,ENCRYPTED`)
    ///   encrypt the whole structure, the public numbers included;
    /// - PKCS#8 Ed25519 from OpenSSL 3 (version 1) holds only the seed;
    /// - PKCS#8 DSA holds only the private number x (y = g^x mod p needs
    ///   big-number arithmetic the engine does not have).
    Absent,
    /// Readable in principle, but the engine does not read it (SSH.com
    /// private key bodies): if it ever does, it must match ssh-keygen.
    NotRead,
}

struct PrivateCase {
    what: String,
    file: PathBuf,
    /// The first line the tool wrote.
    begin: &'static str,
    encrypted: bool,
    half: Half,
    /// The .pub ssh-keygen made for this key (None: derive with `ssh-keygen -y`).
    public: Option<PathBuf>,
}

fn check_private(case: &PrivateCase, dir: &Path) {
    let what = &case.what;
    let text = read(&case.file);
    assert_eq!(
        text.lines().next().unwrap_or_default().trim_end(),
        case.begin,
        "{what}: the tool wrote the format this case is about"
    );
    let finding = inspect_one(&text, what);
    assert_eq!(finding.kind, Kind::Private, "{what}: {finding:#?}");
    assert_eq!(finding.encrypted, Some(case.encrypted), "{what}: encrypted");
    assert!(finding.problem.is_some(), "{what}: says why it is refused");
    assert!(!finding.is_usable_public(), "{what}: never usable");
    match (case.half, &finding.key) {
        (Half::Absent, Some(key)) => panic!("{what}: no public half expected, got {key:?}"),
        (Half::Shown, None) => panic!("{what}: public half missing: {finding:#?}"),
        (Half::Absent, None) | (Half::NotRead, None) => {}
        (Half::Shown, Some(key)) | (Half::NotRead, Some(key)) => {
            let public = match &case.public {
                Some(public) => public.clone(),
                None => {
                    let derived = dir.join(format!(
                        "{}.derived.pub",
                        case.file
                            .file_name()
                            .and_then(|n| n.to_str())
                            .unwrap_or("key")
                    ));
                    write(&derived, &keygen(&["-y", "-f", path_str(&case.file)], dir));
                    derived
                }
            };
            let want = reference(&public);
            assert_eq!(key.sha256, want.sha256.fingerprint, "{what}: sha256");
            assert_eq!(key.bits, want.sha256.bits, "{what}: bits");
            assert_eq!(key.algorithm, want.algorithm, "{what}: algorithm");
            assert_eq!(key.openssh(), want.openssh, "{what}: public line");
            assert_eq!(key.md5(), want.md5.fingerprint, "{what}: md5");
        }
    }
}

const PASSPHRASE: &str = "correct horse battery staple";

#[test]
fn ssh_keygen_private_keys_are_refused() {
    let keys = Keys::get();
    let dir = keys.workdir("private-ssh-keygen");
    let mut cases = Vec::new();
    for name in [
        "ed25519", "rsa2048", "ecdsa256", "ecdsa384", "ecdsa521", "dsa",
    ] {
        let ed25519 = name.starts_with("ed25519");
        let (pem_label, pkcs8_plain_half) = match name {
            n if n.starts_with("rsa") => ("RSA PRIVATE KEY", Half::Shown),
            n if n.starts_with("ecdsa") => ("EC PRIVATE KEY", Half::Shown),
            _ => ("DSA PRIVATE KEY", Half::Absent),
        };
        for (format, passphrase) in [
            ("RFC4716", ""),
            ("RFC4716", PASSPHRASE),
            ("PEM", ""),
            ("PEM", PASSPHRASE),
            ("PKCS8", ""),
            ("PKCS8", PASSPHRASE),
        ] {
            let encrypted = !passphrase.is_empty();
            let file_name = format!(
                "{name}.{format}.{}",
                if encrypted { "enc" } else { "plain" }
            );
            let file = keys.copy_pair(name, &dir, &file_name);
            // `ssh-keygen -p` rewrites the key in the format asked.
            keygen(
                &[
                    "-q",
                    "-p",
                    "-P",
                    "",
                    "-N",
                    passphrase,
                    "-m",
                    format,
                    "-f",
                    path_str(&file),
                ],
                &dir,
            );
            let (begin, half) = match format {
                // ssh-keygen writes Ed25519 keys in its own format whatever -m says.
                _ if ed25519 || format == "RFC4716" => {
                    ("-----BEGIN OPENSSH PRIVATE KEY-----", Half::Shown)
                }
                "PEM" if encrypted => (pem_begin(pem_label), Half::Absent),
                "PEM" => (pem_begin(pem_label), Half::Shown),
                _ if encrypted => ("-----BEGIN ENCRYPTED PRIVATE KEY-----", Half::Absent),
                _ => ("-----BEGIN PRIVATE KEY-----", pkcs8_plain_half),
            };
            if format == "PEM" && encrypted && !ed25519 {
                assert!(read(&file).contains("Proc-Type: 4,ENCRYPTED"));
            }
            cases.push(PrivateCase {
                what: format!("ssh-keygen -m {format} {name} (encrypted: {encrypted})"),
                public: Some(keys.public(name)),
                file,
                begin,
                encrypted,
                half,
            });
        }
    }
    for case in &cases {
        check_private(case, &dir);
    }
}

/// Standard base64 with padding (the test's own, independent of the engine).
fn base64_encode(bytes: &[u8]) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | (b as u32) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn pem_begin(label: &str) -> &'static str {
    match label {
        "RSA PRIVATE KEY" => "-----BEGIN RSA PRIVATE KEY-----",
        "EC PRIVATE KEY" => "-----BEGIN EC PRIVATE KEY-----",
        _ => "-----BEGIN DSA PRIVATE KEY-----",
    }
}

#[test]
fn openssl_private_keys_are_refused() {
    let keys = Keys::get();
    let dir = keys.workdir("private-openssl");
    let mut cases = Vec::new();
    let mut openssl =
        |file: &str, args: &[&str], begin: &'static str, encrypted: bool, half: Half| {
            let mut all = vec!["genpkey", "-out", file];
            all.extend_from_slice(args);
            run("openssl", &all, &dir);
            let file = dir.join(file);
            make_private(&file);
            cases.push(PrivateCase {
                what: format!("openssl {}", all.join(" ")),
                file,
                begin,
                encrypted,
                half,
                public: None,
            });
        };
    const PLAIN: &str = "-----BEGIN PRIVATE KEY-----";
    const ENCRYPTED: &str = "-----BEGIN ENCRYPTED PRIVATE KEY-----";
    let pass = format!("pass:{PASSPHRASE}");
    // Seed only: the engine derives the public key (RFC 8032).
    openssl(
        "ed25519.pem",
        &["-algorithm", "ed25519"],
        PLAIN,
        false,
        Half::Shown,
    );
    openssl(
        "rsa.pem",
        &["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"],
        PLAIN,
        false,
        Half::Shown,
    );
    for curve in ["P-256", "P-384", "P-521"] {
        openssl(
            &format!("ec-{curve}.pem"),
            &[
                "-algorithm",
                "EC",
                "-pkeyopt",
                &format!("ec_paramgen_curve:{curve}"),
            ],
            PLAIN,
            false,
            Half::Shown,
        );
    }
    openssl(
        "ec-encrypted.pem",
        &[
            "-algorithm",
            "EC",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-aes-256-cbc",
            "-pass",
            &pass,
        ],
        ENCRYPTED,
        true,
        Half::Absent,
    );
    openssl(
        "ed25519-encrypted.pem",
        &["-algorithm", "ed25519", "-aes-256-cbc", "-pass", &pass],
        ENCRYPTED,
        true,
        Half::Absent,
    );
    // ssh-keygen 9.x cannot read it, so the reference is OpenSSL's own public
    // key (the last 32 bytes of its SPKI), written as an OpenSSH line here.
    let spki = dir.join("ed25519.spki.der");
    run(
        "openssl",
        &[
            "pkey",
            "-in",
            "ed25519.pem",
            "-pubout",
            "-outform",
            "DER",
            "-out",
            path_str(&spki),
        ],
        &dir,
    );
    let der = fs::read(&spki).expect("read the SPKI");
    let mut blob = Vec::new();
    for field in [&b"ssh-ed25519"[..], &der[der.len() - 32..]] {
        blob.extend_from_slice(&(field.len() as u32).to_be_bytes());
        blob.extend_from_slice(field);
    }
    let line = format!("ssh-ed25519 {}\n", base64_encode(&blob));
    let public = dir.join("ed25519.openssl.pub");
    write(&public, &line);
    cases[0].public = Some(public);
    // OpenSSL 3 writes PKCS#8 version 1 for Ed25519: the seed and no public key.
    let ed25519 = read(&cases[0].file);
    assert!(
        ed25519
            .lines()
            .nth(1)
            .is_some_and(|l| l.starts_with("MC4CAQAw")),
        "expected a version-1 PKCS#8 Ed25519 key (48 bytes, no public key): {ed25519}"
    );

    // `openssl ecparam -genkey` writes an EC PARAMETERS block, then a SEC1
    // key: the paste is refused as the private key it contains.
    let sec1 = dir.join("ecparam.pem");
    run(
        "openssl",
        &[
            "ecparam",
            "-name",
            "secp384r1",
            "-genkey",
            "-out",
            path_str(&sec1),
        ],
        &dir,
    );
    make_private(&sec1);
    cases.push(PrivateCase {
        what: "openssl ecparam -genkey".into(),
        file: sec1,
        begin: "-----BEGIN EC PARAMETERS-----",
        encrypted: false,
        half: Half::Shown,
        public: None,
    });
    // And the traditional (PKCS#1) RSA form of the same RSA key.
    let pkcs1 = dir.join("traditional.pem");
    run(
        "openssl",
        &[
            "rsa",
            "-in",
            "rsa.pem",
            "-traditional",
            "-out",
            path_str(&pkcs1),
        ],
        &dir,
    );
    make_private(&pkcs1);
    cases.push(PrivateCase {
        what: "openssl rsa -traditional".into(),
        file: pkcs1,
        begin: "-----BEGIN RSA PRIVATE KEY-----",
        encrypted: false,
        half: Half::Shown,
        public: None,
    });
    for case in &cases {
        check_private(case, &dir);
    }
}

#[test]
fn putty_private_keys_are_refused() {
    let keys = Keys::get();
    let dir = keys.workdir("private-putty");
    let passfile = dir.join("passphrase");
    write(&passfile, &format!("{PASSPHRASE}\n"));
    let mut cases = Vec::new();
    for name in ["ed25519", "rsa2048", "ecdsa384", "dsa"] {
        let source = path_str(&keys.private(name)).to_string();
        let mut convert =
            |out: &str, extra: &[&str], begin: &'static str, encrypted: bool, half: Half| {
                let mut args = vec![source.as_str(), "-o", out];
                args.extend_from_slice(extra);
                if encrypted {
                    args.extend(["--new-passphrase", path_str(&passfile)]);
                }
                run("puttygen", &args, &dir);
                cases.push(PrivateCase {
                    what: format!(
                        "puttygen {name} {} (encrypted: {encrypted})",
                        extra.join(" ")
                    ),
                    file: dir.join(out),
                    begin,
                    encrypted,
                    half,
                    public: Some(keys.public(name)),
                });
            };
        let ppk3 = ppk_begin(3, name);
        let ppk2 = ppk_begin(2, name);
        let v2: &[&str] = &["--ppk-param", "version=2"];
        convert(&format!("{name}.v3.ppk"), &[], ppk3, false, Half::Shown);
        convert(&format!("{name}.v3.enc.ppk"), &[], ppk3, true, Half::Shown);
        convert(&format!("{name}.v2.ppk"), v2, ppk2, false, Half::Shown);
        convert(&format!("{name}.v2.enc.ppk"), v2, ppk2, true, Half::Shown);
        // PuTTYgen's OpenSSH exports: PEM for the older types (its legacy
        // encryption hides the public half), the new format for Ed25519.
        // For Ed25519 `-O private-openssh` is the new format already.
        let new = "-----BEGIN OPENSSH PRIVATE KEY-----";
        let pem = match name {
            "rsa2048" => Some("-----BEGIN RSA PRIVATE KEY-----"),
            "ecdsa384" => Some("-----BEGIN EC PRIVATE KEY-----"),
            "dsa" => Some("-----BEGIN DSA PRIVATE KEY-----"),
            _ => None,
        };
        let legacy: &[&str] = &["-O", "private-openssh"];
        if let Some(pem) = pem {
            convert(&format!("{name}.pem"), legacy, pem, false, Half::Shown);
            convert(&format!("{name}.enc.pem"), legacy, pem, true, Half::Absent);
        } else {
            convert(&format!("{name}.openssh"), legacy, new, true, Half::Shown);
        }
        // SSH.com export: PuTTYgen supports it for RSA and DSA only. The
        // label says ENCRYPTED either way; the cipher name inside tells.
        if name == "rsa2048" || name == "dsa" {
            let sshcom = "---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----";
            let extra: &[&str] = &["-O", "private-sshcom"];
            convert(
                &format!("{name}.sshcom"),
                extra,
                sshcom,
                false,
                // Unencrypted, its key data holds the public numbers.
                Half::Shown,
            );
            convert(
                &format!("{name}.enc.sshcom"),
                extra,
                sshcom,
                true,
                Half::NotRead,
            );
        }
        // The new OpenSSH format as PuTTYgen writes it, from its own .ppk
        // (it won't rewrite a file in the format it is already in).
        let ppk = dir.join(format!("{name}.v3.ppk"));
        let out = dir.join(format!("{name}.enc.openssh"));
        run(
            "puttygen",
            &[
                path_str(&ppk),
                "-O",
                "private-openssh-new",
                "-o",
                path_str(&out),
                "--new-passphrase",
                path_str(&passfile),
            ],
            &dir,
        );
        cases.push(PrivateCase {
            what: format!("puttygen {name} -O private-openssh-new (encrypted)"),
            file: out,
            begin: "-----BEGIN OPENSSH PRIVATE KEY-----",
            encrypted: true,
            half: Half::Shown,
            public: Some(keys.public(name)),
        });
    }
    for case in &cases {
        check_private(case, &dir);
    }
    // The comment a .ppk carries is the key's own.
    let ppk = inspect_one(&read(&dir.join("ed25519.v3.enc.ppk")), "ppk comment");
    assert_eq!(
        ppk.key.and_then(|k| k.comment).as_deref(),
        Some("alice@example.com")
    );
}

fn ppk_begin(version: u8, name: &str) -> &'static str {
    match (version, name) {
        (3, "ed25519") => "PuTTY-User-Key-File-3: ssh-ed25519",
        (3, "rsa2048") => "PuTTY-User-Key-File-3: ssh-rsa",
        (3, "ecdsa384") => "PuTTY-User-Key-File-3: ecdsa-sha2-nistp384",
        (3, _) => "PuTTY-User-Key-File-3: ssh-dss",
        (_, "ed25519") => "PuTTY-User-Key-File-2: ssh-ed25519",
        (_, "rsa2048") => "PuTTY-User-Key-File-2: ssh-rsa",
        (_, "ecdsa384") => "PuTTY-User-Key-File-2: ecdsa-sha2-nistp384",
        _ => "PuTTY-User-Key-File-2: ssh-dss",
    }
}

#[test]
fn private_key_among_public_keys_is_the_only_finding() {
    let keys = Keys::get();
    let mut paste = read(&keys.public("rsa2048"));
    paste.push_str(&read(&keys.public("ecdsa256")));
    paste.push_str(&read(&keys.private("ed25519")));
    paste.push_str(&read(&keys.public("ed25519")));
    let finding = inspect_one(&paste, "private key in the middle of a paste");
    assert_eq!(finding.kind, Kind::Private);
    assert_eq!(finding.line, 3, "the private key starts on line 3");
    assert_eq!(finding.encrypted, Some(false));
    let want = reference(&keys.public("ed25519"));
    let key = finding
        .key
        .as_ref()
        .expect("the public half of an OpenSSH key");
    assert_eq!(key.sha256, want.sha256.fingerprint);
}

// ---------------------------------------------------------------------------
// Certificates
// ---------------------------------------------------------------------------

/// What `ssh-keygen -L` lists about a certificate.
#[derive(Debug, Default)]
struct CertListing {
    algorithm: String,
    cert_type: String,
    short_type: String,
    fingerprint: String,
    ca_fingerprint: String,
    /// `(using …)`: the signature algorithm, for RSA CAs not the key type.
    ca_signature: String,
    key_id: String,
    serial: u64,
    valid: String,
    principals: Vec<String>,
    critical_options: Vec<String>,
    extensions: Vec<String>,
}

fn cert_listing(file: &Path) -> CertListing {
    let dir = file.parent().expect("a directory");
    let text = keygen(&["-L", "-f", path_str(file)], dir);
    let mut listing = CertListing::default();
    let mut section: Option<&str> = None;
    for line in text.lines().skip(1) {
        let indent = line.len() - line.trim_start().len();
        let line = line.trim();
        if indent > 8 {
            // An item under the last section; options print `name value`.
            let name = line.split(' ').next().unwrap_or_default().to_string();
            match section {
                Some("Principals") => listing.principals.push(line.to_string()),
                Some("Critical Options") => listing.critical_options.push(name),
                Some("Extensions") => listing.extensions.push(name),
                other => panic!("unexpected item under {other:?}: {line}"),
            }
            continue;
        }
        let (field, value) = line.split_once(':').expect("a `Field: value` line");
        let value = value.trim();
        section = Some(field);
        match field {
            "Type" => {
                let mut words = value.split(' ');
                listing.algorithm = words.next().unwrap_or_default().into();
                listing.cert_type = words.next().unwrap_or_default().into();
            }
            "Public key" => {
                let (short, fp) = value.split_once(' ').expect("type and fingerprint");
                listing.short_type = short.into();
                listing.fingerprint = fp.into();
            }
            "Signing CA" => {
                let mut words = value.split(' ');
                let _short = words.next();
                listing.ca_fingerprint = words.next().unwrap_or_default().into();
                let using = words.collect::<Vec<_>>().join(" ");
                listing.ca_signature = using
                    .trim_start_matches("(using ")
                    .trim_end_matches(')')
                    .into();
            }
            "Key ID" => listing.key_id = value.trim_matches('"').into(),
            "Serial" => listing.serial = value.parse().expect("a serial number"),
            "Valid" => listing.valid = value.into(),
            _ => {}
        }
    }
    listing
}

/// `YYYY-MM-DDTHH:MM:SS` in UTC, as ssh-keygen prints times under TZ=UTC.
fn utc(seconds: u64) -> String {
    let days = (seconds / 86_400) as i64;
    let rest = seconds % 86_400;
    // Howard Hinnant's days-to-civil.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}",
        rest / 3600,
        rest / 60 % 60,
        rest % 60
    )
}

/// The validity as `ssh-keygen -L` words it.
fn validity(cert: &CertificateFacts) -> String {
    match (cert.valid_after, cert.valid_before) {
        (0, u64::MAX) => "forever".into(),
        (0, before) => format!("before {}", utc(before)),
        (after, u64::MAX) => format!("after {}", utc(after)),
        (after, before) => format!("from {} to {}", utc(after), utc(before)),
    }
}

/// A certificate file: the engine's finding equals `ssh-keygen -l[v]` and
/// `ssh-keygen -L`; `ca` is the CA's .pub when we have it.
fn check_certificate(file: &Path, ca: Option<&Path>, what: &str) -> (CertificateFacts, Reference) {
    let want = reference(file);
    let finding = inspect_one(&read(file), what);
    assert_line_finding(&finding, &want, what);
    assert_eq!(finding.format, "OpenSSH public key", "{what}");
    let key = finding.key.as_ref().expect("a key");
    let cert = finding.certificate.clone().expect("certificate facts");
    let listing = cert_listing(file);
    assert_eq!(key.algorithm, listing.algorithm, "{what}: -L type");
    assert_eq!(
        key.short_type(),
        listing.short_type,
        "{what}: -L short type"
    );
    assert_eq!(key.sha256, listing.fingerprint, "{what}: -L fingerprint");
    assert_eq!(cert.cert_type, listing.cert_type, "{what}: user or host");
    assert_eq!(cert.key_id, listing.key_id, "{what}: key id");
    assert_eq!(cert.serial, listing.serial, "{what}: serial");
    assert_eq!(validity(&cert), listing.valid, "{what}: validity");
    assert_eq!(cert.principals, listing.principals, "{what}: principals");
    assert_eq!(
        cert.critical_options, listing.critical_options,
        "{what}: critical options"
    );
    assert_eq!(cert.extensions, listing.extensions, "{what}: extensions");
    assert_eq!(cert.ca_sha256, listing.ca_fingerprint, "{what}: CA per -L");
    if let Some(ca) = ca {
        let ca_want = reference(ca);
        assert_eq!(
            cert.ca_sha256, ca_want.sha256.fingerprint,
            "{what}: CA per -l"
        );
        assert_eq!(cert.ca_algorithm, ca_want.algorithm, "{what}: CA type");
    }
    assert!(
        lint_codes(&finding).contains(LintCode::Certificate.as_str()),
        "{what}: certificate lint"
    );
    // The certified key is the plain key ssh-keygen fingerprints.
    let plain = key.plain_openssh().expect("the certified key");
    assert!(plain.starts_with(listing.algorithm.trim_end_matches("-cert-v01@openssh.com")));
    (*cert, want)
}

/// One key of each type (and the odd RSA size), to be certified.
const CERTIFIED: &[&str] = &[
    "ed25519", "rsa2047", "rsa4096", "ecdsa256", "ecdsa384", "ecdsa521", "dsa",
];

/// `ssh-keygen -s` option sets: (name, options).
const CERT_VARIANTS: &[(&str, &[&str])] = &[
    (
        "user",
        &["-I", "user id", "-n", "alice,bob", "-V", "+52w", "-z", "42"],
    ),
    (
        "host",
        &[
            "-h",
            "-I",
            "host.example.com",
            "-n",
            "host.example.com,10.0.0.1",
            "-V",
            "+52w",
            "-z",
            "7",
        ],
    ),
    // No -V: valid forever; no -n: any principal; serial 0.
    ("forever", &["-I", "forever"]),
    (
        "restricted",
        &[
            "-I",
            "deploy",
            "-n",
            "deploy",
            "-z",
            "18446744073709551615",
            "-V",
            "20200101:20301231",
            "-O",
            "force-command=/bin/true",
            "-O",
            "source-address=10.0.0.0/8",
            "-O",
            "no-pty",
            "-O",
            "no-port-forwarding",
        ],
    ),
    ("before", &["-I", "until 2030", "-V", "always:20300101"]),
    (
        "after",
        &["-h", "-I", "from last week", "-V", "-1w:forever"],
    ),
];

#[test]
fn certificates_by_ed25519_ca_match_ssh_keygen() {
    certificates_match_ssh_keygen("ed25519", CERT_VARIANTS);
}

#[test]
fn certificates_by_rsa_ca_match_ssh_keygen() {
    // The RSA CA signs with rsa-sha2-512; its key type is still ssh-rsa.
    certificates_match_ssh_keygen("rsa3072", &CERT_VARIANTS[..3]);
}

/// Each key of [`CERTIFIED`] signed by the CA `ca_name` with each option set.
fn certificates_match_ssh_keygen(ca_name: &str, variants: &[(&str, &[&str])]) {
    let keys = Keys::get();
    let dir = keys.workdir(&format!("certificates-{ca_name}"));
    let ca = keys.copy_pair(ca_name, &dir, &format!("ca-{ca_name}"));
    let ca_pub = dir.join(format!("ca-{ca_name}.pub"));
    for &name in CERTIFIED {
        for &(variant, options) in variants {
            let base = format!("{name}.{variant}.by-{ca_name}");
            keys.copy_pair(name, &dir, &base);
            let mut args = vec!["-q", "-s", path_str(&ca)];
            args.extend_from_slice(options);
            let target = dir.join(format!("{base}.pub"));
            args.push(path_str(&target));
            keygen(&args, &dir);
            let file = dir.join(format!("{base}-cert.pub"));
            let what = format!("certificate {base}");
            let (cert, want) = check_certificate(&file, Some(&ca_pub), &what);
            match variant {
                "forever" => {
                    assert_eq!((cert.valid_after, cert.valid_before), (0, u64::MAX));
                    assert_eq!(cert.serial, 0);
                    assert!(cert.principals.is_empty());
                }
                "restricted" => {
                    assert_eq!(cert.serial, u64::MAX);
                    assert_eq!(
                        cert.critical_options,
                        ["force-command", "source-address"],
                        "{what}"
                    );
                    assert!(!cert.extensions.iter().any(|e| e == "permit-pty"));
                }
                "host" => assert_eq!(cert.cert_type, "host"),
                "user" => {
                    // `ssh-keygen -e` exports the whole certificate as RFC 4716.
                    let text = keygen(&["-e", "-f", path_str(&file)], &dir);
                    let what = format!("{what} as RFC 4716");
                    let exported = inspect_one(&text, &what);
                    assert_eq!(exported.kind, Kind::Certificate, "{what}");
                    assert_key(exported.key.as_ref().expect("a key"), &want, &what);
                    assert_eq!(exported.certificate.as_deref(), Some(&cert), "{what}");
                }
                _ => {}
            }
            // The certificate and its plain key are different things to
            // paste; the plain key is still found after it.
            let mut paste = read(&file);
            paste.push_str(&read(&target));
            let both = inspect(&paste);
            assert_eq!(both.len(), 2, "{what}: certificate + key");
            assert_eq!(both[1].kind, Kind::Public);
            assert!(!lint_codes(&both[1]).contains(LintCode::Duplicate.as_str()));
            assert_eq!(
                both[0].key.as_ref().map(|k| &k.sha256),
                both[1].key.as_ref().map(|k| &k.sha256),
                "{what}: same fingerprint as the certified key"
            );
        }
    }
}

// ---------------------------------------------------------------------------
// Security keys (FIDO): published test vectors
// ---------------------------------------------------------------------------

/// Public keys and certificates from OpenSSH's regression test data:
/// https://github.com/openssh/openssh-portable, directory
/// `regress/unittests/sshkey/testdata/`, files `ed25519_sk1.pub`,
/// `ed25519_sk2.pub`, `ed25519_sk1-cert.pub`, `ecdsa_sk1.pub`,
/// `ecdsa_sk2.pub`, `ecdsa_sk1-cert.pub`, as of commit
/// 0ef0f5a839831c213f24e3f2ae434765c607fb50 (last changed in
/// e95c0a0e964827722d29b4bc00d5c0ff4afe0ed2). New security keys can't be
/// made without a hardware token, but ssh-keygen fingerprints these without one.
const SECURITY_KEY_VECTORS: &[(&str, &str)] = &[
    (
        "ed25519_sk1.pub",
        "sk-ssh-ed25519@openssh.com AAAAGnNrLXNzaC1lZDI1NTE5QG9wZW5zc2guY29tAAAAICFo/k5LU8863u66YC9eUO2170QduohPURkQnbLa/dczAAAABHNzaDo= ED25519-SK test key #1",
    ),
    (
        "ed25519_sk2.pub",
        "sk-ssh-ed25519@openssh.com AAAAGnNrLXNzaC1lZDI1NTE5QG9wZW5zc2guY29tAAAAIBXx+7VJzfVAsrZH/MY903e97nG4W8NzuYQBbFtoj5hzAAAABHNzaDo= ED25519-SK test key #2",
    ),
    (
        "ecdsa_sk1.pub",
        "sk-ecdsa-sha2-nistp256@openssh.com AAAAInNrLWVjZHNhLXNoYTItbmlzdHAyNTZAb3BlbnNzaC5jb20AAAAIbmlzdHAyNTYAAABBBGdVPkKOLUMZ7b6rZfS8BOHotic4NX4MmuyEmiuvkaeKlbb1F+5oNezRYHpcF6P104trNVEONCu1XX1CA7px+QUAAAAEc3NoOg== ECDSA-SK test key #1",
    ),
    (
        "ecdsa_sk2.pub",
        "sk-ecdsa-sha2-nistp256@openssh.com AAAAInNrLWVjZHNhLXNoYTItbmlzdHAyNTZAb3BlbnNzaC5jb20AAAAIbmlzdHAyNTYAAABBBJOX5JHqtOCU5mZxCQK0nc936VaKd7Oj+AeTihl1lxNCyYRizvroGVYa4HYHPepBEtrpxew/7gr2QCMAnvN2gVQAAAAEc3NoOg== ECDSA-SK test key #2",
    ),
    (
        "ed25519_sk1-cert.pub",
        "sk-ssh-ed25519-cert-v01@openssh.com AAAAI3NrLXNzaC1lZDI1NTE5LWNlcnQtdjAxQG9wZW5zc2guY29tAAAAIJr7CuMntQKvHoUshx374fJLFEkyxKsEOBA1H6hk5scoAAAAICFo/k5LU8863u66YC9eUO2170QduohPURkQnbLa/dczAAAABHNzaDoAAAAAAAAACAAAAAIAAAAGanVsaXVzAAAAEgAAAAVob3N0MQAAAAVob3N0MgAAAAA2i4NgAAAAAE0d4eAAAAAAAAAAAAAAAAAAAAAzAAAAC3NzaC1lZDI1NTE5AAAAIOo/0xneV3iM2qWEo5RUwvUYa2bjff292T5vvuXRomGQAAAAUwAAAAtzc2gtZWQyNTUxOQAAAECgsRGLDh1SI3m66MRp9D2iLP4wabQ0OrDgGidk7LsVn2XZHV5jBZN1RtNfe6PBMeVzfRtGUzOg18sO7H7uU+EC ED25519-SK test key #1",
    ),
    (
        "ecdsa_sk1-cert.pub",
        "sk-ecdsa-sha2-nistp256-cert-v01@openssh.com AAAAK3NrLWVjZHNhLXNoYTItbmlzdHAyNTYtY2VydC12MDFAb3BlbnNzaC5jb20AAAAgE012YoSBE9hEC2FRzblcSx784JNo2A4g611A7I75YMMAAAAIbmlzdHAyNTYAAABBBGdVPkKOLUMZ7b6rZfS8BOHotic4NX4MmuyEmiuvkaeKlbb1F+5oNezRYHpcF6P104trNVEONCu1XX1CA7px+QUAAAAEc3NoOgAAAAAAAAAHAAAAAgAAAAZqdWxpdXMAAAASAAAABWhvc3QxAAAABWhvc3QyAAAAADaLg2AAAAAATR3h4AAAAAAAAAAAAAAAAAAAAGgAAAATZWNkc2Etc2hhMi1uaXN0cDI1NgAAAAhuaXN0cDI1NgAAAEEEAlTtPiWUHubBeCys4Xp0QF91dYARpkyqtCnzg10HRS+ZDgkMrSUvPPG+Ge8iqtnB951MBxDq9FqDFIkhQBYXDAAAAGQAAAATZWNkc2Etc2hhMi1uaXN0cDI1NgAAAEkAAAAhALY+eXRJjVGnMk38Sm5S+H5CloNq757ypsoxt+WYoadtAAAAIA42/mAhUfLij1GY7wl+OFrI+icB/t4tGiEUZmhx6Foo ECDSA-SK test key #1",
    ),
];

#[test]
fn security_keys_match_ssh_keygen() {
    let keys = Keys::get();
    let dir = keys.workdir("security-keys");
    let mut paste = String::new();
    for (name, line) in SECURITY_KEY_VECTORS {
        let file = dir.join(name);
        write(&file, &format!("{line}\n"));
        paste.push_str(line);
        paste.push('\n');
        let what = format!("security key {name}");
        if name.ends_with("-cert.pub") {
            let (cert, _) = check_certificate(&file, None, &what);
            // Their CAs are not RSA, so the signature names the CA key type.
            assert_eq!(
                cert.ca_algorithm,
                cert_listing(&file).ca_signature,
                "{what}"
            );
        } else {
            let want = reference(&file);
            assert_line_finding(&inspect_one(line, &what), &want, &what);
        }
    }
    // All of them in one paste, in order, as `ssh-keygen -l` lists them.
    let file = dir.join("all.pub");
    write(&file, &paste);
    let findings = inspect(&paste);
    let listed = listed(&file, "sha256");
    assert_eq!(findings.len(), listed.len());
    for (finding, listed) in findings.iter().zip(&listed) {
        let key = finding.key.as_ref().expect("a key");
        assert_eq!(key.sha256, listed.fingerprint);
        assert_eq!(key.short_type(), listed.short_type);
    }
}

// ---------------------------------------------------------------------------
// Size lints
// ---------------------------------------------------------------------------

#[test]
fn rsa_size_lints() {
    let keys = Keys::get();
    let dir = keys.workdir("rsa-sizes");
    // ssh-keygen refuses to make (and to fingerprint) RSA under 1024 bits;
    // OpenSSL still makes them, and `ssh-keygen -i` still converts them.
    run("openssl", &["genrsa", "-out", "rsa768", "768"], &dir);
    run(
        "openssl",
        &["rsa", "-in", "rsa768", "-pubout", "-out", "rsa768.pem"],
        &dir,
    );
    let line = keygen(&["-i", "-m", "PKCS8", "-f", "rsa768.pem"], &dir);
    write(&dir.join("rsa768.pub"), &line);
    let listing = command("ssh-keygen", &["-l", "-f", "rsa768.pub"], &dir)
        .output()
        .expect("run ssh-keygen");
    assert!(
        !listing.status.success(),
        "ssh-keygen refuses RSA under 1024 bits (if it no longer does, compare it here)"
    );
    // Its size from OpenSSL, its fingerprint from OpenSSL's SHA-256 of the blob.
    let text = run(
        "openssl",
        &["rsa", "-in", "rsa768", "-noout", "-text"],
        &dir,
    );
    assert!(
        text.contains("(768 bit"),
        "openssl made a 768-bit key: {text}"
    );
    let data = line.split(' ').nth(1).expect("key data").trim();
    write(&dir.join("rsa768.b64"), data);
    run(
        "openssl",
        &[
            "base64",
            "-d",
            "-A",
            "-in",
            "rsa768.b64",
            "-out",
            "rsa768.blob",
        ],
        &dir,
    );
    run(
        "openssl",
        &[
            "dgst",
            "-sha256",
            "-binary",
            "-out",
            "rsa768.sha256",
            "rsa768.blob",
        ],
        &dir,
    );
    let digest = run("openssl", &["base64", "-A", "-in", "rsa768.sha256"], &dir);
    let sha256 = format!("SHA256:{}", digest.trim().trim_end_matches('='));

    let from_line = inspect_one(&line, "768-bit OpenSSH line");
    let from_pem = inspect_one(&read(&dir.join("rsa768.pem")), "768-bit PKCS#8");
    for (finding, what) in [(&from_line, "line"), (&from_pem, "PKCS#8")] {
        assert_eq!(finding.kind, Kind::Public, "768-bit {what}");
        let key = finding.key.as_ref().expect("a key");
        assert_eq!(key.bits, 768, "768-bit {what}");
        assert_eq!(key.sha256, sha256, "768-bit {what}");
        assert_eq!(key.openssh(), line.trim(), "768-bit {what}: canonical line");
        let codes = lint_codes(finding);
        assert_eq!(
            codes,
            BTreeSet::from([LintCode::RsaTooShort.as_str()]),
            "{what}"
        );
        assert!(finding.lints.iter().any(|l| l.code.is_refusal()));
    }

    for (name, code) in [
        ("rsa1024", Some(LintCode::RsaWeak)),
        ("rsa2047", Some(LintCode::RsaWeak)),
        ("rsa2048", None),
        ("dsa", Some(LintCode::Dsa)),
        ("ed25519", None),
        ("ecdsa256", None),
    ] {
        let finding = inspect_one(&read(&keys.public(name)), name);
        let want: BTreeSet<_> = code.iter().map(|c| c.as_str()).collect();
        assert_eq!(lint_codes(&finding), want, "{name}");
        assert!(!finding.lints.iter().any(|l| l.code.is_refusal()), "{name}");
    }
}

// ---------------------------------------------------------------------------
// Several keys in one paste
// ---------------------------------------------------------------------------

#[test]
fn multi_key_paste_matches_ssh_keygen() {
    let keys = Keys::get();
    let dir = keys.workdir("multi");
    let ca = keys.copy_pair("ecdsa256", &dir, "ca");
    keys.copy_pair("ed25519", &dir, "signed");
    keygen(
        &[
            "-q",
            "-s",
            path_str(&ca),
            "-I",
            "multi",
            path_str(&dir.join("signed.pub")),
        ],
        &dir,
    );
    let sources: Vec<PathBuf> = vec![
        keys.public("ed25519"),
        keys.public("rsa4096"),
        keys.public("ecdsa521"),
        dir.join("signed-cert.pub"),
        keys.public("dsa"),
        keys.public("ed25519"), // the duplicate
        keys.public("rsa3072"),
        keys.public("ed25519-utf8"),
    ];
    let paste: String = sources.iter().map(|f| read(f)).collect();
    let file = dir.join("paste.txt");
    write(&file, &paste);
    let findings = inspect(&paste);
    assert_eq!(findings.len(), sources.len(), "{findings:#?}");
    // ssh-keygen lists the same keys in the same order.
    let listed = listed(&file, "sha256");
    assert_eq!(listed.len(), sources.len());
    for (i, ((finding, source), listed)) in findings.iter().zip(&sources).zip(&listed).enumerate() {
        let what = format!("paste key {} ({})", i + 1, source.display());
        assert_eq!(finding.line, i + 1, "{what}: line");
        assert_line_finding(finding, &reference(source), &what);
        let key = finding.key.as_ref().expect("a key");
        assert_eq!(key.sha256, listed.fingerprint, "{what}");
        assert_eq!(key.bits, listed.bits, "{what}");
        // ssh-keygen's comment for a line with none is unreliable when it
        // reads several keys (it printed the end of the key data for a
        // 3072-bit RSA line ending in a space), so only real ones count.
        if key.comment.is_some() {
            assert_eq!(key.comment, listed.comment, "{what}");
        }
        let duplicate = lint_codes(finding).contains(LintCode::Duplicate.as_str());
        assert_eq!(duplicate, i == 5, "{what}: duplicate lint");
    }
    let message = &findings[5]
        .lints
        .iter()
        .find(|l| l.code == LintCode::Duplicate)
        .expect("the duplicate lint")
        .message;
    assert!(message.contains("line 1"), "{message}");
}

// ---------------------------------------------------------------------------
// ECDSA points off their curve
// ---------------------------------------------------------------------------

/// The blob's length-prefixed fields (type, curve, point).
fn ssh_strings(blob: &[u8]) -> Vec<Vec<u8>> {
    let mut fields = Vec::new();
    let mut rest = blob;
    while rest.len() >= 4 {
        let len = u32::from_be_bytes([rest[0], rest[1], rest[2], rest[3]]) as usize;
        fields.push(rest[4..4 + len].to_vec());
        rest = &rest[4 + len..];
    }
    fields
}

fn ssh_blob(fields: &[Vec<u8>]) -> Vec<u8> {
    let mut blob = Vec::new();
    for field in fields {
        blob.extend_from_slice(&(field.len() as u32).to_be_bytes());
        blob.extend_from_slice(field);
    }
    blob
}

/// ssh-keygen refuses a point that is not on its curve, and a compressed
/// point; so must the engine. Keys are made now; their points are altered.
#[test]
fn ecdsa_points_off_the_curve_are_refused_like_ssh_keygen() {
    use base64::Engine as _;
    let dir = tempfile::tempdir().expect("temp dir");
    for bits in ["256", "384", "521"] {
        let file = dir.path().join(format!("ecdsa{bits}"));
        keygen(
            &[
                "-q",
                "-t",
                "ecdsa",
                "-b",
                bits,
                "-N",
                "",
                "-C",
                "c",
                "-f",
                path_str(&file),
            ],
            dir.path(),
        );
        let line = read(&file.with_extension("pub"));
        let mut parts = line.split_whitespace();
        let algorithm = parts.next().expect("type").to_string();
        let blob = base64::engine::general_purpose::STANDARD
            .decode(parts.next().expect("base64"))
            .expect("ssh-keygen's base64");
        let fields = ssh_strings(&blob);
        assert_eq!(fields.len(), 3, "type, curve, point");
        let point = &fields[2];
        assert_eq!(point[0], 4, "ssh-keygen writes uncompressed points");
        let coordinate = (point.len() - 1) / 2;

        let mut off_curve = point.clone();
        *off_curve.last_mut().expect("y") ^= 1; // y ± 1: not on the curve
        let mut compressed = vec![2 + (point[point.len() - 1] & 1)];
        compressed.extend_from_slice(&point[1..1 + coordinate]);

        for (what, altered) in [("off-curve", off_curve), ("compressed", compressed)] {
            let blob = ssh_blob(&[fields[0].clone(), fields[1].clone(), altered]);
            let text = format!("{algorithm} {} c", base64_encode(&blob));
            let altered_file = dir.path().join(format!("{what}{bits}.pub"));
            write(&altered_file, &text);
            let output = command(
                "ssh-keygen",
                &["-l", "-f", path_str(&altered_file)],
                dir.path(),
            )
            .output()
            .expect("ssh-keygen runs");
            assert!(
                !output.status.success(),
                "ssh-keygen refuses the {what} P-{bits} point"
            );
            let findings = inspect(&text);
            assert_eq!(findings.len(), 1, "{what} P-{bits}: {findings:?}");
            assert_eq!(
                findings[0].kind,
                Kind::Invalid,
                "{what} P-{bits}: {findings:?}"
            );
            assert!(findings[0].key.is_none(), "{what} P-{bits}: no key offered");
            let message = findings[0].message().unwrap_or_default().to_lowercase();
            assert!(
                message.contains("curve") || message.contains("point"),
                "{what} P-{bits}: {message}"
            );
        }
        // The unaltered key passes, so the test can tell the difference.
        assert_eq!(inspect(&line)[0].kind, Kind::Public);
    }
}
