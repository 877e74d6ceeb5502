//! A provider error in plain words, shown next to where it happened, and
//! the one way the organization-keys sections send a request.

use crate::providers::{ApiError, HttpRequest, HttpResponse};
use crate::ui::state::client;
use crate::ui::state::Connection;
use leptos::prelude::*;

/// Our explanation, the provider's own words, and its field errors.
#[component]
pub fn ApiErrorNote(
    /// What went wrong.
    error: ApiError,
) -> impl IntoView {
    let provider = error
        .provider_message
        .clone()
        .map(|message| view! { " The provider said: “" {message} "”." });
    let wait = error
        .retry_after
        .map(|seconds| format!(" Wait {seconds} seconds before trying again."));
    let fields = (!error.field_errors.is_empty()).then(|| {
        let items = error
            .field_errors
            .iter()
            .map(|(field, message)| {
                let field = field.clone();
                let message = message.clone();
                view! { <li><code>{field}</code> ": " {message}</li> }
            })
            .collect_view();
        view! { <ul class="api-error__fields">{items}</ul> }
    });
    view! {
        <div class="api-error" role="alert">
            <p class="field__error">{error.explanation.clone()} {provider} {wait}</p>
            {fields}
        </div>
    }
}

/// Sends a built request for `connection`; a request refused while it was
/// built (status 0) comes back as that error, with nothing sent.
pub async fn send_request(
    connection: &Connection,
    request: Result<HttpRequest, ApiError>,
) -> Result<HttpResponse, ApiError> {
    client::send(connection, request?).await
}
