//! A provider error shown where it happened: our explanation in plain
//! words, then the provider's own words, so a person can search for them or
//! quote them to an administrator.

use crate::providers::{ApiError, ErrorKind};
use crate::ui::format::utc_date;
use crate::ui::widgets::Message;
use leptos::prelude::*;

/// An alert naming what failed, why, and what the provider said: the one
/// way every page shows a provider's error.
#[component]
pub(crate) fn ProviderError(
    /// What the user was doing, as a heading: "Could not add the key".
    #[prop(optional, into)]
    context: Option<String>,
    /// The error, as the provider client explained it.
    error: ApiError,
) -> impl IntoView {
    let ApiError {
        provider_message,
        field_errors,
        retry_at,
        retry_after,
        explanation,
        status,
        kind,
    } = error;
    let details: Vec<String> = field_errors
        .into_iter()
        .map(|(field, message)| match field.as_str() {
            "" => message,
            _ => format!("{field}: {message}"),
        })
        .collect();
    let said = match (provider_message, details.is_empty()) {
        (Some(message), true) => Some(message),
        (Some(message), false) => Some(format!("{message} ({})", details.join("; "))),
        (None, false) => Some(details.join("; ")),
        (None, true) => None,
    };
    let said = said.map(|text| {
        let code = (status > 0).then(|| format!(" (HTTP {status})"));
        view! {
            <p class="alert__quote">
                "The server's own words" {code} ": " <q>{text}</q>
            </p>
        }
    });
    // GitHub sends its reset time with every answer: it matters only when
    // the limit is what failed. Seconds to wait win: the server asked them.
    let retry = match (
        retry_after,
        retry_at.filter(|_| kind == ErrorKind::RateLimited),
    ) {
        (Some(1), _) => Some("Try again in 1 second.".to_string()),
        (Some(seconds), _) => Some(format!("Try again in {seconds} seconds.")),
        (None, Some(at)) => Some(format!("The limit resets at {}.", utc_date(at))),
        _ => None,
    };
    view! {
        <div class="alert alert--danger" role="alert">
            {context.map(|context| view! { <p class="alert__title">{context}</p> })}
            <p>
                <Message text=explanation />
            </p>
            {said}
            {retry.map(|text| view! { <p>{text}</p> })}
        </div>
    }
}
