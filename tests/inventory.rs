//! The inventory model on recorded provider answers: entries are built from
//! the records the providers' own parsers return, with keys generated now
//! by ssh-keygen (whose fingerprints are the expected ones).

#![cfg(not(target_arch = "wasm32"))]

#[path = "support/inventory_data.rs"]
mod data;

use data::{entries, keys, NOW, VAGRANT_SHA256};
use keyward::inventory::{
    self, authorized_keys, find, findings, groups, parse_query, to_csv, to_json, FindingCode,
    Policy, Query, Severity, CSV_HEADER,
};
fn codes_of(found: &[inventory::Finding], entry: usize) -> Vec<FindingCode> {
    let mut codes: Vec<_> = found
        .iter()
        .filter(|f| f.entries.contains(&entry))
        .map(|f| f.code)
        .collect();
    codes.sort();
    codes
}

#[test]
fn entries_carry_the_engines_facts_not_the_providers() {
    let k = keys();
    let e = entries();
    assert_eq!(e[0].fingerprint.as_deref(), Some(k.ed25519.sha256.as_str()));
    assert_eq!(e[0].md5.as_deref(), Some(k.ed25519.md5.as_str()));
    assert_eq!(e[0].key_type.as_deref(), Some("ssh-ed25519"));
    assert_eq!((e[1].bits, e[4].bits), (Some(1024), Some(1024)));
    assert_eq!(e[3].fingerprint.as_deref(), Some(VAGRANT_SHA256));
    // The key line is kept without its comment: the title names it.
    assert!(e[0]
        .public_key
        .as_deref()
        .is_some_and(|l| !l.contains(" ed")));
    assert_eq!(e[5].fingerprint.as_deref(), Some(k.ed25519.sha256.as_str()));
    assert_eq!(e[5].key_type, None);
    assert_eq!(
        (e[6].fingerprint.as_deref(), e[6].key_problem.as_deref()),
        (None, None)
    );
    assert_eq!(e[9].fingerprint, None);
    assert!(e[9].key_problem.is_some());
    // A recorded fingerprint never replaces a computed one, and must be well-formed.
    let kept = e[0].clone().with_recorded_fingerprint(Some(VAGRANT_SHA256));
    assert_eq!(kept.fingerprint, e[0].fingerprint);
    assert_eq!(
        e[6].clone()
            .with_recorded_fingerprint(Some("SHA256:x"))
            .fingerprint,
        None
    );
}

#[test]
fn each_finding_is_raised_where_it_applies_and_nowhere_else() {
    let e = entries();
    let found = findings(&e, &Policy::default(), NOW);
    use FindingCode::*;
    assert_eq!(codes_of(&found, 0), vec![SameKeyInSeveralPlaces]);
    assert_eq!(
        codes_of(&found, 1),
        vec![RsaWeak, GitHubDeletesSoon, Unused]
    );
    assert_eq!(
        codes_of(&found, 2),
        vec![ReadWriteDeployKey, NeverUsed, SameKeyInSeveralPlaces]
    );
    assert_eq!(codes_of(&found, 3), vec![KnownCompromised]);
    assert_eq!(codes_of(&found, 4), vec![Dsa]);
    assert_eq!(codes_of(&found, 5), vec![SameKeyInSeveralPlaces]);
    assert_eq!(codes_of(&found, 6), vec![ExpiresSoon, NeverUsed]);
    assert_eq!(codes_of(&found, 7), vec![Expired]);
    assert_eq!(codes_of(&found, 8), vec![NeverExpires]);
    assert_eq!(codes_of(&found, 9), vec![NeverUsed, Unreadable]);
    // Sorted by severity, the compromised key first, with a link to act.
    assert_eq!(found[0].code, KnownCompromised);
    assert_eq!(found[0].severity, Severity::Critical);
    assert_eq!(found[0].link, "/repos/o/v/keys");
    assert!(
        found[0].why.contains("Vagrant insecure RSA key"),
        "{}",
        found[0].why
    );
    assert!(found.windows(2).all(|w| w[0].severity <= w[1].severity));
    let shared = found
        .iter()
        .find(|f| f.code == SameKeyInSeveralPlaces)
        .unwrap();
    assert_eq!(shared.entries, vec![0, 2, 5]);
    let deletes = found.iter().find(|f| f.code == GitHubDeletesSoon).unwrap();
    assert!(deletes.why.contains("356 days"), "{}", deletes.why);
    let soon = found.iter().find(|f| f.code == ExpiresSoon).unwrap();
    assert!(soon.why.contains("in 5 days"), "{}", soon.why);
}

