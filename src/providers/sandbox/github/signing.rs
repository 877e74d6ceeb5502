//! SSH signing keys: the holder's (`/user/ssh_signing_keys`) and anyone's
//! (`/users/{username}/ssh_signing_keys`). The same key rules as
//! authentication keys, but "already in use" counts signing keys only: one
//! key may be both an authentication key and a signing key.

use super::super::state::SandboxState;
use super::super::{json, Call};
use super::shapes::signing_key;
use super::{
    error, key_from_body, new_key, no_content_or_404, paginate, validation_failed, KEY_IN_USE,
};
use crate::providers::http::{HttpResponse, Method};

const DOCS: &str = "https://docs.github.com/rest/users/ssh-signing-keys#create-a-ssh-signing-key-for-the-authenticated-user";

pub(super) fn route(state: &mut SandboxState, call: &Call, rest: &[&str]) -> HttpResponse {
    let holder = state.github.token_holder.clone();
    let keys = || {
        state
            .github
            .users
            .iter()
            .find(|u| u.login == holder)
            .map(|u| u.signing_keys.clone())
            .unwrap_or_default()
    };
    match (call.method, rest) {
        (Method::Get, []) => paginate(call, &keys(), "/user/ssh_signing_keys", signing_key),
        (Method::Post, []) => create(state, call),
        (Method::Get, [id]) => {
            let id = id.parse::<u64>().ok();
            match keys().iter().find(|k| Some(k.id) == id) {
                Some(key) => json(200, &signing_key(key)),
                None => error(call, 404, "Not Found"),
            }
        }
        (Method::Delete, [id]) => {
            let id = id.parse::<u64>().ok();
            let removed = state.github_holder_mut().is_some_and(|user| {
                let before = user.signing_keys.len();
                user.signing_keys.retain(|k| Some(k.id) != id);
                user.signing_keys.len() != before
            });
            no_content_or_404(call, removed)
        }
        _ => error(call, 404, "Not Found"),
    }
}

/// `GET /users/{username}/ssh_signing_keys`, for anyone.
pub(super) fn public(state: &SandboxState, call: &Call, login: &str) -> HttpResponse {
    match state
        .github
        .users
        .iter()
        .find(|u| u.login.eq_ignore_ascii_case(login))
    {
        Some(user) => {
            let path = format!("/users/{}/ssh_signing_keys", user.login);
            paginate(call, &user.signing_keys, &path, signing_key)
        }
        None => error(call, 404, "Not Found"),
    }
}

fn create(state: &mut SandboxState, call: &Call) -> HttpResponse {
    let (key, title, _) = match key_from_body(call, DOCS, false) {
        Ok(parts) => parts,
        Err(refusal) => return refusal,
    };
    let in_use = state
        .github
        .users
        .iter()
        .flat_map(|u| &u.signing_keys)
        .any(|k| k.fingerprint == key.sha256);
    if in_use {
        return validation_failed(KEY_IN_USE, DOCS);
    }
    let record = new_key(state, call, &key, title, false, None);
    let id = record.id;
    let body = signing_key(&record);
    match state.github_holder_mut() {
        Some(user) => user.signing_keys.push(record),
        None => return error(call, 404, "Not Found"),
    }
    let url = call.url(&format!("/user/ssh_signing_keys/{id}"));
    json(201, &body).with_header("location", url)
}
