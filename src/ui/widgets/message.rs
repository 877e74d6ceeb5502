//! Engine messages in plain words, with their `command` spans as code.

use leptos::prelude::*;

/// Renders a message from the key engine; text between backticks (commands,
/// file names) becomes `<code>`.
#[component]
pub(crate) fn Message(
    /// The message, as the engine wrote it.
    #[prop(into)]
    text: String,
) -> impl IntoView {
    text.split('`')
        .enumerate()
        .map(|(i, part)| {
            let part = part.to_string();
            // Odd pieces sit between a pair of backticks. An unpaired backtick
            // leaves the last piece odd: it is still shown, only as code.
            if i % 2 == 1 {
                view! { <code>{part}</code> }.into_any()
            } else {
                part.into_any()
            }
        })
        .collect_view()
}
