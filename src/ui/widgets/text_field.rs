//! One labelled input: label, hint and error wired to the input once
//! (`for`/`id`, `aria-describedby`, `aria-invalid`), the value bound with
//! `bind:value`. Every form's text inputs are this component.

use leptos::prelude::*;

/// A `<div class="field">` with a label, an input and, when given, a hint
/// and an error (`role="alert"`) that the input points to.
#[component]
pub(crate) fn TextField(
    /// The input's `id`; the hint and error ids are derived from it.
    id: &'static str,
    /// The label's text, which is also the input's accessible name.
    label: &'static str,
    /// The value, read and written by the input.
    value: RwSignal<String>,
    /// A help line under the input (`<id>-help`); may change with state.
    #[prop(optional, into)]
    hint: Option<TextProp>,
    /// A problem with the value (`<id>-error`); `aria-invalid` while set.
    #[prop(optional, into)]
    error: Option<Signal<Option<String>>>,
    /// `text` (default), `url`, `password`, `number`, `search`…
    #[prop(default = "text")]
    input_type: &'static str,
    /// The browser's autocomplete hint; `off` unless told.
    #[prop(default = "off")]
    autocomplete: &'static str,
    #[prop(optional)] placeholder: Option<&'static str>,
    #[prop(optional)] required: bool,
    /// Disabled while this is true (a pending action).
    #[prop(optional, into)]
    disabled: Signal<bool>,
    /// Extra classes for the wrapper, after `field`.
    #[prop(optional)]
    class: Option<&'static str>,
) -> impl IntoView {
    let error = error.unwrap_or_else(|| Signal::stored(None));
    let hint_id = format!("{id}-help");
    let error_id = format!("{id}-error");
    let has_hint = hint.is_some();
    let described = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.as_str());
            }
            if error.with(Option::is_some) {
                ids.push(error_id.as_str());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let wrapper = match class {
        Some(extra) => format!("field {extra}"),
        None => "field".to_string(),
    };
    view! {
        <div class=wrapper>
            <label for=id>{label}</label>
            <input
                id=id
                type=input_type
                autocomplete=autocomplete
                spellcheck="false"
                placeholder=placeholder
                required=required
                disabled=move || disabled.get()
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=described
                bind:value=value
            />
            {hint.map(|text| view! { <p id=hint_id class="field__help">{move || text.get()}</p> })}
            {move || {
                error
                    .get()
                    .map(|text| {
                        view! {
                            <p id=error_id.clone() class="field__error" role="alert">
                                {text}
                            </p>
                        }
                    })
            }}
        </div>
    }
}