#[test]
fn the_policy_changes_the_findings() {
    let e = entries();
    use FindingCode::*;
    let count = |policy: &Policy, code| {
        findings(&e, policy, NOW)
            .iter()
            .filter(|f| f.code == code)
            .count()
    };
    let base = Policy::default();
    let lenient = Policy {
        min_rsa_bits: 1024,
        allow_read_write_deploy_keys: true,
        max_unused_days: None,
        expiry_warning_days: 3,
        ..Policy::default()
    };
    for code in [RsaWeak, ReadWriteDeployKey, Unused, ExpiresSoon] {
        assert!(
            count(&base, code) > 0 && count(&lenient, code) == 0,
            "{code:?}"
        );
    }
    let strict = Policy {
        allowed_types: vec!["ssh-ed25519".into()],
        max_age_days: Some(100),
        added_by: Some(" Mallory ".into()),
        ..Policy::default()
    };
    assert_eq!((count(&base, TypeNotAllowed), count(&base, TooOld)), (0, 0));
    assert_eq!(count(&base, AddedBy), 0);
    let found = findings(&e, &strict, NOW);
    // The RSA keys (Vagrant's, the 1024-bit one); DSA has its own finding.
    assert_eq!(
        found
            .iter()
            .filter(|f| f.code == TypeNotAllowed)
            .map(|f| f.entries[0])
            .collect::<Vec<_>>(),
        vec![1, 3]
    );
    assert!(codes_of(&found, 2).contains(&AddedBy));
    assert!(found
        .iter()
        .any(|f| f.code == TooOld && f.entries == vec![1]));
    assert_eq!(
        base.check_new_key("ssh-rsa", 1024, true).len(),
        2,
        "weak RSA and read-write"
    );
    assert!(base.check_new_key("ssh-ed25519", 256, false).is_empty());
    assert_eq!(
        strict
            .check_new_key("ecdsa-sha2-nistp256", 256, false)
            .len(),
        1
    );
    // Kept as JSON by the page: a stored policy missing fields still loads.
    let stored: Policy = serde_json::from_str(r#"{"min_rsa_bits":3072}"#).unwrap();
    assert_eq!(
        (stored.min_rsa_bits, stored.max_unused_days),
        (3072, Some(90))
    );
    let round: Policy = serde_json::from_str(&serde_json::to_string(&strict).unwrap()).unwrap();
    assert_eq!(round, strict);
}

#[test]
fn groups_put_keys_in_several_places_first() {
    let e = entries();
    let g = groups(&e);
    assert_eq!(g[0].fingerprint, keys().ed25519.sha256);
    assert_eq!(g[0].entries, vec![0, 2, 5]);
    assert!(g[1..].iter().all(|g| g.entries.len() == 1));
    // Tokens and unreadable keys belong to no group.
    assert_eq!(g.iter().map(|g| g.entries.len()).sum::<usize>(), 6);
}

#[test]
fn find_a_key_by_pasted_key_fingerprint_or_text() {
    let k = keys();
    let e = entries();
    let by = |input: &str| parse_query(input).map(|q| find(&e, &q));
    assert_eq!(by(&k.ed25519.line), Ok(vec![0, 2, 5]));
    assert_eq!(by(&k.ed25519.sha256), Ok(vec![0, 2, 5]));
    assert_eq!(by(&format!("  {}=  ", k.ed25519.sha256)), Ok(vec![0, 2, 5]));
    assert_eq!(by(&k.rsa1024.md5), Ok(vec![1]));
    assert_eq!(
        by(&k.rsa1024.md5.trim_start_matches("MD5:").to_uppercase()),
        Ok(vec![1])
    );
    // A private key matches through its public half, and says so.
    let query = parse_query(&k.ed25519.private).expect("a private key is read");
    assert_eq!(query, Query::PublicHalfOf(k.ed25519.sha256.clone()));
    assert!(query.describe().contains("not kept or sent"));
    assert_eq!(find(&e, &query), vec![0, 2, 5]);
    assert_eq!(by(&k.ecdsa.line), Ok(vec![]));
    assert_eq!(by("MALLORY"), Ok(vec![2]), "added by");
    assert_eq!(by("o/v"), Ok(vec![3]));
    assert_eq!(by("forever"), Ok(vec![8]));
    // Things that look like keys or fingerprints but are not are errors.
    for bad in [
        "",
        "  ",
        "SHA256:abc",
        "MD5:12:34",
        "ssh-ed25519 AAAAC3Nza",
        "-----BEGIN OPENSSH PRIVATE KEY-----\nxx\n-----END OPENSSH PRIVATE KEY-----",
    ] {
        assert!(parse_query(bad).is_err(), "{bad:?}");
    }
    let two = format!("{}\n{}", k.ed25519.line, k.ecdsa.line);
    assert!(parse_query(&two).is_err_and(|m| m.contains("2 keys")));
}

#[test]
fn csv_has_its_header_quotes_and_guards_against_formulas() {
    let e = entries();
    let found = findings(&e, &Policy::default(), NOW);
    let csv = to_csv(&e, &found);
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(lines[0], CSV_HEADER.join(","));
    assert_eq!(lines[0], "provider,connection,place,kind,title,id,key_type,bits,sha256,md5,created_at,last_used_at,added_by,expires_at,access,link,findings");
    assert_eq!(
        lines.len(),
        e.len() + 2,
        "one row per entry, CRLF-terminated"
    );
    assert_eq!(lines.last(), Some(&""));
    assert!(lines[4]
        .starts_with("GitHub,Work,deploy key on o/v,ssh-key,vagrant,4,ssh-rsa,2048,SHA256:"));
    assert!(
        lines[4].ends_with(",read-only,/repos/o/v/keys,known-compromised"),
        "{}",
        lines[4]
    );
    // Quotes and commas are quoted; a formula is defused with a quote mark.
    assert!(
        lines[6].contains(r#","modules, ""main""","#),
        "{}",
        lines[6]
    );
    assert!(lines[5].contains(",'=cmd|' /C calc'!A0,"), "{}", lines[5]);
    assert!(!csv.contains(",=cmd"));
}

#[test]
fn json_round_trips_with_metadata_only() {
    let e = entries();
    let found = findings(&e, &Policy::default(), NOW);
    let json = to_json(&e, &found);
    let value: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(value["format"], "keyward-inventory/1");
    let listed = value["entries"].as_array().expect("entries");
    assert_eq!(listed.len(), e.len());
    assert_eq!(listed[3]["sha256"], VAGRANT_SHA256);
    assert_eq!(listed[3]["provider"], "github");
    assert_eq!(listed[3]["place"]["repository"], "o/v");
    assert_eq!(listed[1]["bits"], 1024);
    let back: Vec<inventory::Finding> =
        serde_json::from_value(value["findings"].clone()).expect("findings read back");
    assert_eq!(back, found);
    assert_eq!(value["findings"][0]["code"], "known-compromised");
    fn names(value: &serde_json::Value, out: &mut Vec<String>) {
        match value {
            serde_json::Value::Object(map) => map.iter().for_each(|(k, v)| {
                out.push(k.to_lowercase());
                names(v, out)
            }),
            serde_json::Value::Array(items) => items.iter().for_each(|v| names(v, out)),
            _ => {}
        }
    }
    let mut fields = Vec::new();
    names(&value, &mut fields);
    assert!(fields.contains(&"sha256".to_string()));
    for field in fields {
        assert!(
            !["token", "secret", "private", "password"]
                .iter()
                .any(|w| field.contains(w)),
            "{field}"
        );
    }
    assert!(
        !json.contains("AAAA"),
        "no key material: fingerprints identify keys"
    );
}

#[test]
fn authorized_keys_has_one_line_per_distinct_key() {
    let k = keys();
    let mut e = entries();
    e[0].title = "laptop\nwith a line break".into();
    let text = authorized_keys(&e, &[0, 2, 5, 6, 1, 99]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    let ed_key = k.ed25519.line.rsplit_once(' ').map(|(l, _)| l).unwrap();
    assert_eq!(lines[0], format!("{ed_key} laptop with a line break"));
    assert!(lines[1].starts_with("ssh-rsa AAAA") && lines[1].ends_with(" old laptop"));
    // Every line is a key the engine (and so ssh-keygen) reads back.
    for finding in keyward::keys::inspect(&text) {
        assert!(finding.is_usable_public());
    }
}
