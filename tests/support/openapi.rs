//! A small OpenAPI 3.0 validator for tests: finds an operation by path
//! template and method, checks a request (path, query, JSON body) or a
//! response (status, JSON body) against it, and hands out the spec's own
//! examples.
//!
//! It covers the JSON-schema subset that API descriptions like GitHub's use:
//! `$ref` (any local `#/…` pointer), `type` with `nullable`, `properties`,
//! `required`, `additionalProperties`, `items`, `enum`, `allOf`/`anyOf`/
//! `oneOf` (with `discriminator`), `minLength`/`maxLength`, `minimum`/
//! `maximum`, `minItems`/`maxItems`, `pattern` (see `pattern.rs`; skipped if
//! unsupported) and the formats `date-time`, `uri` and `email`, loosely.
//!
//! Requests are checked strictly: a property the schema does not declare is
//! an error (a misspelled field is silently ignored by a server, so it must
//! fail here). Responses are checked leniently: servers may add fields.
//!
//! Use it from a test file with
//! `#[path = "support/openapi.rs"] mod openapi;`.

#![allow(dead_code)] // each test file uses a different part

#[path = "pattern.rs"]
mod pattern;

use serde_json::Value;
use std::collections::BTreeSet;
use std::path::PathBuf;

/// Reads a spec from `target/spec/<file>` under the crate root. Panics with
/// the fix when it is missing.
pub(crate) fn load_spec(file: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("target/spec")
        .join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|error| {
        panic!(
            "{} is missing ({error}): run scripts/setup.sh",
            path.display()
        )
    });
    serde_json::from_str(&text)
        .unwrap_or_else(|error| panic!("{} is not JSON ({error})", path.display()))
}

/// Follows `$ref`s (chains too) to the schema, response, parameter,
/// example or request body they point at.
pub(crate) fn resolve<'s>(spec: &'s Value, mut node: &'s Value) -> Result<&'s Value, String> {
    for _ in 0..32 {
        let Some(reference) = node.get("$ref").and_then(Value::as_str) else {
            return Ok(node);
        };
        let pointer = reference
            .strip_prefix('#')
            .ok_or_else(|| format!("non-local $ref {reference}"))?;
        node = spec
            .pointer(pointer)
            .ok_or_else(|| format!("dangling $ref {reference}"))?;
    }
    Err("$ref chain too long".into())
}

/// The operation object for `method` (any case) on `path_template`.
pub(crate) fn operation<'s>(
    spec: &'s Value,
    method: &str,
    path_template: &str,
) -> Result<&'s Value, String> {
    let item = spec
        .get("paths")
        .and_then(|paths| paths.get(path_template))
        .ok_or_else(|| format!("the spec has no path {path_template}"))?;
    item.get(method.to_ascii_lowercase())
        .ok_or_else(|| format!("the spec has no {method} {path_template}"))
}

/// The operation's parameters (path-item level ones included), resolved.
pub(crate) fn parameters<'s>(
    spec: &'s Value,
    method: &str,
    path_template: &str,
) -> Result<Vec<&'s Value>, String> {
    let op = operation(spec, method, path_template)?;
    let item = &spec["paths"][path_template];
    let mut resolved = Vec::new();
    for list in [&op["parameters"], &item["parameters"]] {
        for parameter in list.as_array().into_iter().flatten() {
            resolved.push(resolve(spec, parameter)?);
        }
    }
    Ok(resolved)
}

/// Matches a concrete path against a template such as
/// `/repos/{owner}/{repo}/keys`; returns the raw (still encoded) values.
pub(crate) fn match_path(template: &str, path: &str) -> Option<Vec<(String, String)>> {
    let wanted: Vec<&str> = template.split('/').collect();
    let given: Vec<&str> = path.split('/').collect();
    if wanted.len() != given.len() {
        return None;
    }
    let mut values = Vec::new();
    for (w, g) in wanted.iter().zip(&given) {
        match w.strip_prefix('{').and_then(|w| w.strip_suffix('}')) {
            Some(name) if !g.is_empty() => values.push((name.to_string(), g.to_string())),
            Some(_) => return None,
            None if w == g => {}
            None => return None,
        }
    }
    Some(values)
}

