//! The TFE section's view of the local record of uploaded keys
//! ([`uploaded_keys`]): written when a key is added or its text replaced
//! here, followed on rename, dropped on delete, shown per row.

use crate::providers::tfe::PublicHalf;
use crate::providers::KeyRecord;
use crate::ui::state::uploaded_keys::{self, UploadedKey};
use crate::ui::state::Connection;
use leptos::prelude::*;

/// The records, re-read after every change made here.
#[derive(Clone, Copy)]
pub(super) struct Recorded {
    list: RwSignal<Vec<UploadedKey>>,
    connection: Signal<Option<Connection>>,
    organization: Signal<String>,
}

impl Recorded {
    pub(super) fn new(
        connection: Signal<Option<Connection>>,
        organization: Signal<String>,
    ) -> Self {
        Recorded {
            list: RwSignal::new(uploaded_keys::all()),
            connection,
            organization,
        }
    }

    /// Which TFE and organization the section shows (untracked).
    fn place(&self) -> Option<(String, String)> {
        let connection = self.connection.get_untracked()?;
        let org = self.organization.get_untracked().trim().to_string();
        Some((uploaded_keys::api_origin(&connection), org))
    }

    /// Remembers the public half of a key just uploaded (or re-uploaded).
    pub(super) fn remember(&self, record: &KeyRecord, public: Option<PublicHalf>) {
        let (Some((api_origin, organization)), Some(public)) = (self.place(), public) else {
            return;
        };
        uploaded_keys::record_keeping_places(UploadedKey {
            fingerprint: public.sha256,
            md5: Some(public.md5),
            key_type: public.key_type,
            bits: public.bits,
            public_key: public.openssh,
            organization,
            tfe_key_id: record.id.clone(),
            name: record.title.clone(),
            api_origin,
            recorded_at: uploaded_keys::now_rfc3339(),
            deploy_keys: Vec::new(),
        });
        self.reload();
    }

    pub(super) fn renamed(&self, record: &KeyRecord) {
        if let Some((api_origin, organization)) = self.place() {
            uploaded_keys::rename(&api_origin, &organization, &record.id, &record.title);
            self.reload();
        }
    }

    pub(super) fn deleted(&self, record: &KeyRecord) {
        if let Some((api_origin, organization)) = self.place() {
            uploaded_keys::forget(&api_origin, &organization, &record.id);
            self.reload();
        }
    }

    /// The recorded fingerprint of the key `id` of the section's list.
    pub(super) fn fingerprint(&self, id: &str) -> Option<String> {
        let connection = self.connection.get()?;
        let api_origin = uploaded_keys::api_origin(&connection);
        let organization = self.organization.get();
        self.list.with(|list| {
            list.iter()
                .find(|k| {
                    k.api_origin == api_origin
                        && k.organization == organization.trim()
                        && k.tfe_key_id == id
                })
                .map(|k| k.fingerprint.clone())
        })
    }

    pub(super) fn reload(&self) {
        self.list.try_set(uploaded_keys::all());
    }
}

/// The sentence near the list: which keys have a fingerprint, and why the
/// others cannot.
pub(super) const ABOUT_RECORDS: &str = "Keys uploaded through Keyward in this browser show the \
     fingerprint of their public half, recorded at upload; keys added elsewhere have none, \
     because Terraform never returns key material.";

/// "Fingerprint recorded: SHA256:…" on a row, when there is one.
#[component]
pub(super) fn RecordedNote(recorded: Recorded, id: String) -> impl IntoView {
    move || {
        recorded.fingerprint(&id).map(|fingerprint| {
            view! {
                <span class="org-keys__recorded">
                    "Fingerprint recorded: " <code class="fingerprint">{fingerprint}</code>
                </span>
            }
        })
    }
}
