//! Engine throughput, printed as figures (never asserted): parse + fingerprint
//! of a 10,000-line authorized_keys file of mixed types, side by side with
//! `ssh-keygen -l -f` on the same file.
//!
//! `cargo bench --bench engine` (scripts/bench.sh runs it with the browser
//! figures and the build sizes). The file is made once with ssh-keygen under
//! target/bench/ and reused.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const LINES: usize = 10_000;

fn keygen(dir: &Path, name: &str, args: &[&str]) -> String {
    let file = dir.join(name);
    let public_file = dir.join(format!("{name}.pub"));
    if !public_file.exists() {
        let status = Command::new("ssh-keygen")
            .args(["-q", "-N", "", "-C", name, "-f"])
            .arg(&file)
            .args(args)
            .status()
            .expect("ssh-keygen runs");
        assert!(status.success(), "ssh-keygen {args:?} failed");
    }
    let public = std::fs::read_to_string(&public_file).expect("read .pub");
    public
        .split_whitespace()
        .take(2)
        .collect::<Vec<_>>()
        .join(" ")
}

/// 30% ed25519, 40% RSA 2048–4096, 30% ECDSA, each line its own comment.
fn authorized_keys(dir: &Path) -> PathBuf {
    let path = dir.join("authorized_keys");
    if path.exists() {
        return path;
    }
    std::fs::create_dir_all(dir).expect("bench dir");
    let mut pool: Vec<(usize, String)> = Vec::new();
    let mut add = |weight: usize, count: usize, prefix: &str, args: &[&str]| {
        for i in 0..count {
            pool.push((weight, keygen(dir, &format!("{prefix}-{i}"), args)));
        }
    };
    add(30, 10, "ed25519", &["-t", "ed25519"]);
    add(20, 4, "rsa2048", &["-t", "rsa", "-b", "2048"]);
    add(12, 3, "rsa3072", &["-t", "rsa", "-b", "3072"]);
    add(8, 2, "rsa4096", &["-t", "rsa", "-b", "4096"]);
    add(10, 2, "p256", &["-t", "ecdsa", "-b", "256"]);
    add(10, 2, "p384", &["-t", "ecdsa", "-b", "384"]);
    add(10, 2, "p521", &["-t", "ecdsa", "-b", "521"]);
    // Expand the weights into a repeating schedule of 100 slots.
    let mut schedule = Vec::new();
    for (weight, line) in &pool {
        let same_kind = pool
            .iter()
            .filter(|(w, l)| w == weight && l[..8] == line[..8])
            .count();
        schedule.extend(std::iter::repeat_n(
            line.as_str(),
            (weight / same_kind).max(1),
        ));
    }
    let mut text = String::new();
    for i in 0..LINES {
        text.push_str(schedule[(i * 37) % schedule.len()]);
        text.push_str(&format!(" user{i}@host{}\n", i % 97));
    }
    std::fs::write(&path, text).expect("write authorized_keys");
    path
}

fn best_and_median(mut runs: Vec<Duration>) -> (Duration, Duration) {
    runs.sort();
    (runs[0], runs[runs.len() / 2])
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench");
    let path = authorized_keys(&dir);
    let text = std::fs::read_to_string(&path).expect("read authorized_keys");
    println!(
        "file: {} ({} lines, {:.2} MB)",
        path.display(),
        text.lines().count(),
        text.len() as f64 / 1e6
    );

    let mut runs = Vec::new();
    let mut found = 0;
    for _ in 0..30 {
        let start = Instant::now();
        let findings = keyward::keys::inspect(&text);
        runs.push(start.elapsed());
        found = findings.iter().filter(|f| f.key.is_some()).count();
    }
    let (best, median) = best_and_median(runs);
    println!(
        "keyward parse + SHA-256 fingerprint: best {:.2} ms, median {:.2} ms ({found} keys)",
        ms(best),
        ms(median)
    );

    let findings = keyward::keys::inspect(&text);
    let mut runs = Vec::new();
    for _ in 0..10 {
        let start = Instant::now();
        let mut bytes = 0;
        for key in findings.iter().filter_map(|f| f.key.as_ref()) {
            bytes += key.md5().len() + key.openssh().len();
        }
        std::hint::black_box(bytes);
        runs.push(start.elapsed());
    }
    let (md5_best, _) = best_and_median(runs);
    println!(
        "  + MD5 fingerprint and canonical line for every key: {:.2} ms more",
        ms(md5_best)
    );

    let mut runs = Vec::new();
    for _ in 0..3 {
        let start = Instant::now();
        let out = Command::new("ssh-keygen")
            .arg("-l")
            .arg("-f")
            .arg(&path)
            .output()
            .expect("ssh-keygen");
        runs.push(start.elapsed());
        assert!(out.status.success());
    }
    let (keygen_best, _) = best_and_median(runs);
    println!(
        "ssh-keygen -l -f (same file): best {:.0} ms",
        ms(keygen_best)
    );
    println!(
        "ratio: keyward is {:.0}x faster than ssh-keygen -l",
        keygen_best.as_secs_f64() / best.as_secs_f64()
    );
}