pub(crate) fn percent_decode(text: &str) -> Result<String, String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .ok_or_else(|| format!("bad percent-encoding in {text}"))?;
            out.push(hex);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| format!("{text} is not UTF-8 once decoded"))
}

/// A path or query value as the JSON its schema expects.
fn coerce(schema: &Value, raw: &str) -> Value {
    match schema.get("type").and_then(Value::as_str) {
        Some("integer") | Some("number") => serde_json::from_str::<Value>(raw)
            .ok()
            .filter(Value::is_number)
            .unwrap_or_else(|| Value::String(raw.to_string())),
        Some("boolean") if raw == "true" || raw == "false" => Value::Bool(raw == "true"),
        _ => Value::String(raw.to_string()),
    }
}

/// Checks a request: `path_and_query` is relative to the server root
/// (e.g. `/user/keys?per_page=100&page=2`), `body` its JSON if any.
pub(crate) fn validate_request(
    spec: &Value,
    method: &str,
    path_template: &str,
    path_and_query: &str,
    body: Option<&Value>,
) -> Result<(), String> {
    let op = operation(spec, method, path_template)?;
    let declared = parameters(spec, method, path_template)?;
    let mut errors = Vec::new();
    let (path, query) = path_and_query
        .split_once('?')
        .unwrap_or((path_and_query, ""));
    let find = |name: &str, place: &str| {
        declared
            .iter()
            .find(|p| p["name"] == name && p["in"] == place)
            .copied()
    };

    match match_path(path_template, path) {
        None => errors.push(format!("path {path} does not match {path_template}")),
        Some(values) => {
            for (name, raw) in values {
                let Some(parameter) = find(&name, "path") else {
                    errors.push(format!("path parameter {name} is not declared"));
                    continue;
                };
                let decoded = percent_decode(&raw)?;
                let schema = resolve(spec, &parameter["schema"])?;
                errors.extend(check(spec, schema, &coerce(schema, &decoded), &name, true));
            }
        }
    }

    let mut seen = BTreeSet::new();
    for pair in query.split('&').filter(|pair| !pair.is_empty()) {
        let (name, raw) = pair.split_once('=').unwrap_or((pair, ""));
        let name = percent_decode(name)?;
        if !seen.insert(name.clone()) {
            errors.push(format!("query parameter {name} is repeated"));
        }
        match find(&name, "query") {
            None => errors.push(format!("query parameter {name} is not declared")),
            Some(parameter) => {
                let schema = resolve(spec, &parameter["schema"])?;
                let value = coerce(schema, &percent_decode(raw)?);
                errors.extend(check(spec, schema, &value, &name, true));
            }
        }
    }
    for parameter in &declared {
        let required = parameter["required"] == true && parameter["in"] == "query";
        if required && !seen.contains(parameter["name"].as_str().unwrap_or("")) {
            errors.push(format!(
                "required query parameter {} is missing",
                parameter["name"]
            ));
        }
    }

    let request_body = match op.get("requestBody") {
        Some(node) => Some(resolve(spec, node)?),
        None => None,
    };
    match (request_body, body) {
        (None, Some(_)) => errors.push(format!("{method} {path_template} takes no body")),
        (Some(rb), None) if rb["required"] == true => errors.push("the body is required".into()),
        (Some(rb), Some(body)) => match rb.pointer("/content/application~1json/schema") {
            Some(schema) => errors.extend(check(spec, schema, body, "body", true)),
            None => errors.push("the operation takes no JSON body".into()),
        },
        _ => {}
    }
    finish(errors)
}

