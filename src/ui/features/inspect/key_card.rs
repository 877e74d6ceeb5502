//! One card per finding: a key's facts, or a plain-words problem.

use super::certificate_details::CertificateDetails;
use crate::keys::{Finding, Kind, SshKey};
use crate::ui::format::kind_label;
use crate::ui::widgets::CopyButton;
use crate::ui::widgets::Message;
use leptos::prelude::*;

/// Everything the engine found about one key in the paste.
#[component]
pub(crate) fn KeyCard(
    /// The finding to show.
    finding: Finding,
) -> impl IntoView {
    let kind = finding.kind;
    let line = finding.line;
    let title = match (&finding.key, kind) {
        (_, Kind::Private) => "Private key: never share it".to_string(),
        (Some(key), Kind::Public | Kind::Certificate) => {
            format!("{} · {} bits", key.short_type(), key.bits)
        }
        _ => "Not a usable key".to_string(),
    };
    let header = view! {
        <header class="card__header">
            <span class=format!("badge badge--{}", kind.as_str())>{kind_label(kind)}</span>
            <h2 class="card__title">{title}</h2>
            <p class="card__meta">{format!("Line {line} · {}", finding.format)}</p>
        </header>
    };
    let body = match kind {
        Kind::Private => private_body(finding).into_any(),
        Kind::Public | Kind::Certificate if finding.key.is_some() => {
            public_body(finding).into_any()
        }
        _ => invalid_body(finding).into_any(),
    };
    view! {
        <article class=format!("card card--{}", kind.as_str()) aria-label=format!("Key on line {line}")>
            {header}
            {body}
        </article>
    }
}

/// A public key or certificate: facts, fingerprints, randomart, the line.
fn public_body(finding: Finding) -> impl IntoView {
    let Finding {
        key,
        certificate,
        problem,
        repairs,
        lints,
        ..
    } = finding;
    let Some(key) = key else {
        return ().into_any();
    };
    let line = key.openssh_with_comment();
    let plain_line = key.plain_openssh();
    let randomart = key.randomart();
    let certificate = certificate
        .map(|facts| *facts)
        .map(|facts| view! { <CertificateDetails facts plain_line /> });
    let lints: Vec<String> = lints.into_iter().map(|lint| lint.message).collect();
    view! {
        {problem.map(|text| view! { <p class="alert alert--warning"><Message text /></p> })}
        <div class="card__columns">
            <div class="card__main">
                {key_facts(&key)}
                <section class="section">
                    <h3>"OpenSSH line"</h3>
                    <KeyLine line />
                </section>
            </div>
            <figure class="randomart">
                <pre class="randomart__art" role="img" aria-label="Randomart image of the key">{randomart}</pre>
                <figcaption>"Randomart, as " <code>"ssh-keygen -lv"</code> " draws it"</figcaption>
            </figure>
        </div>
        {notes("Repaired", "section--repaired", repairs)}
        {notes("Warnings", "section--warnings", lints)}
        {certificate}
    }
    .into_any()
}

/// Type, size, comment and both fingerprints, as `ssh-keygen -l` prints them.
fn key_facts(key: &SshKey) -> impl IntoView {
    let comment = match &key.comment {
        Some(comment) if !comment.is_empty() => {
            view! { <dd class="facts__comment">{comment.clone()}</dd> }.into_any()
        }
        _ => view! { <dd class="facts__none">"(none)"</dd> }.into_any(),
    };
    view! {
        <dl class="facts">
            <dt>"Type"</dt>
            <dd>{format!("{} ({})", key.short_type(), key.algorithm)}</dd>
            <dt>"Size"</dt>
            <dd>{format!("{} bits", key.bits)}</dd>
            <dt>"Comment"</dt>
            {comment}
            <dt>"SHA-256 fingerprint"</dt>
            <dd>
                <code class="fingerprint">{key.sha256.clone()}</code>
            </dd>
            <dt>"MD5 fingerprint"</dt>
            <dd>
                <code class="fingerprint">{key.md5()}</code>
            </dd>
        </dl>
    }
}

/// A private key: the warning, what we can tell, and its public half.
fn private_body(finding: Finding) -> impl IntoView {
    let encrypted = match finding.encrypted {
        Some(true) => "yes",
        Some(false) => "no",
        None => "unknown",
    };
    let problem = finding
        .problem
        .unwrap_or_else(|| "This is a private key, which must never be shared.".to_string());
    // Only the derived public half is shown: never a byte of the private text.
    let public_half = finding.key.map(|key| {
        let line = key.openssh_with_comment();
        view! {
            <p>
                "This private key belongs to "
                <code class="fingerprint">{key.sha256.clone()}</code>
                {format!(" ({} {} bits).", key.short_type(), key.bits)}
            </p>
            <section class="section">
                <h3>"Its public key, safe to share"</h3>
                <KeyLine line />
            </section>
        }
    });
    view! {
        <div class="alert alert--danger">
            <p class="alert__title">"Do not paste private keys anywhere."</p>
            <p>
                <Message text=problem />
            </p>
        </div>
        <p>"Encrypted with a passphrase: " <strong>{encrypted}</strong></p>
        {public_half}
        <p class="reassure">"This key stayed in your browser: nothing was sent anywhere."</p>
    }
}

/// Not a key: the reason, in plain words.
fn invalid_body(finding: Finding) -> impl IntoView {
    let message = finding
        .message()
        .unwrap_or_else(|| "This is not a usable SSH key.".to_string());
    view! {
        <p class="alert alert--danger">
            <Message text=message />
        </p>
    }
}

/// A titled list of notes ("Repaired", "Warnings"); nothing when empty.
fn notes(title: &'static str, class: &'static str, items: Vec<String>) -> impl IntoView {
    (!items.is_empty()).then(|| {
        view! {
            <section class=format!("section {class}")>
                <h3>{title}</h3>
                <ul class="notes">
                    {items
                        .into_iter()
                        .map(|text| view! { <li><Message text /></li> })
                        .collect_view()}
                </ul>
            </section>
        }
    })
}

/// A key's one line, as text to select and a Copy button.
#[component]
pub(crate) fn KeyLine(
    line: String,
    /// The button's text ("Copy plain key").
    #[prop(default = "Copy")]
    label: &'static str,
) -> impl IntoView {
    view! {
        <div class="key-line">
            <code class="key-line__text">{line.clone()}</code>
            <CopyButton text=line label />
        </div>
    }
}
