//! Exports of the inventory: CSV and JSON of the metadata and findings
//! (never a token or a secret, and not the keys themselves: fingerprints
//! identify them), and an `authorized_keys` file of chosen public keys.

use super::{Entry, Finding};
use serde::Serialize;

/// The CSV's columns, in order. Dates are RFC 3339 as the provider sent
/// them; `access` is `read-only`, `read-write` or empty; `findings` lists the
/// entry's finding codes, most severe first, separated by spaces.
pub const CSV_HEADER: [&str; 17] = [
    "provider",
    "connection",
    "place",
    "kind",
    "title",
    "id",
    "key_type",
    "bits",
    "sha256",
    "md5",
    "created_at",
    "last_used_at",
    "added_by",
    "expires_at",
    "access",
    "link",
    "findings",
];

fn access(entry: &Entry) -> &'static str {
    match entry.read_only {
        Some(true) => "read-only",
        Some(false) => "read-write",
        None => "",
    }
}

fn kind(entry: &Entry) -> &'static str {
    match entry.kind {
        super::EntryKind::SshKey => "ssh-key",
        super::EntryKind::Token => "token",
    }
}

/// The codes of the findings about entry `index`, in the findings' order.
fn codes_for(findings: &[Finding], index: usize) -> Vec<&'static str> {
    findings
        .iter()
        .filter(|f| f.entries.contains(&index))
        .map(|f| f.code.as_str())
        .collect()
}

/// One CSV cell: RFC 4180 quoting, and a cell a spreadsheet would run as a
/// formula (starting with `=`, `+`, `-`, `@`, tab or carriage return) gets a
/// `'` in front, so a title chosen by someone else cannot run in it.
fn cell(value: &str) -> String {
    let guarded = match value.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{value}"),
        _ => value.to_string(),
    };
    if guarded.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// The inventory as CSV ([`CSV_HEADER`], then one row per entry; CRLF line
/// ends, as RFC 4180 says).
pub fn to_csv(entries: &[Entry], findings: &[Finding]) -> String {
    let mut out = CSV_HEADER.join(",");
    out.push_str("\r\n");
    for (index, entry) in entries.iter().enumerate() {
        let bits = entry.bits.map(|b| b.to_string()).unwrap_or_default();
        let codes = codes_for(findings, index).join(" ");
        let row: [&str; 17] = [
            entry.provider.name(),
            &entry.connection,
            &entry.place.describe(),
            kind(entry),
            &entry.title,
            &entry.id,
            entry.key_type.as_deref().unwrap_or(""),
            &bits,
            entry.fingerprint.as_deref().unwrap_or(""),
            entry.md5.as_deref().unwrap_or(""),
            entry.created_at.as_deref().unwrap_or(""),
            entry.last_used_at.as_deref().unwrap_or(""),
            entry.added_by.as_deref().unwrap_or(""),
            entry.expires_at.as_deref().unwrap_or(""),
            access(entry),
            &entry.link,
            &codes,
        ];
        let cells: Vec<String> = row.into_iter().map(cell).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

/// One entry in the JSON export: the CSV's fields, typed.
#[derive(Serialize)]
struct JsonEntry<'a> {
    provider: &'static str,
    connection: &'a str,
    place: &'a super::Place,
    place_description: String,
    kind: &'static str,
    title: &'a str,
    id: &'a str,
    key_type: Option<&'a str>,
    bits: Option<u32>,
    sha256: Option<&'a str>,
    md5: Option<&'a str>,
    created_at: Option<&'a str>,
    last_used_at: Option<&'a str>,
    added_by: Option<&'a str>,
    expires_at: Option<&'a str>,
    read_only: Option<bool>,
    link: &'a str,
}

#[derive(Serialize)]
struct JsonExport<'a> {
    /// Names this document's shape, for whoever reads it later.
    format: &'static str,
    entries: Vec<JsonEntry<'a>>,
    findings: &'a [Finding],
}

/// The inventory and its findings as JSON (`format`, `entries`,
/// `findings`; a finding's `entries` index into `entries`).
pub fn to_json(entries: &[Entry], findings: &[Finding]) -> String {
    let export = JsonExport {
        format: "keyward-inventory/1",
        entries: entries
            .iter()
            .map(|e| JsonEntry {
                provider: e.provider.slug(),
                connection: &e.connection,
                place: &e.place,
                place_description: e.place.describe(),
                kind: kind(e),
                title: &e.title,
                id: &e.id,
                key_type: e.key_type.as_deref(),
                bits: e.bits,
                sha256: e.fingerprint.as_deref(),
                md5: e.md5.as_deref(),
                created_at: e.created_at.as_deref(),
                last_used_at: e.last_used_at.as_deref(),
                added_by: e.added_by.as_deref(),
                expires_at: e.expires_at.as_deref(),
                read_only: e.read_only,
                link: &e.link,
            })
            .collect(),
        findings,
    };
    // Plain data: serialising it cannot fail.
    serde_json::to_string_pretty(&export).unwrap_or_default()
}

/// An `authorized_keys` file of the selected entries' public keys: one line
/// per distinct key (the first selected entry wins), its title as comment.
/// Entries without a public key (tokens, TFE keys) are left out.
pub fn authorized_keys(entries: &[Entry], selection: &[usize]) -> String {
    let mut seen = std::collections::HashSet::new();
    let mut out = String::new();
    for entry in selection.iter().filter_map(|&i| entries.get(i)) {
        let Some(line) = entry.public_key.as_deref() else {
            continue;
        };
        if !seen.insert(line) {
            continue;
        }
        out.push_str(line);
        // A comment runs to the end of the line: no line breaks in it.
        let comment: String = entry
            .title
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let comment = comment.trim();
        if !comment.is_empty() {
            out.push(' ');
            out.push_str(comment);
        }
        out.push('\n');
    }
    out
}