/// The response object declared for `status` (exact code, `4XX`-style
/// range, or `default`), resolved.
pub(crate) fn response<'s>(
    spec: &'s Value,
    method: &str,
    path_template: &str,
    status: u16,
) -> Result<&'s Value, String> {
    let responses = &operation(spec, method, path_template)?["responses"];
    let range = format!("{}XX", status / 100);
    let node = [status.to_string(), range, "default".to_string()]
        .iter()
        .find_map(|key| responses.get(key))
        .ok_or_else(|| format!("{method} {path_template} declares no response {status}"))?;
    resolve(spec, node)
}

/// Checks a response: a status the operation does not declare is an
/// error; `body` is `None` for an empty body (e.g. 204).
pub(crate) fn validate_response(
    spec: &Value,
    method: &str,
    path_template: &str,
    status: u16,
    body: Option<&Value>,
) -> Result<(), String> {
    let declared = response(spec, method, path_template, status)?;
    let schema = declared.pointer("/content/application~1json/schema");
    let errors = match (schema, body) {
        (Some(schema), Some(body)) => check(spec, schema, body, "body", false),
        (Some(_), None) => vec![format!("response {status} must have a JSON body")],
        (None, Some(_)) => vec![format!("response {status} declares no body")],
        (None, None) => Vec::new(),
    };
    finish(errors)
}

/// `(name, value)` of each JSON example of a response (`example` or
/// `examples`, `$ref`s followed).
pub(crate) fn response_examples(
    spec: &Value,
    method: &str,
    path_template: &str,
    status: u16,
) -> Result<Vec<(String, Value)>, String> {
    let declared = response(spec, method, path_template, status)?;
    media_examples(spec, declared.pointer("/content/application~1json"))
}

/// The same for the request body.
pub(crate) fn request_examples(
    spec: &Value,
    method: &str,
    path_template: &str,
) -> Result<Vec<(String, Value)>, String> {
    let op = operation(spec, method, path_template)?;
    let body = match op.get("requestBody") {
        Some(node) => resolve(spec, node)?,
        None => return Ok(Vec::new()),
    };
    media_examples(spec, body.pointer("/content/application~1json"))
}

fn media_examples(spec: &Value, media: Option<&Value>) -> Result<Vec<(String, Value)>, String> {
    let Some(media) = media else {
        return Ok(Vec::new());
    };
    let mut found = Vec::new();
    if let Some(example) = media.get("example") {
        found.push(("example".to_string(), example.clone()));
    }
    for (name, example) in media["examples"].as_object().into_iter().flatten() {
        let example = resolve(spec, example)?;
        if let Some(value) = example.get("value") {
            found.push((name.clone(), value.clone()));
        }
    }
    Ok(found)
}

fn finish(errors: Vec<String>) -> Result<(), String> {
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.join("\n"))
    }
}

/// Validates `value` against `schema`; `strict` makes undeclared object
/// properties errors. Returns every problem found, with its location.
pub(crate) fn validate_schema(
    spec: &Value,
    schema: &Value,
    value: &Value,
    strict: bool,
) -> Result<(), String> {
    finish(check(spec, schema, value, "$", strict))
}

