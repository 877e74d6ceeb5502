//! The key engine's command-line face: `cargo run --release --example inspect [FILE]`.
//!
//! Reads FILE (or standard input) and prints one JSON object per finding,
//! one per line, in the order the keys appear. Always exits 0 when the input
//! could be read: an unusable key is a finding, not a failure.

use std::io::Read;

fn main() {
    let mut input = Vec::new();
    let read = match std::env::args_os().nth(1) {
        Some(path) => std::fs::File::open(&path).and_then(|mut f| f.read_to_end(&mut input)),
        None => std::io::stdin().read_to_end(&mut input),
    };
    if let Err(error) = read {
        eprintln!("inspect: cannot read the input: {error}");
        std::process::exit(2);
    }
    let text = String::from_utf8_lossy(&input);
    for finding in keyward::keys::inspect(&text) {
        println!("{}", finding.to_json());
    }
}
