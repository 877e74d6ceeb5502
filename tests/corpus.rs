//! The paste corpus: `tests/corpus/NAME.txt` is what a person pasted and
//! `tests/corpus/NAME.expect` the verdict the engine must give (format in
//! `tests/corpus/README.md`).
//!
//! Besides the written expectations, every finding that carries a key is
//! checked against `ssh-keygen` at test time: the engine's canonical line is
//! written to a temporary file and `ssh-keygen -l` must print the same
//! fingerprint, size and type. No fingerprint is copied by hand.

use keyward::keys::{inspect, Finding, Kind, SshKey};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

/// `ssh-keygen -l -E <hash> -f <file>` → (bits, fingerprint, type in parentheses).
fn ssh_keygen_l(file: &Path, hash: &str) -> Result<(String, String, String), String> {
    let output = Command::new("ssh-keygen")
        .args(["-l", "-E", hash, "-f"])
        .arg(file)
        .output()
        .map_err(|e| format!("cannot run ssh-keygen (it is needed by this test): {e}"))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        return Err(format!(
            "ssh-keygen -l -f {} failed: {}{}",
            file.display(),
            stdout,
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let line = stdout.trim();
    let mut fields = line.split(' ');
    let bits = fields.next().unwrap_or_default().to_string();
    let fingerprint = fields.next().unwrap_or_default().to_string();
    let short_type = line
        .rsplit_once(" (")
        .map(|(_, t)| t.trim_end_matches(')').to_string())
        .unwrap_or_default();
    Ok((bits, fingerprint, short_type))
}

/// Checks a key against what ssh-keygen says about its canonical line.
fn check_with_ssh_keygen(key: &SshKey) -> Result<(), String> {
    let mut file = tempfile::NamedTempFile::new().map_err(|e| e.to_string())?;
    writeln!(file, "{}", key.openssh_with_comment()).map_err(|e| e.to_string())?;
    file.flush().map_err(|e| e.to_string())?;
    let (bits, sha256, short_type) = ssh_keygen_l(file.path(), "sha256")?;
    let (_, md5, _) = ssh_keygen_l(file.path(), "md5")?;
    let mut problems = Vec::new();
    if sha256 != key.sha256 {
        problems.push(format!(
            "sha256 {} but ssh-keygen says {sha256}",
            key.sha256
        ));
    }
    if md5 != key.md5() {
        problems.push(format!("md5 {} but ssh-keygen says {md5}", key.md5()));
    }
    if bits != key.bits.to_string() {
        problems.push(format!("bits {} but ssh-keygen says {bits}", key.bits));
    }
    if short_type != key.short_type() {
        problems.push(format!(
            "type {} but ssh-keygen says {short_type}",
            key.short_type()
        ));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("; "))
    }
}

/// Checks one `N what value` line against finding N (1-based).
fn check_line(
    finding: &Finding,
    what: &str,
    value: &str,
    fingerprints: &mut HashMap<String, String>,
) -> Result<(), String> {
    let key = || finding.key.as_ref().ok_or_else(|| "has no key".to_string());
    let contains = |list: &[String], what: &str| {
        if list.iter().any(|item| item.contains(value)) {
            Ok(())
        } else {
            Err(format!("no {what} contains {value:?}; they are {list:?}"))
        }
    };
    let equal = |actual: &str| {
        if actual == value {
            Ok(())
        } else {
            Err(format!("{what} is {actual:?}, expected {value:?}"))
        }
    };
    match what {
        "kind" => equal(finding.kind.as_str()),
        "line" => equal(&finding.line.to_string()),
        "format" => equal(finding.format),
        "algorithm" => equal(&key()?.algorithm),
        "bits" => equal(&key()?.bits.to_string()),
        "comment" => equal(key()?.comment.as_deref().unwrap_or("")),
        "no-comment" => match &key()?.comment {
            None => Ok(()),
            Some(comment) => Err(format!("has the comment {comment:?}")),
        },
        "no-key" => match &finding.key {
            None => Ok(()),
            Some(key) => Err(format!("has a key ({})", key.sha256)),
        },
        "encrypted" => equal(
            &finding
                .encrypted
                .map_or("unknown".into(), |e| e.to_string()),
        ),
        "repair-contains" => contains(&finding.repairs, "repair"),
        "no-repairs" if finding.repairs.is_empty() => Ok(()),
        "no-repairs" => Err(format!("has repairs {:?}", finding.repairs)),
        "problem-contains" => {
            let problem = finding.problem.clone().unwrap_or_default();
            if problem.contains(value) {
                Ok(())
            } else {
                Err(format!("problem {problem:?} does not contain {value:?}"))
            }
        }
        "lint" => {
            let codes: Vec<String> = finding
                .lints
                .iter()
                .map(|l| l.code.as_str().to_string())
                .collect();
            if codes.iter().any(|c| c == value) {
                Ok(())
            } else {
                Err(format!("has no lint {value}; it has {codes:?}"))
            }
        }
        "no-lints" if finding.lints.is_empty() => Ok(()),
        "no-lints" => Err(format!("has lints {:?}", finding.lints)),
        "key-of" => {
            let path = corpus_dir().join(value);
            let expected = match fingerprints.get(value) {
                Some(fingerprint) => fingerprint.clone(),
                None => {
                    let (_, fingerprint, _) = ssh_keygen_l(&path, "sha256")?;
                    fingerprints.insert(value.to_string(), fingerprint.clone());
                    fingerprint
                }
            };
            let actual = &key()?.sha256;
            if *actual == expected {
                Ok(())
            } else {
                Err(format!(
                    "key is {actual}, but ssh-keygen says {value} is {expected}"
                ))
            }
        }
        other => Err(format!("unknown check `{other}`")),
    }
}

/// Runs one case; returns its failures, each as one line.
fn run_case(
    name: &str,
    paste: &str,
    expect: &str,
    fps: &mut HashMap<String, String>,
) -> Vec<String> {
    let findings = inspect(paste);
    let mut failures = Vec::new();
    let mut fail = |message: String| failures.push(format!("{name}: {message}"));

    // Invariants of every paste.
    if findings.is_empty() {
        fail("inspect returned no finding".into());
    }
    if findings.iter().any(|f| f.kind == Kind::Private) && findings.len() != 1 {
        fail(format!("a private key, yet {} findings", findings.len()));
    }
    for (n, finding) in findings.iter().enumerate() {
        if finding.kind == Kind::Invalid && finding.problem.is_none() {
            fail(format!("finding {} is invalid without a problem", n + 1));
        }
        if let Some(key) = &finding.key {
            if let Err(why) = check_with_ssh_keygen(key) {
                fail(format!("finding {}: {why}", n + 1));
            }
        }
    }

    let mut counted = false;
    for (number, raw) in expect.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (first, rest) = line.split_once(' ').unwrap_or((line, ""));
        if first == "count" {
            counted = true;
            if rest != findings.len().to_string() {
                fail(format!("{} findings, expected {rest}", findings.len()));
            }
            continue;
        }
        let (what, value) = rest.split_once(' ').unwrap_or((rest, ""));
        let result = match first.parse::<usize>() {
            Ok(n) if n >= 1 && n <= findings.len() => {
                check_line(&findings[n - 1], what, value, fps)
                    .map_err(|why| format!("finding {n}: {why}"))
            }
            Ok(n) => Err(format!("there is no finding {n}")),
            Err(_) => Err(format!("line {} of the .expect file: {line:?}", number + 1)),
        };
        if let Err(why) = result {
            fail(why);
        }
    }
    if !counted {
        fail("the .expect file has no `count` line".into());
    }
    if !failures.is_empty() {
        let mut actual = String::from("  the engine said:");
        for finding in &findings {
            let _ = write!(actual, "\n    {}", finding.to_json());
        }
        failures.push(actual);
    }
    failures
}

#[test]
fn corpus() {
    let dir = corpus_dir();
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/corpus exists")
        .filter_map(|entry| {
            let name = entry.ok()?.file_name().into_string().ok()?;
            name.strip_suffix(".txt").map(str::to_string)
        })
        .collect();
    names.sort();
    assert!(names.len() >= 40, "only {} corpus cases", names.len());
    let mut fingerprints = HashMap::new();
    let mut failures = Vec::new();
    for name in &names {
        let paste = std::fs::read(dir.join(format!("{name}.txt"))).expect("read the paste");
        let paste = String::from_utf8_lossy(&paste);
        let expect = std::fs::read_to_string(dir.join(format!("{name}.expect")))
            .unwrap_or_else(|_| panic!("{name}.txt has no {name}.expect beside it"));
        failures.extend(run_case(name, &paste, &expect, &mut fingerprints));
    }
    let failed: std::collections::HashSet<&str> = failures
        .iter()
        .filter_map(|f| f.split_once(": ").map(|(name, _)| name))
        .filter(|name| !name.starts_with(' '))
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} corpus cases failed:\n{}",
        failed.len(),
        names.len(),
        failures.join("\n")
    );
}