fn check(spec: &Value, schema: &Value, value: &Value, at: &str, strict: bool) -> Vec<String> {
    let schema = match resolve(spec, schema) {
        Ok(schema) => schema,
        Err(error) => return vec![format!("{at}: {error}")],
    };
    let mut errors = Vec::new();
    if value.is_null() {
        if schema["nullable"] == true {
            return errors;
        }
        if schema.get("type").is_some() {
            return vec![format!("{at}: null where {} is expected", schema["type"])];
        }
    }
    if let Some(allowed) = schema.get("enum").and_then(Value::as_array) {
        if !allowed.contains(value) {
            errors.push(format!("{at}: {value} is not one of {}", schema["enum"]));
        }
    }
    if let Some(kind) = schema.get("type").and_then(Value::as_str) {
        if !has_type(value, kind) {
            return vec![format!(
                "{at}: {} where {kind} is expected",
                describe(value)
            )];
        }
    }
    match value {
        Value::String(text) => errors.extend(check_string(schema, text, at)),
        Value::Number(number) => {
            let n = number.as_f64().unwrap_or(f64::NAN);
            if schema["minimum"].as_f64().is_some_and(|min| n < min) {
                errors.push(format!(
                    "{at}: {n} is below the minimum {}",
                    schema["minimum"]
                ));
            }
            if schema["maximum"].as_f64().is_some_and(|max| n > max) {
                errors.push(format!(
                    "{at}: {n} is above the maximum {}",
                    schema["maximum"]
                ));
            }
        }
        Value::Array(items) => {
            let count = items.len() as u64;
            if schema["minItems"].as_u64().is_some_and(|min| count < min) {
                errors.push(format!("{at}: fewer than {} items", schema["minItems"]));
            }
            if schema["maxItems"].as_u64().is_some_and(|max| count > max) {
                errors.push(format!("{at}: more than {} items", schema["maxItems"]));
            }
            if let Some(item_schema) = schema.get("items") {
                for (i, item) in items.iter().enumerate() {
                    errors.extend(check(
                        spec,
                        item_schema,
                        item,
                        &format!("{at}[{i}]"),
                        strict,
                    ));
                }
            }
        }
        Value::Object(fields) => errors.extend(check_object(spec, schema, fields, at, strict)),
        _ => {}
    }
    errors.extend(check_combinators(spec, schema, value, at, strict));
    errors
}

fn check_string(schema: &Value, text: &str, at: &str) -> Vec<String> {
    let mut errors = Vec::new();
    let length = text.chars().count() as u64;
    if schema["minLength"].as_u64().is_some_and(|min| length < min) {
        errors.push(format!(
            "{at}: shorter than {} characters",
            schema["minLength"]
        ));
    }
    if schema["maxLength"].as_u64().is_some_and(|max| length > max) {
        errors.push(format!(
            "{at}: longer than {} characters",
            schema["maxLength"]
        ));
    }
    if let Some(regex) = schema.get("pattern").and_then(Value::as_str) {
        // Unsupported syntax: skipped (the format is then only loosely checked).
        if let Ok(false) = pattern::is_match(regex, text) {
            errors.push(format!("{at}: {text:?} does not match the pattern {regex}"));
        }
    }
    let format_ok = match schema.get("format").and_then(Value::as_str) {
        Some("date-time") => is_date_time(text),
        Some("uri") => is_uri(text),
        Some("email") => text.contains('@'),
        _ => true,
    };
    if !format_ok {
        errors.push(format!("{at}: {text:?} is not a {}", schema["format"]));
    }
    errors
}

fn check_object(
    spec: &Value,
    schema: &Value,
    fields: &serde_json::Map<String, Value>,
    at: &str,
    strict: bool,
) -> Vec<String> {
    let mut errors = Vec::new();
    let properties = schema.get("properties").and_then(Value::as_object);
    for name in schema["required"].as_array().into_iter().flatten() {
        if let Some(name) = name.as_str() {
            if !fields.contains_key(name) {
                errors.push(format!("{at}: required property {name} is missing"));
            }
        }
    }
    let declared = declared_properties(spec, schema);
    for (name, field) in fields {
        let path = format!("{at}.{name}");
        if let Some(property) = properties.and_then(|p| p.get(name)) {
            errors.extend(check(spec, property, field, &path, strict));
            continue;
        }
        match schema.get("additionalProperties") {
            Some(Value::Bool(false)) => errors.push(format!("{path}: not allowed here")),
            Some(extra @ Value::Object(_)) => {
                errors.extend(check(spec, extra, field, &path, strict))
            }
            _ if strict && !declared.contains("*") && !declared.contains(name.as_str()) => {
                errors.push(format!("{path}: the schema does not declare this property"))
            }
            _ => {}
        }
    }
    errors
}

