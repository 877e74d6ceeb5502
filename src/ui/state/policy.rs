//! The key policy (allowed types, minimum RSA size, ages, read-write deploy
//! keys) the person set on the All keys page, kept on this device. The All
//! keys findings and every add form's warnings read the same one.

use super::storage::{self, Area};
use crate::inventory::Policy;
use leptos::prelude::*;

const STORAGE_KEY: &str = "keyward.policy";

/// The saved policy, or the default one.
pub(crate) fn load() -> Policy {
    storage::read(Area::Local, STORAGE_KEY)
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default()
}

/// Keeps `policy` on this device; the default one is not stored at all.
pub(crate) fn save(policy: &Policy) {
    if *policy == Policy::default() {
        storage::remove(Area::Local, STORAGE_KEY);
    } else if let Ok(json) = serde_json::to_string(policy) {
        storage::write(Area::Local, STORAGE_KEY, &json);
    }
}

/// The policy as a signal shared by the page that shows it.
pub(crate) fn signal() -> RwSignal<Policy> {
    RwSignal::new(load())
}
