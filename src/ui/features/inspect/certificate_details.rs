//! What an OpenSSH certificate says: who it is for, how long, who signed it.

use super::key_card::KeyLine;
use crate::keys::CertificateFacts;
use crate::ui::format::validity;
use leptos::prelude::*;

/// The certificate's facts and the plain key it certifies.
#[component]
pub(crate) fn CertificateDetails(
    /// The facts the engine read from the certificate.
    facts: CertificateFacts,
    /// The plain public key the certificate is for, as a canonical line.
    plain_line: Option<String>,
) -> impl IntoView {
    let CertificateFacts {
        serial,
        cert_type,
        key_id,
        principals,
        valid_after,
        valid_before,
        critical_options,
        extensions,
        ca_algorithm,
        ca_sha256,
    } = facts;
    let principals = if principals.is_empty() {
        // OpenSSH accepts a certificate without principals for any name.
        let anyone = if cert_type == "host" {
            "any host"
        } else {
            "any user"
        };
        view! { <span>"None listed: valid for " {anyone}</span> }.into_any()
    } else {
        view! { <ul class="inline-list">{names(principals)}</ul> }.into_any()
    };
    let key_id = if key_id.is_empty() {
        view! { <span>"(empty)"</span> }.into_any()
    } else {
        view! { <code>{key_id}</code> }.into_any()
    };
    let options = named_list("Critical options", critical_options);
    let extensions = named_list("Extensions", extensions);
    let plain = plain_line.map(|line| {
        view! {
            <h3>"The plain key it certifies"</h3>
            <p class="section__note">
                "Most key settings (GitHub, deploy keys) want this line, not the certificate."
            </p>
            <KeyLine line label="Copy plain key" />
        }
    });
    view! {
        <section class="section">
            <h3>"Certificate"</h3>
            <dl class="facts">
                <dt>"Certificate type"</dt>
                <dd>{cert_type}</dd>
                <dt>"Key ID"</dt>
                <dd>{key_id}</dd>
                <dt>"Principals"</dt>
                <dd>{principals}</dd>
                <dt>"Serial"</dt>
                <dd>{serial.to_string()}</dd>
                <dt>"Valid"</dt>
                <dd>{validity(valid_after, valid_before)}</dd>
                <dt>"Signed by CA"</dt>
                <dd>
                    {ca_algorithm} " " <code>{ca_sha256}</code>
                </dd>
                {options}
                {extensions}
            </dl>
            {plain}
        </section>
    }
}

/// A term and its names, or nothing when there are none.
fn named_list(term: &'static str, list: Vec<String>) -> Option<impl IntoView> {
    (!list.is_empty()).then(|| {
        view! {
            <dt>{term}</dt>
            <dd>
                <ul class="inline-list">{names(list)}</ul>
            </dd>
        }
    })
}

fn names(list: Vec<String>) -> impl IntoView {
    list.into_iter()
        .map(|name| view! { <li><code>{name}</code></li> })
        .collect_view()
}