/// Property names this schema declares, its `allOf`/`anyOf`/`oneOf`
/// branches included (so strict mode does not flag a property that another
/// branch declares). `*` when anything goes.
fn declared_properties<'s>(spec: &'s Value, schema: &'s Value) -> BTreeSet<&'s str> {
    let mut names = BTreeSet::new();
    let Ok(schema) = resolve(spec, schema) else {
        return names;
    };
    for name in schema["properties"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(n, _)| n)
    {
        names.insert(name.as_str());
    }
    if schema
        .get("additionalProperties")
        .is_some_and(|a| a != false)
    {
        names.insert("*");
    }
    for key in ["allOf", "anyOf", "oneOf"] {
        for branch in schema[key].as_array().into_iter().flatten() {
            names.extend(declared_properties(spec, branch));
        }
    }
    names
}

fn check_combinators(
    spec: &Value,
    schema: &Value,
    value: &Value,
    at: &str,
    strict: bool,
) -> Vec<String> {
    let mut errors = Vec::new();
    // Branches are checked leniently: strictness applies to the union of
    // their properties, which check_object already did.
    let branch = |s: &Value| check(spec, s, value, at, false);
    for sub in schema["allOf"].as_array().into_iter().flatten() {
        errors.extend(branch(sub));
    }
    if let Some(options) = schema["anyOf"].as_array() {
        if !options.iter().any(|s| branch(s).is_empty()) {
            errors.push(format!("{at}: matches none of anyOf"));
        }
    }
    if let Some(options) = schema["oneOf"].as_array() {
        let chosen = schema
            .pointer("/discriminator/propertyName")
            .and_then(Value::as_str)
            .and_then(|property| value.get(property))
            .and_then(Value::as_str)
            .and_then(|tag| schema.pointer(&format!("/discriminator/mapping/{tag}")));
        let matching = options.iter().filter(|s| branch(s).is_empty()).count();
        match chosen {
            Some(target) => errors.extend(check(spec, target, value, at, strict)),
            // A discriminator declared but its property absent (GitHub's
            // own `/user` examples): the branches overlap, one is enough.
            None if schema.get("discriminator").is_some() && matching >= 1 => {}
            None if matching == 1 => {}
            None => errors.push(format!("{at}: matches {matching} of oneOf, not exactly 1")),
        }
    }
    errors
}

fn has_type(value: &Value, kind: &str) -> bool {
    match kind {
        "string" => value.is_string(),
        "boolean" => value.is_boolean(),
        "array" => value.is_array(),
        "object" => value.is_object(),
        "number" => value.is_number(),
        "integer" => {
            value.is_i64() || value.is_u64() || value.as_f64().is_some_and(|f| f.fract() == 0.0)
        }
        "null" => value.is_null(),
        _ => true,
    }
}

fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("boolean {b}"),
        Value::Number(n) => format!("number {n}"),
        Value::String(s) => format!("string {s:?}"),
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
    }
}

/// RFC 3339, loosely: `YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)`.
pub(crate) fn is_date_time(text: &str) -> bool {
    let b = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        b.get(range)
            .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
    };
    let shape = b.len() >= 20
        && digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
        && matches!(b[10], b'T' | b't' | b' ')
        && digits(11..13)
        && b[13] == b':'
        && digits(14..16)
        && b[16] == b':'
        && digits(17..19);
    if !shape {
        return false;
    }
    let mut rest = &text[19..];
    if let Some(fraction) = rest.strip_prefix('.') {
        let n = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 {
            return false;
        }
        rest = &fraction[n..];
    }
    let offset = rest.as_bytes();
    matches!(rest, "Z" | "z")
        || (offset.len() == 6
            && matches!(offset[0], b'+' | b'-')
            && offset[1..3].iter().all(u8::is_ascii_digit)
            && offset[3] == b':'
            && offset[4..6].iter().all(u8::is_ascii_digit))
}

/// A scheme, a colon, something after it.
pub(crate) fn is_uri(text: &str) -> bool {
    match text.split_once(':') {
        Some((scheme, rest)) => {
            !rest.is_empty()
                && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}
